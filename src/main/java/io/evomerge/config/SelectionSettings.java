package io.evomerge.config;

import java.io.Serializable;
import java.util.List;

/**
 * Which adapters a run searches over (the configuration section {@code selection}): every
 * adapter, or the top K of a screening through the API ({@link io.evomerge.selection.ScreeningPlan}) plus any adapter
 * the user pins. Immutable.
 */
public record SelectionSettings(int topK, List<String> pinned, int initialShards, double keepFraction)
    implements Serializable {

  public SelectionSettings {
    Check.atLeast("topK", topK, 0);
    pinned = Check.distinctNonBlank("pinned", pinned == null ? List.of() : pinned);
    Check.atLeast("initialShards", initialShards, 1);
    if (!(keepFraction > 0 && keepFraction < 1)) {
      throw Check.invalid("keepFraction", keepFraction, "must be between 0 and 1 (both excluded)");
    }
  }

  public static SelectionSettings all() {
    return new SelectionSettings(0, List.of(), 2, 0.5);
  }

  public boolean screens() {
    return topK > 0;
  }
}
