package io.evomerge.service;

import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.model.MergeModel;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.protocol.StrategySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls the model one example at a time, checking between examples that the call may go on (its
 * client is there, its deadline has not passed), and checks the model's answer has one entry per
 * example; a model that rejects its input ({@link IllegalArgumentException}) becomes a 400 with
 * the model's message.
 */
final class Models {

  private Models() {}

  /** With the request's merge rule ({@code null}: the default). */
  static List<ExampleResult> evaluate(MergeModel model, ControlVectors vectors, List<Example> examples,
      StrategySpec strategy, Route.Liveness live) {
    List<ExampleResult> results = new ArrayList<>(examples.size());
    for (Example example : examples) {
      live.check();
      List<Example> one = List.of(example);
      results.addAll(checked(call(() -> strategy == null ? model.evaluate(vectors, one)
          : model.evaluate(vectors, one, strategy)), 1));
    }
    return results;
  }

  static List<String> predict(MergeModel model, ControlVectors vectors, List<Example> examples,
      StrategySpec strategy, Route.Liveness live) {
    List<String> answers = new ArrayList<>(examples.size());
    for (Example example : examples) {
      live.check();
      List<Example> one = List.of(example);
      answers.addAll(checked(call(() -> strategy == null ? model.predict(vectors, one)
          : model.predict(vectors, one, strategy)), 1));
    }
    return answers;
  }

  private interface ModelCall<T> {
    List<T> run();
  }

  private static <T> List<T> call(ModelCall<T> call) {
    try {
      return call.run();
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
