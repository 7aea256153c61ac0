package io.evomerge.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.evomerge.merge.ControlVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The control values of one adapter in a merge: its denoising fraction {@code alpha} and its
 * signed scale {@code beta}. Immutable.
 */
@JsonPropertyOrder({"adapter", "alpha", "beta"})
public record AdapterWeight(String adapter, double alpha, double beta) {

  public AdapterWeight {
    Objects.requireNonNull(adapter, "adapter");
  }

  public static List<AdapterWeight> of(List<String> adapterIds, ControlVectors vectors) {
    if (adapterIds.size() != vectors.size()) {
      throw new IllegalArgumentException(
          adapterIds.size() + " adapter ids but control vectors of size " + vectors.size());
    }
    List<AdapterWeight> weights = new ArrayList<>(adapterIds.size());
    for (int i = 0; i < adapterIds.size(); i++) {
      weights.add(new AdapterWeight(adapterIds.get(i), vectors.alpha(i), vectors.beta(i)));
    }
    return List.copyOf(weights);
  }
}
