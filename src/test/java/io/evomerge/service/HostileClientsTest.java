package io.evomerge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.config.FaultsConfig;
import io.evomerge.config.LimitsConfig;
import io.evomerge.config.TestConfigs;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service against clients that are slow, careless or hostile: admission happens on the
 * headers, a refused body is never read, memory held by bodies is bounded, stalled and idle
 * connections are closed, work stops with its client, and the fault knobs do what they say. All
 * over real sockets on 127.0.0.1.
 */
class HostileClientsTest {

  static final String KEY = "hostile-key";
  static final String AUTH = "Authorization: Bearer " + KEY;
  static final int ADAPTERS = 2;

  MergeService service;

  @AfterEach
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  MergeService start(LimitsConfig limits, FaultsConfig faults, ToyModel model) throws IOException {
    service = MergeService.start(Fixtures.settings(List.of(ApiKey.of(KEY)), limits, faults, null), model);
    return service;
  }

  static LimitsConfig limits(long maxBody, long inFlight, int concurrent, long idleMs, long deadlineMs) {
    LimitsConfig d = LimitsConfig.defaults();
    return new LimitsConfig(maxBody, d.maxExamplesPerCall(), d.maxOptionsPerExample(), d.maxTextChars(),
        d.betaBound(), concurrent, 0, 1, inFlight, idleMs, deadlineMs, d.maxSessions(), d.maxEvaluationBatches());
  }

  static byte[] evaluateBody(List<Example> examples) throws IOException {
    return Json.mapper().writeValueAsBytes(EvaluateRequest.of(ControlVectors.uniform(ADAPTERS), examples));
  }

  static String json(String... fields) {
    return String.join("", fields);
  }

  @Test
  void aRequestWithoutAKeyIsRefusedOnItsHeadersAndItsBodyIsNeverWaitedFor() throws Exception {
    ToyModel model = ToyModel.of(ADAPTERS);
    start(limits(8L << 20, 64L << 20, 4, 1000, 60_000), FaultsConfig.none(), model);
    try (RawHttp raw = new RawHttp(service.port())) {
      long start = System.nanoTime();
      RawHttp.Answer answer = raw.head("POST", "/v1/evaluate", "Content-Type: application/json",
          "Content-Length: 1000000").send(new byte[100]).read();
      long answeredMs = (System.nanoTime() - start) / 1_000_000;

      assertEquals(401, answer.status());
      assertTrue(answeredMs < 1000, "answered after " + answeredMs + " ms");
      assertEquals("close", answer.header("Connection"));
      long closedMs = raw.millisUntilClosed(5000);
      assertTrue(closedMs >= 0 && closedMs <= 2000, "closed after " + closedMs + " ms");
    }
    assertEquals(1, service.stats().calls("POST /v1/evaluate", 401));
    assertEquals(0, model.scored());
  }

  @Test
  void aContentLengthOverTheLimitIs413BeforeTheBodyIsRead() throws Exception {
    start(limits(4096, 64L << 20, 4, 30_000, 60_000), FaultsConfig.none(), ToyModel.of(ADAPTERS));
    try (RawHttp raw = new RawHttp(service.port())) {
      RawHttp.Answer answer = raw.head("POST", "/v1/evaluate", AUTH, "Content-Length: 100000000").read();

      assertEquals(413, answer.status());
      assertTrue(answer.text().contains("limit of 4096 bytes (max_body_bytes)"), answer.text());
      assertEquals("close", answer.header("Connection"));
    }
  }

