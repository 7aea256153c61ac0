package io.evomerge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.config.RetryConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.config.TestConfigs;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.protocol.StatsResponse;
import io.evomerge.config.FaultsConfig;
import io.evomerge.config.LimitsConfig;
import io.evomerge.service.Fixtures;
import io.evomerge.service.MergeService;
import io.evomerge.service.ServiceSettings;
import io.evomerge.service.ToyModel;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client's side of PROTOCOL.md's error table, against a real service on loopback. */
class ResilienceTest {

  static final ApiKey KEY = ApiKey.of("resilience-key");
  static final int ADAPTERS = 3;
  static final String EVALUATE = "POST /v1/evaluate";

  MergeService service;
  RecordingListener listener = new RecordingListener();

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  static final RetryConfig RETRY = new RetryConfig(60_000, 4, 10, 80, 0.5);

  MergeClient client(ServiceSettings settings) throws IOException {
    return client(settings, KEY);
  }

  MergeClient client(ServiceSettings settings, ApiKey key) throws IOException {
    return client(settings, key, 5000);
  }

  MergeClient client(ServiceSettings settings, ApiKey key, int timeoutMs) throws IOException {
    service = MergeService.start(settings, ToyModel.of(ADAPTERS));
    if (key != null) {
      MergeClient.registerKey(service.baseUrl(), key);
    }
    ServiceConfig config = TestConfigs.service(service.baseUrl(), RETRY, "connectTimeoutMs=5000",
        "requestTimeoutMs=" + timeoutMs, "maxInFlight=2");
    return MergeClient.of(config, listener, 0);
  }

  /** The service's settings: {@link #KEY}, these limits and faults. */
  static ServiceSettings settings(LimitsConfig limits, FaultsConfig faults) {
    return Fixtures.settings(List.of(KEY), limits, faults, null);
  }

  static ServiceSettings faulty(FaultsConfig faults) {
    return settings(LimitsConfig.defaults(), faults);
  }

  static EvaluateRequest call() {
    return EvaluateRequest.of(Fixtures.vectors(new SplittableRandom(1), ADAPTERS), Fixtures.examples("r", 5));
  }

  EvaluateResponse evaluate(MergeClient client) {
    return client.evaluateAll(List.of(call())).get(0);
  }

  void assertOneResultFromTwoServedCalls(EvaluateResponse response, int faultStatus) {
    StatsResponse stats = service.stats();
    assertEquals(5, response.results().size());
    assertEquals(2, stats.calls(EVALUATE), stats.toString());
    assertEquals(1, stats.calls(EVALUATE, 200), stats.toString());
    assertEquals(1, stats.calls(EVALUATE, faultStatus), stats.toString());
    assertEquals(new CallCounts(2, 1, 1, 0), listener.counts());
  }

  @Test
  void a429IsRetriedAfterTheRetryAfterTheServiceAsksFor() throws IOException {
    MergeClient client = client(faulty(TestConfigs.faults("seed: 1, throttleRate: 1.0, faultedAttempts: 1")));

    EvaluateResponse response = evaluate(client);

    assertOneResultFromTwoServedCalls(response, 429);
    assertEquals(List.of(new RecordingListener.Retry(EVALUATE, 429, "rate_limited", 1000)), listener.retries);
    assertEquals(5, service.stats().examplesScored());
  }

  @Test
  void serverErrorsAreRetriedWithBackoffUntilOneSucceeds() throws IOException {
    MergeClient client = client(faulty(TestConfigs.faults("seed: 2, errorRate: 1.0, faultedAttempts: 2")));

    EvaluateResponse response = evaluate(client);

    StatsResponse stats = service.stats();
    assertEquals(5, response.results().size());
    assertEquals(3, stats.calls(EVALUATE));
    assertEquals(2, stats.calls(EVALUATE, 500) + stats.calls(EVALUATE, 503));
    assertEquals(5, stats.examplesScored());
    assertEquals(new CallCounts(3, 1, 2, 0), listener.counts());
    long first = listener.retries.get(0).delayMs();
    long second = listener.retries.get(1).delayMs();
    assertTrue(first >= 5 && first <= 15, "first backoff " + first);
    assertTrue(second >= 10 && second <= 30, "second backoff " + second);
  }

