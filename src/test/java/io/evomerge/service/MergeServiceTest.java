package io.evomerge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.evomerge.config.TestConfigs;
import io.evomerge.config.FaultsConfig;
import io.evomerge.config.LimitsConfig;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.protocol.Json;
import io.evomerge.protocol.PredictResponse;
import io.evomerge.protocol.RepositoryResponse;
import io.evomerge.protocol.StatsResponse;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MergeServiceTest {

  static final String KEY = "test-key-0123456789";
  static final int ADAPTERS = 3;

  ToyModel model;
  MergeService service;

  @BeforeEach
  void start() throws IOException {
    model = ToyModel.of(ADAPTERS);
    service = MergeService.start(settings(), model);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  static ServiceSettings settings() {
    return Fixtures.settings(ApiKey.of(KEY));
  }

  static ServiceSettings limited(LimitsConfig limits) {
    return Fixtures.settings(List.of(ApiKey.of(KEY)), limits, FaultsConfig.none(), null);
  }

  String url(String path) {
    return service.baseUrl() + path;
  }

  static String json(Object value) throws IOException {
    return Json.mapper().writeValueAsString(value);
  }

  static String evaluateBody(ControlVectors vectors, List<Example> examples) throws IOException {
    return json(EvaluateRequest.of(vectors, examples));
  }

  @Test
  void bindsToLoopbackOnAFreePortByDefault() {
    assertTrue(service.baseUrl().startsWith("http://127.0.0.1:"));
    assertTrue(service.port() > 0);
  }

  @Test
  void healthIsOpenInBothDialectsWithoutAKey() throws IOException {
    assertEquals(new Http.Answer(200, "{\"status\":\"ok\"}", null, "application/json; charset=utf-8", null),
        Http.get(url("/v1/health"), null));
    assertEquals(200, Http.get(url("/health"), null).status());
  }

  @Test
  void repositoryListsTheModelsAdaptersInVectorOrder() throws IOException {
    Http.Answer answer = Http.get(url("/v1/repository"), KEY);
    RepositoryResponse repository = Json.mapper().readValue(answer.body(), RepositoryResponse.class);
    assertEquals(new RepositoryResponse("toy+bilinear", model.adapters()), repository);
    assertTrue(answer.body().contains("\"base_model\""), answer.body());
  }

  @Test
  void evaluateAnswersOneResultPerExampleInRequestOrderWithUsageAndMergeId() throws IOException {
    ControlVectors vectors = Fixtures.vectors(new SplittableRandom(1), ADAPTERS);
    List<Example> examples = new java.util.ArrayList<>(Fixtures.examples("e", 7));
    java.util.Collections.reverse(examples);
    Http.Answer answer = Http.post(url("/v1/evaluate"), KEY, evaluateBody(vectors, examples));

    assertEquals(200, answer.status(), answer.body());
    EvaluateResponse response = Json.mapper().readValue(answer.body(), EvaluateResponse.class);
    assertEquals(model.evaluate(vectors, examples), response.results());
    assertEquals(7, response.usage().examples());
    assertTrue(response.mergeId().matches("[0-9a-f]{64}"), response.mergeId());
    assertTrue(answer.body().contains("\"merge_id\""));
  }

  @Test
  void theMergeIdDependsOnTheVectorsOnly() throws IOException {
    SplittableRandom random = new SplittableRandom(2);
    ControlVectors a = Fixtures.vectors(random, ADAPTERS);
    ControlVectors b = Fixtures.vectors(random, ADAPTERS);
    String idA1 = evaluate(a, Fixtures.examples("x", 2)).mergeId();
    String idA2 = evaluate(a, Fixtures.examples("y", 5)).mergeId();
    String idB = evaluate(b, Fixtures.examples("x", 2)).mergeId();
    assertEquals(idA1, idA2);
    assertNotEquals(idA1, idB);
  }

  EvaluateResponse evaluate(ControlVectors vectors, List<Example> examples) throws IOException {
    Http.Answer answer = Http.post(url("/v1/evaluate"), KEY, evaluateBody(vectors, examples));
    return Json.mapper().readValue(answer.body(), EvaluateResponse.class);
  }

  @Test
  void predictAnswersTheBestOptionOfEachExampleWithoutNeedingTargets() throws IOException {
    ControlVectors vectors = Fixtures.vectors(new SplittableRandom(3), ADAPTERS);
    List<Example> examples = Fixtures.examples("p", 4).stream().map(Example::withoutOutput).toList();
    Http.Answer answer = Http.post(url("/v1/predict"), KEY, evaluateBody(vectors, examples));

    assertEquals(200, answer.status(), answer.body());
    PredictResponse response = Json.mapper().readValue(answer.body(), PredictResponse.class);
    List<String> expected = model.predict(vectors, examples);
    assertEquals(expected, response.predictions().stream().map(PredictResponse.Prediction::prediction).toList());
    assertEquals(List.of("p-0", "p-1", "p-2", "p-3"),
        response.predictions().stream().map(PredictResponse.Prediction::id).toList());
    assertEquals(4, service.stats().examplesPredicted());
  }

  @Test
  void aMissingKeyIsRefusedWith401() throws IOException {
    Http.Answer answer = Http.get(url("/v1/repository"), null);
    assertEquals(401, answer.status());
    assertEquals("Bearer", answer.wwwAuthenticate());
    assertEquals("unauthorized", error(answer).get("code").asText());
    assertTrue(error(answer).get("message").asText().contains("Authorization: Bearer"));
  }

  @Test
  void aWrongKeyIsRefusedWith401AndTheModelIsNeverCalled() throws IOException {
    String body = evaluateBody(ControlVectors.uniform(ADAPTERS), Fixtures.examples("w", 2));
    Http.Answer answer = Http.post(url("/v1/evaluate"), "test-key-0123456788", body);
    assertEquals(401, answer.status());
    assertTrue(error(answer).get("message").asText().contains("not valid"));
    assertEquals(0, model.scored());
  }

  @Test
  void anyOfSeveralConfiguredKeysIsAccepted() throws IOException {
    service.close();
    service = MergeService.start(Fixtures.settings(ApiKey.of("first"), ApiKey.of("second")), model);
    assertEquals(200, Http.get(url("/v1/repository"), "second").status());
    assertEquals(200, Http.get(url("/v1/repository"), "first").status());
    assertEquals(401, Http.get(url("/v1/repository"), KEY).status());
  }

  static JsonNode error(Http.Answer answer) throws IOException {
    return Json.mapper().readTree(answer.body()).get("error");
  }

  static Stream<Arguments> badRequests() throws IOException {
    String examples = json(Fixtures.examples("b", 2));
    String ok3 = "[0.5,0.5,0.5]";
    return Stream.of(
        Arguments.of("not JSON", "{alpha: [1]", "not valid JSON"),
        Arguments.of("empty body", "", "body is empty"),
        Arguments.of("trailing tokens", "{\"alpha\":" + ok3 + ",\"beta\":" + ok3 + ",\"examples\":" + examples + "} x", "JSON"),
        Arguments.of("alpha too short", "{\"alpha\":[1,1],\"beta\":" + ok3 + ",\"examples\":" + examples + "}", "alpha has 2 entries but the repository has 3"),
        Arguments.of("beta too long", "{\"alpha\":" + ok3 + ",\"beta\":[0,0,0,0],\"examples\":" + examples + "}", "beta has 4 entries"),
        Arguments.of("alpha above 1", "{\"alpha\":[0.5,1.5,0.5],\"beta\":" + ok3 + ",\"examples\":" + examples + "}", "alpha[1] = 1.5 is outside [0.0, 1.0]"),
        Arguments.of("negative alpha", "{\"alpha\":[-0.1,0.5,0.5],\"beta\":" + ok3 + ",\"examples\":" + examples + "}", "alpha[0] = -0.1"),
        Arguments.of("NaN beta", "{\"alpha\":" + ok3 + ",\"beta\":[0.5,NaN,0.5],\"examples\":" + examples + "}", "beta[1] is NaN; expected a finite number"),
        Arguments.of("infinite beta", "{\"alpha\":" + ok3 + ",\"beta\":[0.5,0.5,Infinity],\"examples\":" + examples + "}", "beta[2] is Infinity"),
        Arguments.of("beta over the bound", "{\"alpha\":" + ok3 + ",\"beta\":[0.5,10.5,0.5],\"examples\":" + examples + "}", "beta[1] = 10.5 is outside [-10.0, 10.0]"),
        Arguments.of("unknown field", "{\"alpha\":" + ok3 + ",\"beta\":" + ok3 + ",\"gamma\":1,\"examples\":" + examples + "}", "unknown field 'gamma'"),
        Arguments.of("unknown example field", "{\"alpha\":" + ok3 + ",\"beta\":" + ok3 + ",\"examples\":[{\"id\":\"a\",\"label\":\"x\",\"options\":[\"x\",\"y\"],\"output\":\"x\"}]}", "unknown field 'examples[0].label'"),
        Arguments.of("alpha a string", "{\"alpha\":\"high\",\"beta\":" + ok3 + ",\"examples\":" + examples + "}", "field 'alpha' has the wrong type"),
        Arguments.of("number as string", "{\"alpha\":[\"0.5\",0.5,0.5],\"beta\":" + ok3 + ",\"examples\":" + examples + "}", "alpha"),
        Arguments.of("null in alpha", "{\"alpha\":[null,0.5,0.5],\"beta\":" + ok3 + ",\"examples\":" + examples + "}", "alpha"),
        Arguments.of("duplicate key", "{\"alpha\":" + ok3 + ",\"alpha\":" + ok3 + ",\"beta\":" + ok3 + ",\"examples\":" + examples + "}", "alpha"),
        Arguments.of("examples missing", "{\"alpha\":" + ok3 + ",\"beta\":" + ok3 + "}", "examples is required"),
        Arguments.of("examples empty", "{\"alpha\":" + ok3 + ",\"beta\":" + ok3 + ",\"examples\":[]}", "examples is empty"),
        Arguments.of("example without id", "{\"alpha\":" + ok3 + ",\"beta\":" + ok3 + ",\"examples\":[{\"options\":[\"x\",\"y\"],\"output\":\"x\"}]}", "examples[0].id' is required"),
        Arguments.of("example without output", "{\"alpha\":" + ok3 + ",\"beta\":" + ok3 + ",\"examples\":[{\"id\":\"a\",\"options\":[\"x\",\"y\"]}]}", "examples[0].output is missing"),
        Arguments.of("output not an option", "{\"alpha\":" + ok3 + ",\"beta\":" + ok3 + ",\"examples\":[{\"id\":\"a\",\"options\":[\"x\",\"y\"],\"output\":\"z\"}]}", "examples[0].output 'z' is not one of its options"),
        Arguments.of("one option", "{\"alpha\":" + ok3 + ",\"beta\":" + ok3 + ",\"examples\":[{\"id\":\"a\",\"options\":[\"x\"],\"output\":\"x\"}]}", "examples[0].options has 1 entries"),
        Arguments.of("too many examples", "{\"alpha\":" + ok3 + ",\"beta\":" + ok3 + ",\"examples\":" + json(Fixtures.examples("m", 257)) + "}", "at most 256 per call (max_examples_per_call)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void aBadRequestIs400WithAMessageNamingTheField(String name, String body, String expected) throws IOException {
    Http.Answer answer = Http.post(url("/v1/evaluate"), KEY, body);
    assertEquals(400, answer.status(), answer.body());
    String message = error(answer).get("message").asText();
    assertTrue(message.contains(expected), "message '" + message + "' should contain '" + expected + "'");
    assertEquals(0, model.scored());
  }

  @Test
  void aBodyOverTheLimitIs413NamingTheLimit() throws IOException {
    service.close();
    service = MergeService.start(limited(TestConfigs.limits("maxBodyBytes: 2048")), model);
    String body = evaluateBody(ControlVectors.uniform(ADAPTERS), Fixtures.examples("big", 100));
    assertTrue(body.length() > 2048);

    Http.Answer answer = Http.post(url("/v1/evaluate"), KEY, body);

    assertEquals(413, answer.status(), answer.body());
    assertTrue(error(answer).get("message").asText().contains("limit of 2048 bytes (max_body_bytes)"));
    assertEquals(0, model.scored());
    assertEquals(1, service.stats().calls("POST /v1/evaluate", 413));
  }

  @Test
  void overTheConcurrencyLimitIs429WithRetryAfter() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    service.close();
    service = MergeService.start(limited(TestConfigs.limits("maxConcurrent: 1")),
        ToyModel.blocking(ADAPTERS, entered, release));
    String body = evaluateBody(ControlVectors.uniform(ADAPTERS), Fixtures.examples("c", 1));
    CompletableFuture<Http.Answer> first = CompletableFuture.supplyAsync(() -> post(body));
    assertTrue(entered.await(5, TimeUnit.SECONDS));

    Http.Answer second = Http.post(url("/v1/evaluate"), KEY, body);
    release.countDown();

    assertEquals(429, second.status());
    assertEquals("1", second.retryAfter());
    assertTrue(error(second).get("message").asText().contains("max_concurrency"));
    assertEquals(200, first.get(5, TimeUnit.SECONDS).status());
  }

  Http.Answer post(String body) {
    try {
      return Http.post(url("/v1/evaluate"), KEY, body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void overTheRateLimitIs429WithRetryAfter() throws IOException {
    service.close();
    service = MergeService.start(limited(TestConfigs.limits("rateLimitPerSecond: 0.2")), model);
    String body = evaluateBody(ControlVectors.uniform(ADAPTERS), Fixtures.examples("r", 1));

    Http.Answer first = Http.post(url("/v1/evaluate"), KEY, body);
    Http.Answer second = Http.post(url("/v1/evaluate"), KEY, body);

    assertEquals(200, first.status());
    assertEquals(429, second.status());
    int wait = Integer.parseInt(second.retryAfter());
    assertTrue(wait >= 1 && wait <= 5, "Retry-After " + wait);
    assertTrue(error(second).get("message").asText().contains("rate_per_second"));
  }

  @Test
  void statsCountEveryAnswerByEndpointAndStatusAndTheExamplesScoredExactly() throws IOException {
    String good = evaluateBody(ControlVectors.uniform(ADAPTERS), Fixtures.examples("s", 3));
    Http.post(url("/v1/evaluate"), KEY, good);
    Http.post(url("/v1/evaluate"), KEY, good);
    Http.post(url("/v1/evaluate"), KEY, "{}");
    Http.post(url("/v1/evaluate"), null, good);
    Http.get(url("/v1/health"), null);
    Http.get(url("/nowhere"), KEY);

    Http.Answer answer = Http.get(url("/v1/stats"), KEY);
    StatsResponse stats = Json.mapper().readValue(answer.body(), StatsResponse.class);

    assertEquals(2, stats.calls("POST /v1/evaluate", 200));
    assertEquals(1, stats.calls("POST /v1/evaluate", 400));
    assertEquals(1, stats.calls("POST /v1/evaluate", 401));
    assertEquals(4, stats.calls("POST /v1/evaluate"));
    assertEquals(1, stats.calls("GET /v1/health", 200));
    assertEquals(1, stats.calls("unmatched", 404));
    assertEquals(0, stats.calls("GET /v1/stats"));
    assertEquals(6, stats.examplesScored());
    assertTrue(answer.body().contains("\"examples_scored\":6"), answer.body());
    assertEquals(stats, service.stats());
    assertEquals(401, Http.get(url("/v1/stats"), null).status());
  }

  @Test
  void anUnknownPathIs404AndAWrongMethodIs405() throws IOException {
    assertEquals(404, Http.get(url("/v2/evaluate"), KEY).status());
    Http.Answer wrongMethod = Http.get(url("/v1/evaluate"), KEY);
    assertEquals(405, wrongMethod.status());
    assertTrue(error(wrongMethod).get("message").asText().contains("POST"));
  }

  @Test
  void theServiceAnswersManyCallsAtOnce() throws Exception {
    List<CompletableFuture<Http.Answer>> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 16; i++) {
      String body = evaluateBody(Fixtures.vectors(new SplittableRandom(i), ADAPTERS), Fixtures.examples("m" + i, 5));
      answers.add(CompletableFuture.supplyAsync(() -> post(body)));
    }
    for (CompletableFuture<Http.Answer> answer : answers) {
      assertEquals(200, answer.get(10, TimeUnit.SECONDS).status());
    }
    assertEquals(80, service.stats().examplesScored());
    assertFalse(service.stats().calls().containsKey("unmatched"));
  }

  @Test
  void resultsCarryTheModelsLossBitForBit() throws IOException {
    ControlVectors vectors = Fixtures.vectors(new SplittableRandom(9), ADAPTERS);
    List<Example> examples = Fixtures.examples("bits", 3);
    List<ExampleResult> results = evaluate(vectors, examples).results();
    for (int i = 0; i < examples.size(); i++) {
      assertEquals(Double.doubleToLongBits(ToyModel.loss(vectors, examples.get(i))),
          Double.doubleToLongBits(results.get(i).loss()));
    }
  }
}
