package io.evomerge.bench.internal;

import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.StrategySpec;
import io.evomerge.protocol.AdapterInfo;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.model.MergeModel;
import java.util.List;

/**
 * A model that takes at least {@code latencyMs} per call of {@code examplesPerCall} examples: the
 * answer of the wrapped model, after a sleep. The service asks the model one example at a time
 * (to notice a client that left), so each example sleeps its share of the call's time. The service
 * calls the model while the request holds one of its {@code max_concurrency} slots, so the latency
 * is service time under the concurrency cap, which is what the bound {@code ceil(calls / C) * L}
 * assumes. (The service's own injected latency, {@code faults.latencyMs}, is spent before
 * admission, like network delay, and does not occupy a slot.) Thread-safe.
 */
public record ServiceTime(MergeModel model, long latencyMs, int examplesPerCall) implements MergeModel {

  @Override
  public String baseModel() {
    return model.baseModel();
  }

  @Override
  public List<AdapterInfo> adapters() {
    return model.adapters();
  }

  @Override
  public List<ExampleResult> evaluate(ControlVectors vectors, List<Example> examples, StrategySpec strategy) {
    long start = System.nanoTime();
    List<ExampleResult> results = model.evaluate(vectors, examples, strategy);
    sleepRest(start, examples.size());
    return results;
  }

  @Override
  public List<String> predict(ControlVectors vectors, List<Example> examples, StrategySpec strategy) {
    return model.predict(vectors, examples, strategy);
  }

  private void sleepRest(long startNanos, int examples) {
    long left = latencyMs * 1_000_000L * examples / examplesPerCall - (System.nanoTime() - startNanos);
    if (left > 0) {
      try {
        Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while serving", e);
      }
    }
  }
}
