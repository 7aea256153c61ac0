package io.evomerge.selection;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which adapters a run searches over (the configuration section {@code selection}): every
 * adapter, or the top K of a screening through the API ({@link ScreeningPlan}) plus any adapter
 * the user pins. Immutable.
 */
public record SelectionSettings(int topK, List<String> pinned, int initialShards, double keepFraction)
    implements Serializable {

  public SelectionSettings {
    atLeast("topK", topK, 0);
    pinned = distinctIds(pinned == null ? List.of() : pinned);
    atLeast("initialShards", initialShards, 1);
    if (!(keepFraction > 0 && keepFraction < 1)) {
      throw new IllegalArgumentException("keepFraction: "
          + (Double.isFinite(keepFraction) ? BigDecimal.valueOf(keepFraction).stripTrailingZeros().toPlainString()
              : keepFraction) + " must be between 0 and 1 (both excluded)");
    }
  }

  // The checks of config.Check, with its message shapes, without depending on config (which binds this section).
  private static void atLeast(String key, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(key + ": " + value + " must be >= " + min);
    }
  }

  private static List<String> distinctIds(List<String> ids) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("pinned: the list must not contain empty entries");
      }
      if (!seen.add(id)) {
        throw new IllegalArgumentException("pinned: '" + id + "' is listed twice");
      }
    }
    return List.copyOf(ids);
  }

  public static SelectionSettings all() {
    return new SelectionSettings(0, List.of(), 2, 0.5);
  }

  public static SelectionSettings topK(int k) {
    return all().withTopK(k);
  }

  public boolean screens() {
    return topK > 0;
  }

  public SelectionSettings withTopK(int value) {
    return new SelectionSettings(value, pinned, initialShards, keepFraction);
  }

  public SelectionSettings withPinned(List<String> value) {
    return new SelectionSettings(topK, value, initialShards, keepFraction);
  }

  public SelectionSettings withInitialShards(int value) {
    return new SelectionSettings(topK, pinned, value, keepFraction);
  }

  public SelectionSettings withKeepFraction(double value) {
    return new SelectionSettings(topK, pinned, initialShards, value);
  }
}
