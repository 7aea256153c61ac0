package io.evomerge.job;

import io.evomerge.config.ConfigException;
import io.evomerge.merge.ControlVectors;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which of the service's adapters a run merges. The search works over the selected adapters only;
 * the vectors sent to the service cover the whole repository, with alpha = 0 and beta = 0 (left
 * out) for the others. Immutable.
 *
 * @param repository every adapter id, in the service's order (the order of every sent vector)
 * @param selected indices into {@code repository} of the searched adapters, ascending
 */
public record AdapterSelection(List<String> repository, int[] selected) implements Serializable {

  public AdapterSelection {
    repository = List.copyOf(repository);
    selected = selected.clone();
  }

  /**
   * The adapters named in {@code wanted} (all of them when empty); an unknown id is an error that
   * lists what the service has.
   */
  public static AdapterSelection of(List<String> repository, List<String> wanted) {
    for (String id : wanted) {
      if (!repository.contains(id)) {
        throw new ConfigException("configuration", "data.adapters", "the service has no adapter '" + id
            + "'; it has: " + String.join(", ", repository));
      }
    }
    return new AdapterSelection(repository, IntStream.range(0, repository.size())
        .filter(i -> wanted.isEmpty() || wanted.contains(repository.get(i))).toArray());
  }

  /** Number of searched adapters. */
  public int size() {
    return selected.length;
  }

  /** Ids of the searched adapters, in search order. */
  public List<String> ids() {
    return Arrays.stream(selected).mapToObj(repository::get).toList();
  }

  /** The vectors for the whole repository that carry {@code searched} for the selected adapters. */
  public ControlVectors expand(ControlVectors searched) {
    if (selected.length == repository.size()) {
      return searched;
    }
    double[] alpha = new double[repository.size()];
    double[] beta = new double[repository.size()];
    for (int k = 0; k < selected.length; k++) {
      alpha[selected[k]] = searched.alpha(k);
      beta[selected[k]] = searched.beta(k);
    }
    return ControlVectors.of(alpha, beta);
  }

  @Override
  public int[] selected() {
    return selected.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AdapterSelection other
        && repository.equals(other.repository)
        && Arrays.equals(selected, other.selected);
  }

  @Override
  public int hashCode() {
    return 31 * repository.hashCode() + Arrays.hashCode(selected);
  }
}
