package io.evomerge.service;

import io.evomerge.config.LimitsConfig;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeDigest;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.model.MergeModel;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.protocol.PredictResponse;
import io.evomerge.protocol.Usage;
import java.util.List;
import java.util.stream.IntStream;

/** The stateless dialect's scoring: evaluate and predict. Thread-safe. */
final class EvomergeEndpoints {

  private final MergeModel model;
  private final LimitsConfig limits;
  private final Stats stats;
  private final Bodies bodies;

  EvomergeEndpoints(MergeModel model, LimitsConfig limits, Stats stats) {
    this.model = model;
    this.limits = limits;
    this.stats = stats;
    this.bodies = new Bodies(limits.maxTextChars());
  }

  Route.Reply evaluate(Route.Call call) {
    EvaluateRequest request = bodies.parse(call.body(), EvaluateRequest.class);
    ControlVectors vectors = vectors(request);
    Validation.examples(request.examples(), limits, true);
    List<ExampleResult> results =
        call.each(request.examples(), one -> model.evaluate(vectors, one, request.strategy()));
    stats.scored(results.size());
    return Route.Reply.ok(new EvaluateResponse(results, new Usage(results.size()), MergeDigest.of(vectors)));
  }

  Route.Reply predict(Route.Call call) {
    EvaluateRequest request = bodies.parse(call.body(), EvaluateRequest.class);
    ControlVectors vectors = vectors(request);
    Validation.examples(request.examples(), limits, false);
    List<Example> examples = request.examples().stream().map(Example::withoutOutput).toList();
    List<String> predicted = call.each(examples, one -> model.predict(vectors, one, request.strategy()));
    stats.predicted(predicted.size());
    List<PredictResponse.Prediction> predictions = IntStream.range(0, examples.size())
        .mapToObj(i -> new PredictResponse.Prediction(examples.get(i).id(), predicted.get(i))).toList();
    return Route.Reply.ok(new PredictResponse(predictions, new Usage(predictions.size()), MergeDigest.of(vectors)));
  }

  private ControlVectors vectors(EvaluateRequest request) {
    return Validation.vectors(request.alpha(), request.beta(), model.adapters().size(), limits.betaBound());
  }
}
