package io.evomerge.job;

import io.evomerge.client.MergeClient;
import io.evomerge.client.MergeServiceException;
import io.evomerge.config.ConfigException;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.data.DataFiles;
import io.evomerge.data.Example;
import io.evomerge.data.ExampleReader;
import io.evomerge.data.Shards;
import io.evomerge.protocol.AdapterInfo;
import io.evomerge.protocol.Dialect;
import io.evomerge.protocol.PresetsResponse;
import io.evomerge.protocol.QueryPlus;
import io.evomerge.protocol.SessionCreateRequest;
import io.evomerge.protocol.SessionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;

/**
 * What a run evaluates on, as the service's dialect makes it: the fitness set, the test set (if
 * any), and the adapters searched. Immutable.
 */
record RunSets(AdapterSelection adapters, EvaluationSet fitness, Optional<EvaluationSet> test) {

  /**
   * The sets of {@code config}: dialect evomerge reads and checks the data files first (before any
   * evaluate call), then asks the service for its repository; the examples travel with the calls.
   */
  static RunSets open(EvoMergeConfig config, MergeClient driver, Configuration hadoop) {
    if (config.service().dialect() == Dialect.BMM) {
      return sessionSets(config, driver);
    }
    var data = config.data();
    ExampleReader reader = ExampleReader.of();
    List<Example> fitness = Shards.firstById(DataFiles.read(data.fitness(), hadoop, reader), data.maxFitnessExamples());
    Shards test = Shards.of(DataFiles.read(data.test(), hadoop, reader), data.shardSize());
    List<String> ids = driver.repository().adapters().stream().map(AdapterInfo::id).toList();
    return new RunSets(AdapterSelection.of(ids, data.adapters()),
        new EvaluationSet.OfExamples(Shards.of(fitness, data.shardSize()), false),
        Optional.of(new EvaluationSet.OfExamples(test)));
  }

  /**
   * Dialect bmm: the preset ({@code service.bmm.presetId}, or the service's only one) names the
   * adapters; {@code sessionsPerReplica} sessions on every replica for the fitness data set, one
   * per replica for the test data set (if one is named).
   */
  private static RunSets sessionSets(EvoMergeConfig config, MergeClient driver) {
    var service = config.service();
    var bmm = service.bmm();
    PresetsResponse.Preset preset = preset(driver.presets(), bmm.presetId(), service.url());
    EvaluationSet.OfSession fitness = sessionSet(config, driver, preset, bmm.dataset(), service.sessionsPerReplica());
    List<String> ids = IntStream.range(0, fitness.adapterCount()).mapToObj(i -> "adapter-" + i).toList();
    Optional<EvaluationSet> test = bmm.testDataset().isBlank()
        ? Optional.empty() : Optional.of(sessionSet(config, driver, preset, bmm.testDataset(), 1));
    return new RunSets(AdapterSelection.of(ids, config.data().adapters()), fitness, test);
  }

  private static PresetsResponse.Preset preset(PresetsResponse presets, String wanted, String url) {
    if (wanted.isBlank() && presets.items().size() == 1) {
      return presets.items().get(0);
    }
    return presets.items().stream().filter(p -> p.presetId().equals(wanted)).findFirst()
        .orElseThrow(() -> new ConfigException("service " + url, "service.bmm.presetId", "'" + wanted
            + "' is not among the service's presets: " + String.join(", ", presets.presetIds())));
  }

  private static EvaluationSet.OfSession sessionSet(EvoMergeConfig config, MergeClient driver,
      PresetsResponse.Preset preset, String dataset, int perReplica) {
    var bmm = config.service().bmm();
    QueryPlus query = QueryPlus.of(dataset, bmm.datasetDir().isBlank() ? null : bmm.datasetDir(),
        bmm.batchSize(), bmm.evaluationBatches());
    SessionCreateRequest request = SessionCreateRequest.of(preset.presetId(), query);
    List<EvaluationSet.OfSession.Session> sessions = new ArrayList<>();
    long examples = 0;
    int adapters = -1;
    for (int s = 0; s < perReplica; s++) {
      for (int r = 0; r < driver.replicas().size(); r++) {
        SessionInfo info;
        try {
          info = driver.onReplica(r).createSession(request);
        } catch (MergeServiceException e) {
          throw e.withContext("opening a session for service.bmm.presetId '" + preset.presetId()
              + "', dataset '" + dataset + "' on " + driver.replicas().get(r));
        }
        if (adapters >= 0 && info.adapterCount() != adapters) {
          throw new ConfigException("service " + driver.replicas().get(r), "service.urls", "this replica has "
              + info.adapterCount() + " adapters in preset '" + preset.presetId() + "', the first has " + adapters);
        }
        adapters = info.adapterCount();
        examples = info.examplesPerEvaluation();
        sessions.add(new EvaluationSet.OfSession.Session(r, info.sessionId(), request, adapters));
      }
    }
    return new EvaluationSet.OfSession(sessions, examples, preset.presetId(), dataset);
  }
}
