package io.evomerge.service;

import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.model.MergeModel;
import io.evomerge.protocol.StrategySpec;
import java.util.List;

/**
 * Calls the model and checks its answer has one entry per example; a model that rejects its
 * input ({@link IllegalArgumentException}) becomes a 400 with the model's message.
 */
final class Models {

  private Models() {}

  static List<ExampleResult> evaluate(MergeModel model, ControlVectors vectors, List<Example> examples) {
    return evaluate(model, vectors, examples, null);
  }

  /** With the request's merge rule ({@code null}: the default). */
  static List<ExampleResult> evaluate(MergeModel model, ControlVectors vectors, List<Example> examples,
      StrategySpec strategy) {
    try {
      return checked(strategy == null ? model.evaluate(vectors, examples)
          : model.evaluate(vectors, examples, strategy), examples.size());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  static List<String> predict(MergeModel model, ControlVectors vectors, List<Example> examples,
      StrategySpec strategy) {
    try {
      return checked(strategy == null ? model.predict(vectors, examples)
          : model.predict(vectors, examples, strategy), examples.size());
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(e.getMessage());
    }
  }

  private static <T> List<T> checked(List<T> answers, int expected) {
    if (answers.size() != expected) {
      throw ApiError.internal("the model answered " + answers.size() + " results for " + expected + " examples");
    }
    return answers;
  }
}
