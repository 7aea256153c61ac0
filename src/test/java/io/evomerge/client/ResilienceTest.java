package io.evomerge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.protocol.StatsResponse;
import io.evomerge.config.FaultsConfig;
import io.evomerge.service.Fixtures;
import io.evomerge.service.MergeService;
import io.evomerge.config.LimitsConfig;
import io.evomerge.service.ServiceSettings;
import io.evomerge.service.ToyModel;
import java.io.IOException;
import java.time.Duration;
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

  MergeClient client(ServiceSettings settings) throws IOException {
    return client(settings, ClientSettings.of("http://unused").withApiKey(KEY));
  }

  MergeClient client(ServiceSettings settings, ClientSettings base) throws IOException {
    return client(settings, base, Duration.ofSeconds(5));
  }

  MergeClient client(ServiceSettings settings, ClientSettings base, Duration timeout) throws IOException {
    service = MergeService.start(settings.withApiKeys(List.of(KEY)), ToyModel.of(ADAPTERS));
    ClientSettings clientSettings = new ClientSettings(service.baseUrl(), base.dialect(), base.apiKey(),
        base.connectTimeout(), timeout, 2, 0, RetrySettings.of(4, 10, 80, 0.5));
    return MergeClient.of(clientSettings, listener);
  }

  static ServiceSettings faulty(FaultsConfig faults) {
    return ServiceSettings.defaults().withFaults(faults);
  }

  static EvaluateCall call() {
    return EvaluateCall.of(Fixtures.vectors(new SplittableRandom(1), ADAPTERS), Fixtures.examples("r", 5));
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
    MergeClient client = client(faulty(FaultsConfig.seeded(1).withThrottleRate(1.0, 1).withFaultedAttempts(1)));

    EvaluateResponse response = evaluate(client);

    assertOneResultFromTwoServedCalls(response, 429);
    assertEquals(List.of(new RecordingListener.Retry("evaluate", 429, "rate_limited", 1000)), listener.retries);
    assertEquals(5, service.stats().examplesScored());
  }

  @Test
  void serverErrorsAreRetriedWithBackoffUntilOneSucceeds() throws IOException {
    MergeClient client = client(faulty(FaultsConfig.seeded(2).withErrorRate(1.0).withFaultedAttempts(2)));

    EvaluateResponse response = evaluate(client);

    StatsResponse stats = service.stats();
    assertEquals(5, response.results().size());
    assertEquals(3, stats.calls(EVALUATE));
    assertEquals(2, stats.calls(EVALUATE, 500) + stats.calls(EVALUATE, 503));
    assertEquals(5, stats.examplesScored());
    assertEquals(new CallCounts(3, 2, 1, 0), listener.counts());
    long first = listener.retries.get(0).delayMs();
    long second = listener.retries.get(1).delayMs();
    assertTrue(first >= 5 && first <= 15, "first backoff " + first);
    assertTrue(second >= 10 && second <= 30, "second backoff " + second);
  }

  @Test
  void aRetriedCallIsCountedTwiceAtTheServiceAndOnceAsAResult() throws IOException {
    MergeClient client = client(faulty(FaultsConfig.seeded(3).withErrorRate(1.0).withFaultedAttempts(1)));

    EvaluateResponse response = evaluate(client);

    int faultStatus = service.stats().calls(EVALUATE, 500) == 1 ? 500 : 503;
    assertOneResultFromTwoServedCalls(response, faultStatus);
  }

  @Test
  void aHangPastTheClientTimeoutIsRetried() throws IOException {
    MergeClient client = client(faulty(FaultsConfig.seeded(4).withHangs(1.0, 3000).withFaultedAttempts(1)),
        ClientSettings.of("http://unused").withApiKey(KEY), Duration.ofMillis(1000));

    EvaluateResponse response = evaluate(client);

    assertEquals(5, response.results().size());
    assertEquals(1, listener.retries.size());
    assertEquals("timeout", listener.retries.get(0).code());
    assertEquals(new CallCounts(2, 1, 1, 0), listener.counts());
    assertEquals(1, service.stats().faults("hang"));
  }

  @Test
  void aTruncatedBodyIsRetried() throws IOException {
    MergeClient client = client(faulty(FaultsConfig.seeded(5).withTruncateRate(1.0).withFaultedAttempts(1)));

    EvaluateResponse response = evaluate(client);

    assertEquals(5, response.results().size());
    assertEquals(2, service.stats().calls(EVALUATE, 200));
    assertEquals(200, listener.retries.get(0).status());
    assertEquals(new CallCounts(2, 1, 1, 0), listener.counts());
    assertEquals(1, service.stats().faults("truncated_body"));
  }

  @Test
  void aNonJsonBodyIsRetried() throws IOException {
    MergeClient client = client(faulty(FaultsConfig.seeded(6).withGarbageRate(1.0).withFaultedAttempts(1)));

    EvaluateResponse response = evaluate(client);

    assertEquals(5, response.results().size());
    assertEquals(2, service.stats().calls(EVALUATE, 200));
    assertEquals("unreadable_body", listener.retries.get(0).code());
    assertEquals(new CallCounts(2, 1, 1, 0), listener.counts());
  }

  @Test
  void transientFailuresGiveUpAfterTheConfiguredAttempts() throws IOException {
    MergeClient client = client(faulty(FaultsConfig.seeded(7).withErrorRate(1.0)));

    TransientFailure failure = assertThrows(TransientFailure.class, () -> evaluate(client));

    assertTrue(failure.status() == 500 || failure.status() == 503);
    assertEquals(4, service.stats().calls(EVALUATE));
    assertEquals(new CallCounts(4, 3, 0, 1), listener.counts());
  }

  @Test
  void aBadRequestFailsAtOnceWithTheServicesMessage() throws IOException {
    MergeClient client = client(ServiceSettings.defaults());
    EvaluateCall bad = EvaluateCall.of(ControlVectors.uniform(ADAPTERS + 1), Fixtures.examples("b", 1));

    PermanentFailure failure = assertThrows(PermanentFailure.class, () -> client.evaluateAll(List.of(bad)));

    assertEquals(400, failure.status());
    assertEquals("invalid_request", failure.code());
    assertTrue(failure.getMessage().contains("alpha has 4 entries but the repository has 3"), failure.getMessage());
    assertEquals(1, service.stats().calls(EVALUATE));
    assertEquals(new CallCounts(1, 0, 0, 1), listener.counts());
  }

  @Test
  void aWrongKeyFailsAtOnceWith401() throws IOException {
    MergeClient client = client(ServiceSettings.defaults(),
        ClientSettings.of("http://unused").withApiKey(ApiKey.of("not-the-key")));

    PermanentFailure failure = assertThrows(PermanentFailure.class, () -> evaluate(client));

    assertEquals(401, failure.status());
    assertTrue(failure.getMessage().contains("not valid"), failure.getMessage());
    assertTrue(!failure.getMessage().contains("not-the-key"), "the key must not appear in messages");
    assertEquals(1, service.stats().calls(EVALUATE, 401));
  }

  @Test
  void aMissingKeyFailsAtOnceWith401() throws IOException {
    MergeClient client = client(ServiceSettings.defaults(), ClientSettings.of("http://unused"));

    PermanentFailure failure = assertThrows(PermanentFailure.class, client::repository);

    assertEquals(401, failure.status());
    assertEquals(1, service.stats().calls("GET /v1/repository"));
  }

  @Test
  void aBodyOverTheLimitFailsAtOnceNamingTheLimit() throws IOException {
    MergeClient client = client(ServiceSettings.defaults().withLimits(LimitsConfig.defaults().withMaxBodyBytes(1000)));
    EvaluateCall big = EvaluateCall.of(ControlVectors.uniform(ADAPTERS), Fixtures.examples("big", 50));

    PermanentFailure failure = assertThrows(PermanentFailure.class, () -> client.evaluateAll(List.of(big)));

    assertEquals(413, failure.status());
    assertTrue(failure.serviceMessage().contains("1000 bytes (max_body_bytes)"), failure.serviceMessage());
    assertEquals(List.of(), listener.retries);
    assertEquals(1, service.stats().calls(EVALUATE));
  }

  @Test
  void aRefusedConnectionIsTransient() {
    ClientSettings settings = ClientSettings.of("http://127.0.0.1:1").withRetry(RetrySettings.of(2, 1, 5, 0));

    TransientFailure failure = assertThrows(TransientFailure.class,
        () -> MergeClient.of(settings, listener).health());

    assertEquals(0, failure.status());
    assertEquals(new CallCounts(2, 1, 0, 1), listener.counts());
  }
}
