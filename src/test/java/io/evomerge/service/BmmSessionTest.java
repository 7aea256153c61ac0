package io.evomerge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.config.FaultsConfig;
import io.evomerge.config.LimitsConfig;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.BmmErrorResponse;
import io.evomerge.protocol.Json;
import io.evomerge.protocol.MaterializeResponse;
import io.evomerge.protocol.PresetsResponse;
import io.evomerge.protocol.QueryPlus;
import io.evomerge.protocol.SessionCreateRequest;
import io.evomerge.protocol.SessionEvaluateRequest;
import io.evomerge.protocol.SessionEvaluateResponse;
import io.evomerge.protocol.SessionInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BmmSessionTest {

  static final String KEY = "bmm-key";
  static final String OTHER_KEY = "bmm-other-key";
  static final int ADAPTERS = 4;

  @TempDir
  Path data;
  List<Example> examples;
  MergeService service;

  @BeforeEach
  void start() throws IOException {
    examples = Fixtures.examples("d", 40);
    Fixtures.writeJsonLines(data.resolve("tasks/target.jsonl"), examples);
    ServiceSettings settings = Fixtures.settings(List.of(ApiKey.of(KEY), ApiKey.of(OTHER_KEY)),
        LimitsConfig.defaults(), FaultsConfig.none(), data);
    service = MergeService.start(settings, ToyModel.of(ADAPTERS), Fixtures::readJsonLines);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  String url(String path) {
    return service.baseUrl() + path;
  }

  static String json(Object value) throws IOException {
    return Json.mapper().writeValueAsString(value);
  }

  SessionCreateRequest request(int batchSize, int batches) {
    return SessionCreateRequest.of("reference",
        QueryPlus.of("target", "tasks", batchSize, batches));
  }

  SessionInfo create(SessionCreateRequest request, int expectedStatus) throws IOException {
    Http.Answer answer = Http.post(url("/v1/sessions"), KEY, json(request));
    assertEquals(expectedStatus, answer.status(), answer.body());
    return Json.mapper().readValue(answer.body(), SessionInfo.class);
  }

  SessionEvaluateResponse evaluate(String id, ControlVectors vectors, String tag) throws IOException {
    Http.Answer answer = Http.post(url("/v1/sessions/" + id + "/evaluate"), KEY,
        json(SessionEvaluateRequest.of(vectors, tag)));
    assertEquals(200, answer.status(), answer.body());
    return Json.mapper().readValue(answer.body(), SessionEvaluateResponse.class);
  }

  /** The release's error detail, as one line. */
  static String message(Http.Answer answer) throws IOException {
    return Json.mapper().readValue(answer.body(), BmmErrorResponse.class).message();
  }

  @Test
  void healthAndPresetsDescribeTheModel() throws IOException {
    assertEquals(200, Http.get(url("/health"), null).status());
    Http.Answer answer = Http.get(url("/v1/presets"), KEY);
    PresetsResponse presets = Json.mapper().readValue(answer.body(), PresetsResponse.class);
    assertEquals(List.of(new PresetsResponse.Preset("reference", "presets/reference.json", "toy+bilinear")),
        presets.items());
    assertTrue(answer.body().startsWith("{\"items\":["), answer.body());
    assertTrue(answer.body().contains("\"preset_id\":\"reference\""), answer.body());
  }

  @Test
  void aSessionReadsItsDataSetAndCreatingItAgainReturnsTheSameSession() throws IOException {
    SessionInfo first = create(request(15, 20), 201);
    SessionInfo again = create(request(15, 20), 200);

    assertEquals(first, again);
    assertEquals(ADAPTERS, first.adapterCount());
    assertEquals("artifacts/" + first.sessionId(), first.workdir());
    assertEquals(15, first.queryPlus().batchSize());
    assertEquals(20, first.queryPlus().evaluationBatches());
    assertEquals(300, first.examplesPerEvaluation());
  }

  @Test
  void anEvaluationIsTheMeanLossOfTheSessionsBatches() throws IOException {
    SessionInfo session = create(request(40, 1), 201);
    ControlVectors vectors = Fixtures.vectors(new SplittableRandom(5), ADAPTERS);

    SessionEvaluateResponse response = evaluate(session.sessionId(), vectors, "gen-3.cand_7");

    double expected = examples.stream().mapToDouble(e -> ToyModel.loss(vectors, e)).sum() / 40;
    assertEquals(expected, response.loss(), 1e-12);
    assertEquals("artifacts/" + session.sessionId() + "/artifacts/gen-3.cand_7", response.adapterDir());
    assertEquals(40, service.stats().examplesScored());
  }

  @Test
  void evaluationsOfTheSameVectorsGiveTheSameLossAndSeedsChooseTheBatches() throws IOException {
    SessionInfo a = create(request(5, 3), 201);
    SessionInfo b = create(SessionCreateRequest.of("reference",
        QueryPlus.of("target.jsonl", "tasks", 5, 3)), 201);
    ControlVectors vectors = Fixtures.vectors(new SplittableRandom(6), ADAPTERS);

    double first = evaluate(a.sessionId(), vectors, null).loss();
    double second = evaluate(a.sessionId(), vectors, null).loss();
    double otherSeed = evaluate(b.sessionId(), vectors, null).loss();

    assertEquals(Double.doubleToLongBits(first), Double.doubleToLongBits(second));
    assertNotEquals(first, otherSeed);
    assertEquals(3, service.stats().calls("POST /v1/sessions/{id}/evaluate", 200));
    assertEquals(45, service.stats().examplesScored());
  }

  @Test
  void anotherKeysSessionIsForbiddenAndAnUnknownOneIsNotFound() throws IOException {
    SessionInfo session = create(request(5, 2), 201);
    String body = json(SessionEvaluateRequest.of(ControlVectors.uniform(ADAPTERS), null));

    Http.Answer forbidden = Http.post(url("/v1/sessions/" + session.sessionId() + "/evaluate"), OTHER_KEY, body);
    Http.Answer unknown = Http.get(url("/v1/sessions/nope"), KEY);

    assertEquals(403, forbidden.status());
    assertTrue(message(forbidden).contains("belongs to another API key"));
    assertEquals(404, unknown.status());
    assertEquals("{\"detail\":\"Unknown session.\"}", unknown.body());
    assertEquals(401, Http.get(url("/v1/sessions/" + session.sessionId()), "wrong").status());
  }

  @Test
  void badSessionRequestsAre422NamingTheFieldAndAnUnknownPresetIsABare500() throws IOException {
    Http.Answer preset = Http.post(url("/v1/sessions"), KEY,
        json(SessionCreateRequest.of("gpt", QueryPlus.of("target", "tasks", null, null))));
    assertEquals(500, preset.status());
    assertEquals("Internal Server Error", preset.body());
    assertTrue(preset.contentType().startsWith("text/plain"), preset.contentType());
    assertBad(json(SessionCreateRequest.of("reference", QueryPlus.of("../../etc/passwd", "tasks", null, null))),
        "outside the service's data folder");
    assertBad(json(SessionCreateRequest.of("reference", QueryPlus.of("missing", "tasks", null, null))),
        "query_plus.dataset 'missing' is not a file");
    assertBad(json(request(41, 2)), "query_plus.batch_size = 41 exceeds the 40 examples");
    assertBad(json(request(0, 2)), "query_plus.batch_size = 0");
    assertBad(json(request(5, 1001)), "query_plus.evaluation_batches = 1001");
    assertBad("{\"preset_id\":\"reference\",\"query_plus\":{\"dataset_dir\":\"tasks\"}}", "query_plus.dataset is required");
    assertBad("{\"preset_id\":\"reference\",\"query_plus\":{\"dataset\":\"target\",\"batchsize\":3}}", "unknown field 'query_plus.batchsize'");
  }

  void assertBad(String body, String expected) throws IOException {
    Http.Answer answer = Http.post(url("/v1/sessions"), KEY, body);
    assertEquals(422, answer.status(), answer.body());
    assertTrue(answer.body().startsWith("{\"detail\":[{\"loc\":[\"body\""), answer.body());
    assertTrue(message(answer).contains(expected), message(answer) + " should contain " + expected);
  }

  @Test
  void badSessionEvaluationsAre422NamingTheFieldAndAWrongLengthIsABare500() throws IOException {
    SessionInfo session = create(request(5, 2), 201);
    String path = "/v1/sessions/" + session.sessionId() + "/evaluate";

    Http.Answer alpha = Http.post(url(path), KEY, "{\"alpha\":[2,1,1,1],\"beta\":[0,0,0,0]}");
    Http.Answer length = Http.post(url(path), KEY, "{\"alpha\":[1,1,1],\"beta\":[0,0,0,0]}");
    Http.Answer tag = Http.post(url(path), KEY, "{\"alpha\":[1,1,1,1],\"beta\":[0,0,0,0],\"tag\":\"a/b\"}");

    assertTrue(message(alpha).contains("alpha[0] = 2.0 is outside"), message(alpha));
    assertEquals("[\"body\",\"alpha\",0]", Json.mapper().readTree(alpha.body()).at("/detail/0/loc").toString());
    assertEquals(500, length.status());
    assertEquals("Internal Server Error", length.body());
    assertTrue(message(tag).contains("tag 'a/b'"), message(tag));
    assertEquals(2, service.stats().calls("POST /v1/sessions/{id}/evaluate", 422));
    assertEquals(1, service.stats().calls("POST /v1/sessions/{id}/evaluate", 500));
  }

  @Test
  void materializeKeepsTheMergeUnderTheSessionsWorkdirAndAnswersTheSession() throws IOException {
    SessionInfo session = create(request(5, 2), 201);
    String body = json(SessionEvaluateRequest.of(ControlVectors.uniform(ADAPTERS), "best"));

    Http.Answer answer = Http.post(url("/v1/sessions/" + session.sessionId() + "/materialize"), KEY, body);
    Http.Answer unknown = Http.post(url("/v1/sessions/nope/materialize"), KEY, body);

    assertEquals(200, answer.status(), answer.body());
    MaterializeResponse materialized = Json.mapper().readValue(answer.body(), MaterializeResponse.class);
    assertEquals(new MaterializeResponse("artifacts/" + session.sessionId() + "/artifacts/best", session), materialized);
    assertTrue(answer.body().startsWith("{\"adapter_dir\":"), answer.body());
    assertEquals(404, unknown.status());
    assertEquals(0, service.stats().examplesScored());
  }

  @Test
  void anEvaluationWithoutATagIsFiledUnderTheReleasesDefaultTag() throws IOException {
    SessionInfo session = create(request(5, 1), 201);
    SessionEvaluateResponse response = evaluate(session.sessionId(), ControlVectors.uniform(ADAPTERS), null);
    assertEquals("artifacts/" + session.sessionId() + "/artifacts/manual", response.adapterDir());
  }
}
