package io.evomerge.job;

import io.evomerge.client.CallCounts;
import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import scala.Option;

/**
 * Where executors report what their service calls cost: attempts (retries included: what the
 * budget is charged), answers, retries and failures. Serializable.
 */
public interface CallMetrics extends Serializable {

  void add(CallCounts counts);

  /** The totals so far, as seen by the driver. */
  CallCounts total();

  /**
   * Spark accumulators {@code evomerge.attempts}, {@code .answers}, {@code .retries} and {@code
   * .failures}, counting failed task attempts too (the partition adds its counts in a {@code
   * finally}); an attempt whose executor was lost is charged by {@link LostTasks}.
   */
  static CallMetrics accumulators(JavaSparkContext jsc) {
    return new Accumulators(countingFailures(jsc, "evomerge.attempts"), countingFailures(jsc, "evomerge.answers"),
        countingFailures(jsc, "evomerge.retries"), countingFailures(jsc, "evomerge.failures"));
  }

  private static LongAccumulator countingFailures(JavaSparkContext jsc, String name) {
    LongAccumulator accumulator = new LongAccumulator();
    accumulator.register(jsc.sc(), Option.apply(name), true);
    return accumulator;
  }

  /** Backed by Spark accumulators. */
  record Accumulators(LongAccumulator attempts, LongAccumulator answers, LongAccumulator retries,
      LongAccumulator failures) implements CallMetrics {
    @Override
    public void add(CallCounts counts) {
      attempts.add(counts.attempts());
      answers.add(counts.answers());
      retries.add(counts.retries());
      failures.add(counts.failures());
    }

    @Override
    public CallCounts total() {
      return new CallCounts(attempts.value(), answers.value(), retries.value(), failures.value());
    }
  }
}
