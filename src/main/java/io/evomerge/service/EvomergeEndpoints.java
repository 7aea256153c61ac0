package io.evomerge.service;

import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.model.MergeModel;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.protocol.PredictResponse;
import io.evomerge.protocol.RepositoryResponse;
import io.evomerge.protocol.Usage;
import io.evomerge.service.Route.Call;
import io.evomerge.service.Route.Reply;
import java.util.ArrayList;
import java.util.List;

/** The stateless dialect: repository, evaluate, predict. Thread-safe. */
public final class EvomergeEndpoints {

  private final MergeModel model;
  private final ServiceLimits limits;
  private final Stats stats;

  public EvomergeEndpoints(MergeModel model, ServiceLimits limits, Stats stats) {
    this.model = model;
    this.limits = limits;
    this.stats = stats;
  }

  public Reply repository(Call call) {
    return Reply.ok(new RepositoryResponse(model.baseModel(), model.adapters()));
  }

  public Reply evaluate(Call call) {
    EvaluateRequest request = Bodies.parse(call.body(), EvaluateRequest.class);
    ControlVectors vectors = vectors(request);
    Validation.examples(request.examples(), limits.maxExamplesPerCall(), true);
    List<ExampleResult> results = Models.evaluate(model, vectors, request.examples(), request.strategy());
    stats.scored(results.size());
    return Reply.ok(new EvaluateResponse(results, new Usage(results.size()), MergeIds.of(vectors)));
  }

  public Reply predict(Call call) {
    EvaluateRequest request = Bodies.parse(call.body(), EvaluateRequest.class);
    ControlVectors vectors = vectors(request);
    Validation.examples(request.examples(), limits.maxExamplesPerCall(), false);
    List<Example> examples = request.examples().stream().map(Example::withoutOutput).toList();
    List<String> predicted = Models.predict(model, vectors, examples, request.strategy());
    stats.predicted(predicted.size());
    List<PredictResponse.Prediction> predictions = new ArrayList<>(predicted.size());
    for (int i = 0; i < examples.size(); i++) {
      predictions.add(new PredictResponse.Prediction(examples.get(i).id(), predicted.get(i)));
    }
    return Reply.ok(new PredictResponse(predictions, new Usage(predictions.size()), MergeIds.of(vectors)));
  }

  private ControlVectors vectors(EvaluateRequest request) {
    return Validation.vectors(request.alpha(), request.beta(), model.adapters().size(), limits.betaBound());
  }
}
