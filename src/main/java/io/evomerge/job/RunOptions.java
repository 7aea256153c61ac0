package io.evomerge.job;

/**
 * How one invocation of a run behaves, beyond the configuration. Immutable.
 *
 * @param resume continue from the run's last checkpoint; a run id without one is refused
 * @param resumeIfAny resume where there is a checkpoint, else start: a scheduler's retried task
 * @param compare also run the configured comparison methods
 * @param stopAfterGenerations checkpoint and stop after this many generations, a screening round
 *     counting as one ({@link Integer#MAX_VALUE}: run to the end); {@code --resume} continues
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
