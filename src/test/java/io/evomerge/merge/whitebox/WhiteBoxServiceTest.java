package io.evomerge.merge.whitebox;

import io.evomerge.protocol.StrategySpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.adapter.AdapterRepository;
import io.evomerge.adapter.LoraAdapter;
import io.evomerge.config.ServiceConfig;
import io.evomerge.client.MergeClient;
import io.evomerge.client.PermanentFailure;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.service.Fixtures;
import io.evomerge.service.MergeService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The {@code strategy} field end to end: client, HTTP on loopback, service, the ONNX-backed model. */
class WhiteBoxServiceTest {

  static final ApiKey KEY = ApiKey.of("white-box-key");
  static ReferenceModel model;
  static MergeService service;
  static MergeClient client;
  static final List<Example> EXAMPLES = List.of(
      new Example("w1", null, "The film was a joy from start to finish.", "positive", List.of("positive", "negative")),
      new Example("w2", null, "Dull, slow and far too long.", "negative", List.of("positive", "negative")),
      new Example("w3", null, "Where is the nearest station?", "place", List.of("person", "place", "number")));

  @BeforeAll
  static void start() throws IOException {
    model = ReferenceModel.of(new AdapterRepository(AdapterRepository.REFERENCE_BASE_MODEL,
        List.of(random("a0", 1), random("a1", 2), random("a2", 3))));
    service = MergeService.start(Fixtures.settings(KEY), model);
    client = registered(service.baseUrl(), KEY);
  }

  @AfterAll
  static void stop() {
    service.close();
  }

  static LoraAdapter random(String id, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int rank = 2;
    int dim = 384;
    float[] a = new float[rank * dim];
    float[] b = new float[dim * rank];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian(0, 0.2);
      b[i] = (float) random.nextGaussian(0, 0.2);
    }
    return new LoraAdapter(id, "random " + id, rank, 4.0, dim, a, b);
  }

  static ControlVectors vectors() {
    return ControlVectors.of(new double[] {1, 1, 1}, new double[] {0.8, -0.4, 0.6});
  }

  static EvaluateRequest request(ControlVectors vectors, StrategySpec strategy) {
    return new EvaluateRequest(vectors.alpha(), vectors.beta(), EXAMPLES, strategy);
  }

  @Test
  void aRequestWithoutStrategyIsScoredWithTheAsymmetricRule() {
    EvaluateResponse answer = client.evaluate(EvaluateRequest.of(vectors(), EXAMPLES));
    assertEquals(model.evaluate(vectors(), EXAMPLES), answer.results());
    assertEquals(answer.results(), client.evaluate(
        request(vectors(), new StrategySpec("asymmetric", null, null))).results());
  }

  @Test
  void eachWhiteBoxStrategyIsScoredWithItsOwnMergeOfTheSameWeights() {
    List<List<ExampleResult>> answers = new ArrayList<>();
    for (StrategySpec spec : List.of(new StrategySpec("task-arithmetic", null, null), new StrategySpec("ties", 0.2, null), new StrategySpec("dare", 0.3, 5L))) {
      List<ExampleResult> results = client.evaluate(request(vectors(), spec)).results();
      assertEquals(model.evaluate(vectors(), EXAMPLES, spec), results, spec.key());
      answers.add(results);
    }
    assertNotEquals(answers.get(0), answers.get(1));
    assertNotEquals(answers.get(0), model.evaluate(vectors(), EXAMPLES));
  }

  @Test
  void taskArithmeticWithOneAdapterIsThatAdaptersDenseUpdate() {
    ControlVectors only = ControlVectors.of(new double[3], new double[] {1, 0, 0});
    float[] x = model.encoder().encode(EXAMPLES.get(0).prompt());
    float[] y = model.encoder().encode("positive");
    double viaRule = model.merged(ControlVectors.of(new double[] {1, 0, 0}, new double[] {1, 0, 0})).bilinear(x, y);
    double viaTaskArithmetic = model.merged(only, new StrategySpec("task-arithmetic", null, null)).bilinear(x, y);
    assertEquals(viaRule, viaTaskArithmetic, 1e-4 * Math.max(1, Math.abs(viaRule)));
  }

  @Test
  void concatThroughTheServiceTrulySubtractsAnAdapterWithANegativeWeight() {
    ControlVectors plus = ControlVectors.of(new double[] {1, 1, 1}, new double[] {0, 1, 0});
    ControlVectors minus = ControlVectors.of(new double[] {1, 1, 1}, new double[] {0, -1, 0});
    EvaluateRequest request = request(minus, new StrategySpec("concat", null, null));
    List<ExampleResult> viaService = client.evaluate(request).results();
    assertEquals(model.evaluate(minus, EXAMPLES, new StrategySpec("concat", null, null)), viaService);
    float[] x = model.encoder().encode(EXAMPLES.get(0).prompt());
    float[] y = model.encoder().encode("positive");
    double up = model.merged(plus, new StrategySpec("concat", null, null)).bilinear(x, y);
    assertEquals(-up, model.merged(minus, new StrategySpec("concat", null, null)).bilinear(x, y), 1e-9 * Math.max(1, Math.abs(up)));
    assertEquals(up, model.merged(minus).bilinear(x, y), 1e-9 * Math.max(1, Math.abs(up)), "the paper's rule: -1 = +1");
    assertNotEquals(0.0, up);
  }

  @Test
  void aStrategyWithoutItsDensityIsABadRequestNamingTheField() throws IOException {
    String body = "{\"alpha\":[1,1,1],\"beta\":[1,1,1],\"examples\":[{\"id\":\"x\",\"input\":\"hi\","
        + "\"output\":\"a\",\"options\":[\"a\",\"b\"]}],\"strategy\":{\"name\":\"ties\"}}";
    Request request = new Request.Builder().url(service.baseUrl() + "/v1/evaluate")
        .header("Authorization", "Bearer white-box-key")
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    try (Response response = new OkHttpClient().newCall(request).execute()) {
      assertEquals(400, response.code());
      String answer = response.body().string();
      assertTrue(answer.contains("strategy.density"), answer);
    }
  }

  @Test
  void whiteBoxVectorsOfTheWrongLengthFailTheCallForGood() {
    EvaluateRequest request = request(vectors(), new StrategySpec("dare", 0.5, 1L));
    assertEquals(3, client.evaluate(request).results().size());
    assertThrows(PermanentFailure.class, () -> client.evaluate(
        request(ControlVectors.of(new double[2], new double[2]), new StrategySpec("task-arithmetic", null, null))));
  }

  private static MergeClient registered(String url, io.evomerge.protocol.ApiKey key) {
    MergeClient.registerKey(url, key);
    return MergeClient.of(ServiceConfig.defaults().withUrl(url));
  }
}
