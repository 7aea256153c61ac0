package io.evomerge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.config.TestConfigs;
import io.evomerge.config.LimitsConfig;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ApiKey;
import io.evomerge.config.ServiceConfig;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.protocol.QueryPlus;
import io.evomerge.protocol.SessionCreateRequest;
import io.evomerge.protocol.SessionEvaluateRequest;
import io.evomerge.protocol.SessionEvaluateResponse;
import io.evomerge.protocol.SessionInfo;
import io.evomerge.service.Fixtures;
import io.evomerge.service.MergeService;
import io.evomerge.service.ServiceSettings;
import io.evomerge.service.ToyModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeClientTest {

  static final ApiKey KEY = ApiKey.of("client-test-key");
  static final int ADAPTERS = 5;

  @TempDir
  Path data;
  ToyModel model;
  MergeService service;

  @BeforeEach
  void start() throws IOException {
    Fixtures.writeJsonLines(data.resolve("target.jsonl"), Fixtures.examples("t", 30));
    model = ToyModel.of(ADAPTERS);
    ServiceSettings settings = Fixtures.settings(List.of(KEY), LimitsConfig.defaults(),
        TestConfigs.faults("seed: 4, jitterMs: 25"), data);
    service = MergeService.start(settings, model, Fixtures::readJsonLines);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  /** The client's settings: 4 calls in flight, 3 attempts, then {@code keys}. */
  ServiceConfig settings(String... keys) {
    MergeClient.registerKey(service.baseUrl(), KEY);
    List<String> all = new ArrayList<>(List.of("maxInFlight=4", "retry.maxAttempts=3"));
    all.addAll(List.of(keys));
    return TestConfigs.service(service.baseUrl(), all.toArray(String[]::new));
  }

  static List<EvaluateRequest> calls(int n) {
    SplittableRandom random = new SplittableRandom(17);
    List<EvaluateRequest> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(EvaluateRequest.of(Fixtures.vectors(random, ADAPTERS), Fixtures.examples("c" + i, 1 + i % 4)));
    }
    return calls;
  }

  @Test
  void evaluateAllReturnsTheAnswersInInputOrderWithManyInFlight() {
    List<EvaluateRequest> calls = calls(24);
    CallCounter counter = new CallCounter();

    List<EvaluateResponse> answers = MergeClient.of(settings(), counter, 0).evaluateAll(calls);

    assertEquals(calls.size(), answers.size());
    for (int i = 0; i < calls.size(); i++) {
      EvaluateRequest call = calls.get(i);
      assertEquals(model.evaluate(ControlVectors.of(call.alpha(), call.beta()), call.examples()), answers.get(i).results(), "call " + i);
    }
    assertEquals(new CallCounts(24, 24, 0, 0), counter.counts());
    assertEquals(24, service.stats().calls("POST /v1/evaluate", 200));
  }

  @Test
  void evaluateAllGivesTheSameAnswersWithOneOrManyInFlight() {
    List<EvaluateRequest> calls = calls(10);
    List<EvaluateResponse> serial = MergeClient.of(settings("maxInFlight=1")).evaluateAll(calls);
    List<EvaluateResponse> parallel = MergeClient.of(settings("maxInFlight=8")).evaluateAll(calls);
    assertEquals(serial, parallel);
  }

  @Test
  void evaluateAllThrowsThePermanentFailureOfABadCall() {
    List<EvaluateRequest> calls = new ArrayList<>(calls(6));
    calls.set(3, EvaluateRequest.of(ControlVectors.uniform(ADAPTERS - 1), Fixtures.examples("bad", 1)));

    PermanentFailure failure = assertThrows(PermanentFailure.class, () -> MergeClient.of(settings()).evaluateAll(calls));

    assertEquals(400, failure.status());
    assertTrue(failure.serviceMessage().contains("alpha has 4 entries but the repository has 5"), failure.getMessage());
  }

  @Test
  void repositoryHealthAndPredictSpeakTheEvomergeDialect() {
    MergeClient client = MergeClient.of(settings());
    List<Example> examples = Fixtures.examples("p", 3);
    ControlVectors vectors = ControlVectors.uniform(ADAPTERS);

    assertEquals("ok", client.health().status());
    assertEquals(model.adapters(), client.repository().adapters());
    assertEquals(model.predict(vectors, examples), client.predict(EvaluateRequest.of(vectors, examples))
        .predictions().stream().map(p -> p.prediction()).toList());
    assertThrows(UnsupportedOperationException.class, client::presets);
  }

  @Test
  void sessionsSpeakTheBmmDialectAndEvaluateCandidatesInInputOrder() {
    MergeClient client = MergeClient.of(settings("dialect=bmm", "bmm.dataset=target"));
    SessionInfo session = client.createSession(
        SessionCreateRequest.of("reference", QueryPlus.of("target", null, 30, 1)));
    SplittableRandom random = new SplittableRandom(8);
    List<ControlVectors> candidates = new ArrayList<>();
    List<SessionEvaluateRequest> requests = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      candidates.add(Fixtures.vectors(random, ADAPTERS));
      requests.add(SessionEvaluateRequest.of(candidates.get(i), "cand-" + i));
    }

    List<SessionEvaluateResponse> answers = client.callAll(requests, r -> client.evaluateSession(session.sessionId(), r));

    assertEquals("ok", client.health().status());
    assertEquals(ADAPTERS, client.session(session.sessionId()).adapterCount());
    assertEquals(1, client.presets().items().size());
    List<Example> all = Fixtures.examples("t", 30);
    for (int i = 0; i < 6; i++) {
      ControlVectors v = candidates.get(i);
      assertEquals(all.stream().mapToDouble(e -> ToyModel.loss(v, e)).sum() / 30, answers.get(i).loss(), 1e-12);
      assertTrue(answers.get(i).adapterDir().endsWith("/artifacts/cand-" + i), answers.get(i).adapterDir());
    }
    assertEquals(6, service.stats().calls("POST /v1/sessions/{id}/evaluate", 200));
    assertEquals(1, service.stats().calls("GET /health", 200));
  }

  @Test
  void aClientKeepsToItsRate() {
    MergeClient client = MergeClient.of(settings("maxInFlight=4"), new CallCounter(), 20);
    List<EvaluateRequest> calls = calls(11);

    long start = System.nanoTime();
    client.evaluateAll(calls);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertTrue(elapsedMs >= 450, "11 calls at 20 per second take at least 0.5 s less a permit: " + elapsedMs + " ms");
  }
}
