package io.evomerge.service;

import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.model.MergeModel;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.protocol.StrategySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
    return each(examples, live, one -> model.evaluate(vectors, one, strategy));
  }

  static List<String> predict(MergeModel model, ControlVectors vectors, List<Example> examples,
      StrategySpec strategy, Route.Liveness live) {
    return each(examples, live, one -> model.predict(vectors, one, strategy));
  }

  private static <T> List<T> each(List<Example> examples, Route.Liveness live, Function<List<Example>, List<T>> call) {
    List<T> answers = new ArrayList<>(examples.size());
    for (Example example : examples) {
      live.check();
      List<T> one;
      try {
        one = call.apply(List.of(example));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(e.getMessage());
      }
      if (one.size() != 1) {
        throw ApiError.internal("the model answered " + one.size() + " results for 1 examples");
      }
      answers.addAll(one);
    }
    return answers;
  }
}
