package io.evomerge.job;

/**
 * How one invocation of a run behaves, beyond the configuration. Immutable.
 *
 * @param resume continue from the run's last checkpoint; a run id without one is refused
 * @param resumeIfAny continue from the run's last checkpoint where it has one, else start it: what a
 *     scheduler's retried task needs, since its first try and its retries run the same command
 * @param compare also run the configured comparison methods
 * @param stopAfterGenerations checkpoint and stop after this many generations of this invocation
 *     ({@link Integer#MAX_VALUE}: run to the end), a screening round counting as one; a later
 *     {@code --resume} continues
 */
public record RunOptions(boolean resume, boolean resumeIfAny, boolean compare, int stopAfterGenerations) {

  public RunOptions {
    if (stopAfterGenerations < 1) {
      throw new IllegalArgumentException("stopAfterGenerations: " + stopAfterGenerations + " must be >= 1");
    }
  }

  public static RunOptions defaults() {
    return new RunOptions(false, false, false, Integer.MAX_VALUE);
  }
}