  @Test
  void aStalledUploadIsAnswered408AndClosedWithinTheIdleTimeout() throws Exception {
    start(limits(8L << 20, 64L << 20, 4, 700, 60_000), FaultsConfig.none(), ToyModel.of(ADAPTERS));
    try (RawHttp raw = new RawHttp(service.port())) {
      long start = System.nanoTime();
      RawHttp.Answer answer = raw.head("POST", "/v1/evaluate", AUTH, "Content-Length: 5000")
          .send("{\"alpha\":".getBytes(StandardCharsets.UTF_8)).read();
      long ms = (System.nanoTime() - start) / 1_000_000;

      assertEquals(408, answer.status());
      assertTrue(answer.text().contains("idle_timeout_ms"), answer.text());
      assertTrue(ms >= 600 && ms < 3000, "answered after " + ms + " ms");
      assertTrue(raw.millisUntilClosed(3000) >= 0);
    }
    assertEquals(1, service.stats().calls("POST /v1/evaluate", 408));
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeoutAsUvicornDoes() throws Exception {
    start(limits(8L << 20, 64L << 20, 4, 500, 60_000), FaultsConfig.none(), ToyModel.of(ADAPTERS));
    try (RawHttp raw = new RawHttp(service.port())) {
      assertEquals(200, raw.head("GET", "/v1/health").read().status());
      assertEquals(200, raw.head("GET", "/v1/health").read().status());
      long closedMs = raw.millisUntilClosed(5000);
      assertTrue(closedMs >= 300 && closedMs <= 2000, "closed after " + closedMs + " ms");
    }
  }

  @Test
  void bodiesInFlightStayWithinTheByteBudgetAndAnOverflowIs503WithRetryAfter() throws Exception {
    start(limits(1000, 1500, 8, 5000, 60_000), FaultsConfig.none(), ToyModel.of(ADAPTERS));
    try (RawHttp stalled = new RawHttp(service.port()); RawHttp second = new RawHttp(service.port())) {
      stalled.head("POST", "/v1/evaluate", AUTH, "Content-Length: 1000").send(new byte[10]);
      Thread.sleep(200);
      RawHttp.Answer answer = second.head("POST", "/v1/evaluate", AUTH, "Content-Length: 1000").read();

      assertEquals(503, answer.status());
      assertEquals("1", answer.header("Retry-After"));
      assertTrue(answer.text().contains("budget of 1500 bytes (max_body_bytes_in_flight)"), answer.text());
    }
  }

  @Test
  void tooManyOptionsOrTooLongATextIs400NamingTheLimitBeforeAnyModelWork() throws Exception {
    ToyModel model = ToyModel.of(ADAPTERS);
    start(LimitsConfig.defaults(), FaultsConfig.none(), model);
    List<String> options = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      options.add("option " + i);
    }
    Example wide = new Example("w", "Pick.", "text", "option 0", options);
    Example longText = new Example("l", "Pick.", "x".repeat(20_000), "yes", List.of("yes", "no"));

    Http.Answer tooWide = Http.post(service.baseUrl() + "/v1/evaluate", KEY,
        new String(evaluateBody(List.of(wide)), StandardCharsets.UTF_8));
    Http.Answer tooLong = Http.post(service.baseUrl() + "/v1/evaluate", KEY,
        new String(evaluateBody(List.of(Fixtures.examples("ok", 1).get(0), longText)), StandardCharsets.UTF_8));

    assertEquals(400, tooWide.status());
    assertTrue(tooWide.body().contains("examples[0].options has 5000 entries; this service accepts at most 64"
        + " per example (max_options_per_example)"), tooWide.body());
    assertEquals(400, tooLong.status());
    assertTrue(tooLong.body().contains("examples[1].input has more than 16384 characters; this service accepts"
        + " at most 16384 per text (max_text_chars)"), tooLong.body());
    assertEquals(0, model.scored());
  }

  @Test
  void theLimitsEndpointAdvertisesWhatTheServiceAccepts() throws Exception {
    start(TestConfigs.limits("maxBodyBytes: 5000"), FaultsConfig.none(), ToyModel.of(ADAPTERS));
    Http.Answer answer = Http.get(service.baseUrl() + "/v1/limits", KEY);
    assertEquals(200, answer.status());
    assertEquals("{\"max_body_bytes\":5000,\"max_examples_per_call\":256,\"max_options_per_example\":64,"
        + "\"max_text_chars\":16384,\"beta_bound\":10.0}", answer.body());
  }

  @Test
  void workStopsWhenItsClientHasGone() throws Exception {
    ToyModel model = ToyModel.slow(ADAPTERS, 50);
    start(limits(8L << 20, 64L << 20, 4, 30_000, 60_000), FaultsConfig.none(), model);
    byte[] body = evaluateBody(Fixtures.examples("gone", 100));
    try (RawHttp raw = new RawHttp(service.port())) {
      raw.head("POST", "/v1/evaluate", AUTH, "Content-Type: application/json", "Content-Length: " + body.length)
          .send(body);
      Thread.sleep(500);
    }
    Thread.sleep(500);
    long after = model.scored();
    Thread.sleep(1000);
    assertEquals(after, model.scored(), "still scoring after the client left");
    assertTrue(after < 40, "scored " + after + " of 100");
  }

  @Test
  void workStopsAtItsDeadlineWith503NamingIt() throws Exception {
    ToyModel model = ToyModel.slow(ADAPTERS, 50);
    start(limits(8L << 20, 64L << 20, 4, 30_000, 400), FaultsConfig.none(), model);
    Http.Answer answer = Http.post(service.baseUrl() + "/v1/evaluate", KEY,
        new String(evaluateBody(Fixtures.examples("late", 100)), StandardCharsets.UTF_8));

    assertEquals(503, answer.status());
    assertTrue(answer.body().contains("deadline of 400 ms (request_deadline_ms)"), answer.body());
    assertTrue(model.scored() < 20, "scored " + model.scored());
  }

