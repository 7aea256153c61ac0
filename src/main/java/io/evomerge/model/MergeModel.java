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

  /**
   * Merges with {@code vectors} by {@code strategy} ({@code null} or
   * {@link StrategySpec#isDefault()}: the paper's asymmetric rule) and scores each example against
   * its {@code output}, in order. A rule the model does not offer is an
   * {@link IllegalArgumentException}.
   */
  List<ExampleResult> evaluate(ControlVectors vectors, List<Example> examples, StrategySpec strategy);

  /** Merges as {@link #evaluate} does and returns the best option of each example, in order. */
  List<String> predict(ControlVectors vectors, List<Example> examples, StrategySpec strategy);

  /** With the asymmetric rule. */
  default List<ExampleResult> evaluate(ControlVectors vectors, List<Example> examples) {
    return evaluate(vectors, examples, null);
  }

  default List<String> predict(ControlVectors vectors, List<Example> examples) {
    return predict(vectors, examples, null);
  }
}
