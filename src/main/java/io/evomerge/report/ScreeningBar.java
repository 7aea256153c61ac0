package io.evomerge.report;

import java.util.Objects;

/**
 * One screened adapter in the report's ranking chart: its loss alone against the base model's on
 * the same shards. Immutable.
 *
 * @param delta its loss minus the base model's (below 0: better than the base model alone)
 * @param shards fitness shards it was scored on
 * @param selected whether the search went over it
 */
public record ScreeningBar(String adapter, double delta, int shards, boolean selected) {

  public ScreeningBar {
    Objects.requireNonNull(adapter, "adapter");
  }
}