  @Test
  void workLongerThanTheIdleTimeoutIsStillAnswered() throws Exception {
    ToyModel model = ToyModel.slow(ADAPTERS, 100);
    start(limits(8L << 20, 64L << 20, 4, 300, 60_000), FaultsConfig.none(), model);
    Http.Answer answer = Http.post(service.baseUrl() + "/v1/evaluate", KEY,
        new String(evaluateBody(Fixtures.examples("long", 10)), StandardCharsets.UTF_8));

    assertEquals(200, answer.status(), answer.body());
    assertEquals(10, model.scored());
  }

  @Test
  void aTruncatedAnswerAnnouncesItsLengthSendsPartAndCloses() throws Exception {
    start(LimitsConfig.defaults(), TestConfigs.faults("seed: 1, truncateRate: 1.0"), ToyModel.of(ADAPTERS));
    byte[] body = evaluateBody(Fixtures.examples("t", 3));
    try (RawHttp raw = new RawHttp(service.port())) {
      RawHttp.Answer answer = raw.head("POST", "/v1/evaluate", AUTH, "Content-Length: " + body.length)
          .send(body).read();

      assertEquals(200, answer.status());
      assertTrue(answer.closed(), "the connection should close");
      long announced = Long.parseLong(answer.header("Content-Length"));
      assertEquals(announced / 2, answer.body().length);
    }
    assertEquals(1, service.stats().faults("truncated_body"));
  }

  @Test
  void aHangHoldsTheConnectionForHangMsWithoutHoldingASlot() throws Exception {
    start(limits(8L << 20, 64L << 20, 1, 30_000, 60_000), TestConfigs.faults("seed: 2, hangRate: 1.0, hangMs: 1000, faultedAttempts: 1"), ToyModel.of(ADAPTERS));
    String hung = new String(evaluateBody(Fixtures.examples("hang", 2)), StandardCharsets.UTF_8);
    assertEquals(200, Http.get(service.baseUrl() + "/v1/health", null).status());
    long start = System.nanoTime();
    CompletableFuture<Http.Answer> first = CompletableFuture.supplyAsync(() -> post(hung));
    Thread.sleep(500);
    // The same body again is its second sending: not faulted, and served at once in the free slot.
    Http.Answer second = post(hung);
    long secondMs = (System.nanoTime() - start) / 1_000_000;
    Http.Answer answer = first.get(10, TimeUnit.SECONDS);
    long firstMs = (System.nanoTime() - start) / 1_000_000;

    assertEquals(200, second.status());
    assertTrue(secondMs < 900, "second answered after " + secondMs + " ms");
    assertEquals(200, answer.status());
    assertTrue(firstMs >= 1000, "hung call answered after " + firstMs + " ms");
    assertEquals(1, service.stats().faults("hang"));
  }

  @Test
  void latencyIsSpentHoldingTheConcurrencySlot() throws Exception {
    start(limits(8L << 20, 64L << 20, 1, 30_000, 60_000), TestConfigs.faults("seed: 3, latencyMs: 800"),
        ToyModel.of(ADAPTERS));
    String a = new String(evaluateBody(Fixtures.examples("la", 1)), StandardCharsets.UTF_8);
    String b = new String(evaluateBody(Fixtures.examples("lb", 1)), StandardCharsets.UTF_8);
    CompletableFuture<Http.Answer> first = CompletableFuture.supplyAsync(() -> post(a));
    Thread.sleep(300);
    Http.Answer second = post(b);

    assertEquals(429, second.status());
    assertTrue(second.body().contains("max_concurrency"), second.body());
    assertEquals(200, first.get(10, TimeUnit.SECONDS).status());
  }

  @Test
  void healthIsAnsweredAtOnceWhileEverySlotIsBusy() throws Exception {
    ToyModel model = ToyModel.slow(ADAPTERS, 200);
    start(limits(8L << 20, 64L << 20, 2, 30_000, 60_000), FaultsConfig.none(), model);
    List<CompletableFuture<Http.Answer>> busy = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String body = new String(evaluateBody(Fixtures.examples("busy" + i, 10)), StandardCharsets.UTF_8);
      busy.add(CompletableFuture.supplyAsync(() -> post(body)));
    }
    Thread.sleep(300);
    List<Long> millis = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      assertEquals(200, Http.get(service.baseUrl() + "/v1/health", null).status());
      millis.add((System.nanoTime() - start) / 1_000_000);
    }
    assertTrue(Collections.max(millis) < 500, "health took " + millis + " ms");
    for (CompletableFuture<Http.Answer> call : busy) {
      assertEquals(200, call.get(10, TimeUnit.SECONDS).status());
    }
  }

  Http.Answer post(String body) {
    try {
      return Http.post(service.baseUrl() + "/v1/evaluate", KEY, body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
