package io.evomerge.job;

import io.evomerge.client.MergeClient;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.protocol.AdapterInfo;
import io.evomerge.protocol.Dialect;
import io.evomerge.protocol.PresetsResponse;
import io.evomerge.protocol.QueryPlus;
import io.evomerge.protocol.SessionCreateRequest;
import io.evomerge.protocol.SessionInfo;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What a run evaluates on, as the service's dialect makes it: the fitness set, the test set (if
 * any), and the adapters searched. Immutable.
 */
record RunSets(AdapterSelection adapters, EvaluationSet fitness, Optional<EvaluationSet> test) {

  /** Asks the service (repository or presets, sessions) for the sets of {@code config}. */
  static RunSets open(EvoMergeConfig config, MergeClient driver, RunInputs inputs) {
    return config.service().dialect() == Dialect.BMM
        ? sessionSets(config, driver)
        : exampleSets(config, driver, inputs);
  }


  /** Dialect evomerge: the repository from the service, the examples travel with the calls. */
  private static RunSets exampleSets(EvoMergeConfig config, MergeClient driver, RunInputs inputs) {
    List<String> ids = driver.repository().adapters().stream().map(AdapterInfo::id).toList();
    return new RunSets(AdapterSelection.of(ids, config.data().adapters()),
        new EvaluationSet.OfExamples(inputs.fitness()),
        Optional.of(new EvaluationSet.OfExamples(inputs.test().orElseThrow())));
  }

  /**
   * Dialect bmm: the preset ({@code service.bmm.presetId}, or the service's only one) names the
   * adapters; a session on the service's fitness data set, another on its test data set (if one
   * is named).
   */
  private static RunSets sessionSets(EvoMergeConfig config, MergeClient driver) {
    var bmm = config.service().bmm();
    PresetsResponse.Preset preset = preset(driver.presets(), bmm.presetId());
    SessionInfo fitness = session(config, driver, preset, bmm.dataset());
    List<String> ids = IntStream.range(0, fitness.adapterCount()).mapToObj(i -> "adapter-" + i).toList();
    Optional<EvaluationSet> test = bmm.testDataset().isBlank()
        ? Optional.empty() : Optional.of(sessionSet(session(config, driver, preset, bmm.testDataset())));
    return new RunSets(AdapterSelection.of(ids, config.data().adapters()), sessionSet(fitness), test);
  }

  private static PresetsResponse.Preset preset(PresetsResponse presets, String wanted) {
    List<String> known = presets.presetIds();
    if (wanted.isBlank() && presets.items().size() == 1) {
      return presets.items().get(0);
    }
    return presets.items().stream().filter(p -> p.presetId().equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("service.bmm.presetId: '" + wanted
            + "' is not among the service's presets: " + String.join(", ", known)));
  }

  private static SessionInfo session(EvoMergeConfig config, MergeClient driver,
      PresetsResponse.Preset preset, String dataset) {
    var bmm = config.service().bmm();
    QueryPlus query = QueryPlus.of(dataset).withBatches(bmm.batchSize(), bmm.evaluationBatches());
    if (!bmm.datasetDir().isBlank()) {
      query = query.withDatasetDir(bmm.datasetDir());
    }
    return driver.createSession(SessionCreateRequest.of(preset.presetId(), query));
  }

  private static EvaluationSet sessionSet(SessionInfo session) {
    return new EvaluationSet.OfSession(session.sessionId(), session.examplesPerEvaluation());
  }
}
