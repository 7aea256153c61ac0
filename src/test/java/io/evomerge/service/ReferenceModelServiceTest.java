package io.evomerge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.adapter.AdapterRepository;
import io.evomerge.adapter.LoraAdapter;
import io.evomerge.config.FaultsConfig;
import io.evomerge.config.LimitsConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.config.TestConfigs;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.client.MergeClient;
import io.evomerge.client.PermanentFailure;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeDigest;
import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.protocol.QueryPlus;
import io.evomerge.protocol.SessionCreateRequest;
import io.evomerge.protocol.SessionEvaluateRequest;
import io.evomerge.protocol.SessionInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: the client, over HTTP on loopback, through the service, to the real ONNX-backed model. */
class ReferenceModelServiceTest {

  static final ApiKey KEY = ApiKey.of("e2e-key");
  static final int ADAPTERS = 3;

  @TempDir
  static Path data;
  static ReferenceModel model;
  static MergeService service;

  @BeforeAll
  static void start() throws IOException {
    model = ReferenceModel.of(new AdapterRepository(AdapterRepository.REFERENCE_BASE_MODEL,
        List.of(random("a0", 1), random("a1", 2), random("a2", 3))));
    Fixtures.writeJsonLines(data.resolve("target.jsonl"), Fixtures.examples("t", 12));
    Files.writeString(data.resolve("broken.jsonl"),
        "{\"id\":\"x1\",\"input\":\"fine\",\"output\":\"yes\",\"options\":[\"yes\",\"no\"]}\n{\"id\":\"x2\",\"input\":\"no target\"}\n");
    ServiceSettings settings = Fixtures.settings(List.of(KEY), LimitsConfig.defaults(), FaultsConfig.none(), data);
    service = MergeService.start(settings, model, DatasetReader.jsonLines());
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  static LoraAdapter random(String id, long seed) {
    RandomGenerator random = new SplittableRandom(seed);
    int rank = 2;
    int dim = 384;
    float[] a = new float[rank * dim];
    float[] b = new float[dim * rank];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian(0, 0.05);
      b[i] = (float) random.nextGaussian(0, 0.05);
    }
    return new LoraAdapter(id, "random " + id, rank, 4.0, dim, a, b);
  }

  ServiceConfig settings(String... keys) {
    MergeClient.registerKey(service.baseUrl(), KEY);
    List<String> all = new ArrayList<>(List.of("maxInFlight=3"));
    all.addAll(List.of(keys));
    return TestConfigs.service(service.baseUrl(), all.toArray(String[]::new));
  }

  @Test
  void evaluateAllReturnsExactlyWhatTheModelComputesWithItsMergeId() {
    SplittableRandom random = new SplittableRandom(42);
    List<EvaluateRequest> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(EvaluateRequest.of(Fixtures.vectors(random, ADAPTERS), Fixtures.examples("s" + i, 3)));
    }

    List<EvaluateResponse> answers = MergeClient.of(settings()).evaluateAll(calls);

    for (int i = 0; i < calls.size(); i++) {
      EvaluateRequest call = calls.get(i);
      ControlVectors vectors = ControlVectors.of(call.alpha(), call.beta());
      assertEquals(model.evaluate(vectors, call.examples()), answers.get(i).results());
      assertEquals(MergeDigest.of(vectors), answers.get(i).mergeId());
    }
  }

  @Test
  void aBmmSessionOverAJsonLinesFileGivesTheModelsMeanLoss() {
    MergeClient client = MergeClient.of(settings("dialect=bmm", "bmm.dataset=target"));
    SessionInfo session = client.createSession(SessionCreateRequest.of("reference",
        QueryPlus.of("target", null, 12, 1)));
    ControlVectors vectors = ControlVectors.uniform(ADAPTERS);

    double loss = client.evaluateSession(session.sessionId(), SessionEvaluateRequest.of(vectors, "u")).loss();

    List<Example> examples = Fixtures.examples("t", 12);
    double expected = model.evaluate(vectors, examples).stream().mapToDouble(r -> r.loss()).sum() / 12;
    assertEquals(expected, loss, 1e-9);
  }

  @Test
  void aBadDataFileRefusesTheSessionNamingTheLine() {
    MergeClient client = MergeClient.of(settings("dialect=bmm", "bmm.dataset=target"));

    PermanentFailure failure = assertThrows(PermanentFailure.class,
        () -> client.createSession(SessionCreateRequest.of("reference", QueryPlus.of("broken", null, 1, 1))));

    assertEquals(422, failure.status());
    assertTrue(failure.serviceMessage().contains("broken.jsonl:2:"),
        failure.serviceMessage());
  }
}
