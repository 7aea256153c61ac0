package io.evomerge.job;

import io.evomerge.client.CallCounts;
import java.io.Serializable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Where executors report how many service calls they attempted, retried and lost. Metrics only:
 * no result depends on them (Spark may count a re-run task twice). Serializable.
 */
public interface CallMetrics extends Serializable {

  void add(CallCounts counts);

  /** The totals so far, as seen by the driver. */
  CallCounts total();

  /** Spark accumulators named {@code evomerge.calls}, {@code .retries}, {@code .failures} (visible in the UI). */
  static CallMetrics accumulators(JavaSparkContext jsc) {
    return new Accumulators(
        jsc.sc().longAccumulator("evomerge.calls"),
        jsc.sc().longAccumulator("evomerge.retries"),
        jsc.sc().longAccumulator("evomerge.failures"));
  }

  /** Backed by Spark accumulators. */
  record Accumulators(LongAccumulator calls, LongAccumulator retries, LongAccumulator failures)
      implements CallMetrics {
    @Override
    public void add(CallCounts counts) {
      calls.add(counts.attempts());
      retries.add(counts.retries());
      failures.add(counts.failures());
    }

    @Override
    public CallCounts total() {
      return new CallCounts(calls.value(), retries.value(), calls.value() - failures.value(), failures.value());
    }
  }
}
