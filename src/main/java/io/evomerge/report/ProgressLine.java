package io.evomerge.report;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The progress of a run after one generation, as one log line. Immutable; {@link #format()} is
 * a pure function of the fields.
 *
 * <p>Example: {@code [denoising] gen 3/60 best 0.412346 mean 0.456789 sigma 0.048000 calls
 * 1200/72000 elapsed 0:01:23 eta 0:27:01}. Unknown values print as {@code -}: a NaN
 * {@code sigma}, a non-positive {@code apiBudget} (no call budget: the part reads
 * {@code calls 1200}), a null {@code timeLeft}.
 *
 * @param stage the stage of the generation
 * @param generation the generation just finished, from 0 (printed from 1)
 * @param generations the planned number of generations of the run, at least 1
 * @param mean mean fitness of this generation
 * @param sigma the CMA-ES step size, NaN where the method has none
 * @param apiCalls merge-service calls used so far
 * @param apiBudget the call budget, 0 or less for none
 * @param elapsed time since the run (or the resumed attempt) started
 * @param timeLeft the estimated time to the last generation, null where unknown
 */
public record ProgressLine(String stage, int generation, int generations, double best,
    double mean, double sigma, long apiCalls, long apiBudget, Duration elapsed, Duration timeLeft) {

  public ProgressLine {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(elapsed, "elapsed");
    if (generation < 0 || generations < 1) {
      throw new IllegalArgumentException(
          "generation " + generation + " of " + generations + ": need 0 <= generation, 1 <= generations");
    }
  }

  public String format() {
    return String.format(Locale.ROOT,
        "[%s] gen %d/%d best %s mean %s sigma %s calls %s elapsed %s eta %s",
        stage, generation + 1, generations, number(best), number(mean), number(sigma),
        apiBudget > 0 ? apiCalls + "/" + apiBudget : Long.toString(apiCalls), clock(elapsed),
        timeLeft == null ? "-" : clock(timeLeft));
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : "-";
  }

  public static String clock(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }

  @Override
  public String toString() {
    return format();
  }
}