  @Test
  void aRetriedCallIsCountedTwiceAtTheServiceAndOnceAsAResult() throws IOException {
    MergeClient client = client(faulty(TestConfigs.faults("seed: 3, errorRate: 1.0, faultedAttempts: 1")));

    EvaluateResponse response = evaluate(client);

    int faultStatus = service.stats().calls(EVALUATE, 500) == 1 ? 500 : 503;
    assertOneResultFromTwoServedCalls(response, faultStatus);
  }

  @Test
  void aHangPastTheClientTimeoutIsRetried() throws IOException {
    MergeClient client = client(faulty(TestConfigs.faults("seed: 4, hangRate: 1.0, hangMs: 3000, faultedAttempts: 1")),
        KEY, 1000);

    EvaluateResponse response = evaluate(client);

    assertEquals(5, response.results().size());
    assertEquals(1, listener.retries.size());
    assertEquals("timeout", listener.retries.get(0).code());
    assertEquals(new CallCounts(2, 1, 1, 0), listener.counts());
    assertEquals(1, service.stats().faults("hang"));
  }

  @Test
  void aTruncatedBodyIsRetried() throws IOException {
    MergeClient client = client(faulty(TestConfigs.faults("seed: 5, truncateRate: 1.0, faultedAttempts: 1")));

    EvaluateResponse response = evaluate(client);

    assertEquals(5, response.results().size());
    assertEquals(2, service.stats().calls(EVALUATE, 200));
    assertEquals(200, listener.retries.get(0).status());
    assertEquals(new CallCounts(2, 1, 1, 0), listener.counts());
    assertEquals(1, service.stats().faults("truncated_body"));
  }

  @Test
  void aNonJsonBodyIsRetried() throws IOException {
    MergeClient client = client(faulty(TestConfigs.faults("seed: 6, garbageRate: 1.0, faultedAttempts: 1")));

    EvaluateResponse response = evaluate(client);

    assertEquals(5, response.results().size());
    assertEquals(2, service.stats().calls(EVALUATE, 200));
    assertEquals("unreadable_body", listener.retries.get(0).code());
    assertEquals(new CallCounts(2, 1, 1, 0), listener.counts());
  }

  @Test
  void transientFailuresGiveUpAfterTheConfiguredAttempts() throws IOException {
    MergeClient client = client(faulty(TestConfigs.faults("seed: 7, errorRate: 1.0")));

    TransientFailure failure = assertThrows(TransientFailure.class, () -> evaluate(client));

    assertTrue(failure.status() == 500 || failure.status() == 503);
    assertEquals(4, service.stats().calls(EVALUATE));
    assertEquals(new CallCounts(4, 0, 3, 1), listener.counts());
  }

  @Test
  void aBadRequestFailsAtOnceWithTheServicesMessage() throws IOException {
    MergeClient client = client(Fixtures.settings(KEY));
    EvaluateRequest bad = EvaluateRequest.of(ControlVectors.uniform(ADAPTERS + 1), Fixtures.examples("b", 1));

    PermanentFailure failure = assertThrows(PermanentFailure.class, () -> client.evaluateAll(List.of(bad)));

    assertEquals(400, failure.status());
    assertEquals("invalid_request", failure.code());
    assertTrue(failure.getMessage().contains("alpha has 4 entries but the repository has 3"), failure.getMessage());
    assertEquals(1, service.stats().calls(EVALUATE));
    assertEquals(new CallCounts(1, 0, 0, 1), listener.counts());
  }

  @Test
  void aWrongKeyFailsAtOnceWith401() throws IOException {
    MergeClient client = client(Fixtures.settings(KEY),
        ApiKey.of("not-the-key"));

    PermanentFailure failure = assertThrows(PermanentFailure.class, () -> evaluate(client));

    assertEquals(401, failure.status());
    assertTrue(failure.getMessage().contains("not valid"), failure.getMessage());
    assertTrue(!failure.getMessage().contains("not-the-key"), "the key must not appear in messages");
    assertEquals(1, service.stats().calls(EVALUATE, 401));
  }

