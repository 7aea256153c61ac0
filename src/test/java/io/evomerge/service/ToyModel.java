package io.evomerge.service;

import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.AdapterInfo;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.model.MergeModel;
import io.evomerge.protocol.StrategySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A small deterministic {@link MergeModel} for testing the HTTP layer: the loss of an example
 * depends on the vectors and the example's id only, so tests can compute what the service must
 * answer. Optionally blocks inside {@code evaluate} until released, to hold a concurrency slot.
 */
public final class ToyModel implements MergeModel {

  private final int adapters;
  private final CountDownLatch entered;
  private final CountDownLatch release;
  private final AtomicLong scored = new AtomicLong();
  private final long millisPerExample;

  private ToyModel(int adapters, CountDownLatch entered, CountDownLatch release, long millisPerExample) {
    this.adapters = adapters;
    this.entered = entered;
    this.release = release;
    this.millisPerExample = millisPerExample;
  }

  private ToyModel(int adapters, CountDownLatch entered, CountDownLatch release) {
    this(adapters, entered, release, 0);
  }

  /** A model that spends {@code millisPerExample} on each example it scores. */
  public static ToyModel slow(int adapters, long millisPerExample) {
    return new ToyModel(adapters, null, null, millisPerExample);
  }

  public static ToyModel of(int adapters) {
    return new ToyModel(adapters, null, null);
  }

  /** A model whose evaluate counts down {@code entered} and waits for {@code release}. */
  public static ToyModel blocking(int adapters, CountDownLatch entered, CountDownLatch release) {
    return new ToyModel(adapters, entered, release);
  }

  /** The loss the model gives {@code example} under {@code vectors}. */
  public static double loss(ControlVectors vectors, Example example) {
    double sumBeta = 0;
    double sumAlpha = 0;
    for (int i = 0; i < vectors.size(); i++) {
      sumBeta += vectors.beta(i);
      sumAlpha += vectors.alpha(i);
    }
    return Math.abs(sumBeta - 1) + 0.1 * sumAlpha / vectors.size() + Math.floorMod(example.id().hashCode(), 1000) / 1000.0;
  }

  static String predict(ControlVectors vectors, Example example) {
    int pick = (int) Math.floorMod((long) (loss(vectors, example) * 1000), (long) example.options().size());
    return example.options().get(pick);
  }

  /** Examples scored so far, over every call. */
  public long scored() {
    return scored.get();
  }

  @Override
  public String baseModel() {
    return "toy+bilinear";
  }

  @Override
  public List<AdapterInfo> adapters() {
    return IntStream.range(0, adapters).mapToObj(i -> new AdapterInfo("adapter-" + i, "task-" + i, 8)).toList();
  }

  @Override
  public List<ExampleResult> evaluate(ControlVectors vectors, List<Example> examples, StrategySpec strategy) {
    defaultRuleOnly(strategy);
    await();
    pause(examples.size());
    scored.addAndGet(examples.size());
    List<ExampleResult> results = new ArrayList<>();
    for (Example e : examples) {
      String prediction = predict(vectors, e);
      results.add(new ExampleResult(e.id(), loss(vectors, e), prediction, prediction.equals(e.output())));
    }
    return results;
  }

  @Override
  public List<String> predict(ControlVectors vectors, List<Example> examples, StrategySpec strategy) {
    defaultRuleOnly(strategy);
    return examples.stream().map(e -> predict(vectors, e)).toList();
  }

  /** Offers the paper's rule only, as a service without white-box rules does. */
  private static void defaultRuleOnly(StrategySpec strategy) {
    if (strategy != null && !strategy.isDefault()) {
      throw new IllegalArgumentException("strategy '" + strategy.name()
          + "' is not offered by this service; it merges with the asymmetric rule only");
    }
  }

  private void pause(int examples) {
    if (millisPerExample > 0) {
      try {
        Thread.sleep(millisPerExample * examples);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void await() {
    if (entered == null) {
      return;
    }
    entered.countDown();
    try {
      if (!release.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
