package io.evomerge.job;

import io.evomerge.client.CallCounts;
import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Where executors report what their service calls cost: attempts, answers, retries and
 * failures, each in its own accumulator. {@code attempts} counts every attempt sent, retries
 * included: that is what the job charges to its budget. Serializable.
 */
public interface CallMetrics extends Serializable {

  void add(CallCounts counts);

  /** The totals so far, as seen by the driver. */
  CallCounts total();

  /**
   * Spark accumulators {@code evomerge.attempts}, {@code .answers}, {@code .retries} and
   * {@code .failures} (visible in the UI).
   */
  static CallMetrics accumulators(JavaSparkContext jsc) {
    return new Accumulators(
        jsc.sc().longAccumulator("evomerge.attempts"),
        jsc.sc().longAccumulator("evomerge.answers"),
        jsc.sc().longAccumulator("evomerge.retries"),
        jsc.sc().longAccumulator("evomerge.failures"));
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