  @Test
  void aMissingKeyFailsAtOnceWith401() throws IOException {
    MergeClient client = client(Fixtures.settings(KEY), (ApiKey) null);

    PermanentFailure failure = assertThrows(PermanentFailure.class, client::repository);

    assertEquals(401, failure.status());
    assertEquals(1, service.stats().calls("GET /v1/repository"));
    if (System.getenv("EVOMERGE_API_KEY") == null) {
      assertTrue(failure.getMessage().contains("no API key on this JVM for " + service.baseUrl()
          + " (service.apiKey: environment variable EVOMERGE_API_KEY)"), failure.getMessage());
    }
  }

  @Test
  void aBodyOverTheLimitFailsAtOnceNamingTheLimit() throws IOException {
    MergeClient client = client(settings(TestConfigs.limits("maxBodyBytes: 1000"), FaultsConfig.none()));
    EvaluateRequest big = EvaluateRequest.of(ControlVectors.uniform(ADAPTERS), Fixtures.examples("big", 50));

    PermanentFailure failure = assertThrows(PermanentFailure.class, () -> client.evaluateAll(List.of(big)));

    assertEquals(413, failure.status());
    assertTrue(failure.serviceMessage().contains("1000 bytes (max_body_bytes)"), failure.serviceMessage());
    assertEquals(List.of(), listener.retries);
    assertEquals(1, service.stats().calls(EVALUATE));
  }

  @Test
  void aRefusedConnectionIsTransient() {
    ServiceConfig settings = TestConfigs.service("http://127.0.0.1:1", new RetryConfig(60_000, 2, 1, 5, 0));

    TransientFailure failure = assertThrows(TransientFailure.class,
        () -> MergeClient.of(settings, listener, 0).health());

    assertEquals(0, failure.status());
    assertEquals(new CallCounts(2, 0, 1, 1), listener.counts());
  }

  @Test
  void patienceIsMeasuredInTimeNotAttempts() throws IOException {
    service = MergeService.start(faulty(TestConfigs.faults("seed: 7, errorRate: 1.0")), ToyModel.of(ADAPTERS));
    MergeClient.registerKey(service.baseUrl(), KEY);
    MergeClient client = MergeClient.of(TestConfigs.service(service.baseUrl(), new RetryConfig(300, 0, 10, 40, 0)),
        listener, 0);

    long start = System.nanoTime();
    TransientFailure failure = assertThrows(TransientFailure.class, () -> evaluate(client));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertTrue(failure.getMessage().contains("(service.retry.maxElapsedMs = 300"), failure.getMessage());
    assertTrue(elapsedMs < 3000, "gave up near its deadline: " + elapsedMs + " ms");
    CallCounts counts = listener.counts();
    assertTrue(counts.attempts() >= 4, "no attempt cap: as many attempts as 300 ms allow: " + counts);
    assertEquals(counts.attempts(), service.stats().calls(EVALUATE));
    assertEquals(new CallCounts(counts.attempts(), 0, counts.attempts() - 1, 1), counts);
  }

  @Test
  void clientsSharingASpentAllowanceGiveUpInsteadOfSending() throws IOException {
    service = MergeService.start(faulty(TestConfigs.faults("seed: 7, errorRate: 1.0")), ToyModel.of(ADAPTERS));
    MergeClient.registerKey(service.baseUrl(), KEY);
    String key = "resilience-" + System.nanoTime();
    SendAllowance allowance = SendAllowance.shared(key, 5);
    MergeClient client = MergeClient.of(TestConfigs.service(service.baseUrl(), new RetryConfig(60_000, 0, 1, 2, 0)),
        listener, 0).within(allowance);

    TransientFailure failure = assertThrows(TransientFailure.class, () -> evaluate(client));
    assertTrue(failure.getMessage().contains(allowance + " is spent"), failure.getMessage());
    assertEquals(5, service.stats().calls(EVALUATE), "no more attempts than the allowance: " + service.stats());
    assertEquals(new CallCounts(5, 0, 4, 1), listener.counts());

    MergeClient sharing = MergeClient.of(ServiceConfig.defaults().withUrl(service.baseUrl()), listener, 0)
        .within(SendAllowance.shared(key, 99));
    PermanentFailure refused = assertThrows(PermanentFailure.class, () -> evaluate(sharing));
    assertEquals("allowance_spent", refused.code());
    assertEquals(5, service.stats().calls(EVALUATE), "a client under the same key shares the spent allowance");
    assertEquals(new CallCounts(5, 0, 4, 2), listener.counts());
  }

