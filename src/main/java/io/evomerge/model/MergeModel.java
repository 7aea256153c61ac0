package io.evomerge.model;

import io.evomerge.protocol.ExampleResult;
import io.evomerge.protocol.AdapterInfo;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.StrategySpec;
import java.util.List;

/**
 * What a merge service serves: a base model, a repository of adapters, and the merged model's
 * answers for given control vectors. The reference service implements it in-process; the HTTP
 * layer only translates. Implementations are thread-safe.
 */
public interface MergeModel {

  String baseModel();

  /** The adapters, in the order of every control vector. */
  List<AdapterInfo> adapters();

  /** Merges with {@code vectors} and scores each example against its {@code output}, in order. */
  List<ExampleResult> evaluate(ControlVectors vectors, List<Example> examples);

  /** Merges with {@code vectors} and returns the best option of each example, in order. */
  List<String> predict(ControlVectors vectors, List<Example> examples);

  /**
   * As {@link #evaluate(ControlVectors, List)}, merging with {@code strategy} ({@code null} or
   * {@link StrategySpec#isDefault()}: the paper's asymmetric rule). A model that offers only the
   * default rule rejects any other with {@link IllegalArgumentException}.
   */
  default List<ExampleResult> evaluate(ControlVectors vectors, List<Example> examples, StrategySpec strategy) {
    requireDefault(strategy);
    return evaluate(vectors, examples);
  }

  default List<String> predict(ControlVectors vectors, List<Example> examples, StrategySpec strategy) {
    requireDefault(strategy);
    return predict(vectors, examples);
  }

  private static void requireDefault(StrategySpec strategy) {
    if (strategy != null && !strategy.isDefault()) {
      throw new IllegalArgumentException("strategy '" + strategy.name()
          + "' is not offered by this service; it merges with the asymmetric rule only");
    }
  }
}
