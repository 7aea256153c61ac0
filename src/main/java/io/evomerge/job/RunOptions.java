package io.evomerge.job;

/**
 * How one invocation of a run behaves, beyond the configuration. Immutable.
 *
 * @param resume continue from the run's last checkpoint, if it has one
 * @param compare also run the configured comparison methods
 * @param stopAfterGenerations checkpoint and stop after this many generations of this invocation
 *     ({@link Integer#MAX_VALUE}: run to the end), a screening round counting as one; a later
 *     {@code --resume} continues
 */
public record RunOptions(boolean resume, boolean compare, int stopAfterGenerations) {

  public RunOptions {
    if (stopAfterGenerations < 1) {
      throw new IllegalArgumentException("stopAfterGenerations: " + stopAfterGenerations + " must be >= 1");
    }
  }

  public static RunOptions defaults() {
    return new RunOptions(false, false, Integer.MAX_VALUE);
  }

  public RunOptions withResume(boolean r) {
    return new RunOptions(r, compare, stopAfterGenerations);
  }

  public RunOptions withCompare(boolean c) {
    return new RunOptions(resume, c, stopAfterGenerations);
  }

  public RunOptions withStopAfterGenerations(int n) {
    return new RunOptions(resume, compare, n);
  }
}