  @Test
  void aRetryAfterBeyondTheDeadlineFailsAtOnceSayingHowLongItWouldHaveWaited() throws IOException {
    service = MergeService.start(faulty(TestConfigs.faults("seed: 1, throttleRate: 1.0, throttleRetryAfterSeconds: 5")),
        ToyModel.of(ADAPTERS));
    MergeClient.registerKey(service.baseUrl(), KEY);
    MergeClient client = MergeClient.of(TestConfigs.service(service.baseUrl(), "retry.maxElapsedMs=2000"), listener, 0);

    long start = System.nanoTime();
    TransientFailure failure = assertThrows(TransientFailure.class, () -> evaluate(client));

    assertTrue((System.nanoTime() - start) / 1_000_000 < 5000, "it did not wait the 5 s it could not afford");
    assertEquals(429, failure.status());
    assertTrue(failure.getMessage().contains("the next would have waited 5000 ms"), failure.getMessage());
    assertEquals(new CallCounts(1, 0, 0, 1), listener.counts());
  }

  @Test
  void throttledCallsShrinkTheCallsInFlightInsteadOfHammeringTheService() throws IOException {
    ServiceSettings limited = settings(TestConfigs.limits("maxConcurrent: 2"),
        TestConfigs.faults("seed: 1, latencyMs: 40"));
    service = MergeService.start(limited, ToyModel.of(ADAPTERS));
    MergeClient.registerKey(service.baseUrl(), KEY);
    MergeClient client = MergeClient.of(TestConfigs.service(service.baseUrl(), new RetryConfig(60_000, 0, 10, 50, 0.5),
        "maxInFlight=8"), listener, 0);
    List<EvaluateRequest> requests = java.util.stream.IntStream.range(0, 40)
        .mapToObj(i -> EvaluateRequest.of(Fixtures.vectors(new SplittableRandom(i), ADAPTERS), Fixtures.examples("a" + i, 2)))
        .toList();

    List<EvaluateResponse> answers = client.evaluateAll(requests);

    assertEquals(40, answers.size());
    long throttled = service.stats().calls(EVALUATE, 429);
    System.out.println("AIMD: 40 calls, 8 in flight against a capacity of 2: " + throttled + " answered 429");
    assertTrue(throttled < 20, "the window shrank to what the service takes: " + throttled + " 429s for 40 calls");
    assertEquals(new CallCounts(40 + throttled, 40, throttled, 0), listener.counts());
  }

  @Test
  void aReplicaThatKeepsFailingIsLeftOutAndItsCallsGoToTheOthers() throws IOException {
    service = MergeService.start(Fixtures.settings(KEY), ToyModel.of(ADAPTERS));
    MergeClient.registerKey(service.baseUrl(), KEY);
    String dead = deadUrl();
    MergeClient client = MergeClient.of(TestConfigs.service(service.baseUrl(), new RetryConfig(60_000, 0, 10, 20, 0),
        "urls=[" + service.baseUrl() + ", " + dead + "]", "maxInFlight=1"), listener, 0);
    List<EvaluateRequest> requests = java.util.stream.IntStream.range(0, 12)
        .mapToObj(i -> EvaluateRequest.of(Fixtures.vectors(new SplittableRandom(i), ADAPTERS), Fixtures.examples("f" + i, 1)))
        .toList();

    List<EvaluateResponse> answers = client.evaluateAll(requests);

    assertEquals(12, answers.size());
    assertEquals(12, service.stats().calls(EVALUATE, 200), "every call answered by the live replica");
    CallCounts counts = listener.counts();
    assertEquals(12, counts.answers());
    assertEquals(0, counts.failures());
    assertEquals(Replicas.OUT_AFTER, counts.retries(),
        "the dead replica is tried until it is out of the rotation, then no more: " + counts);
  }

  /** A loopback URL nobody listens on (a port just freed), its own for this test. */
  static String deadUrl() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }
}
