package io.evomerge.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  static String write(Object value) throws IOException {
    return Json.mapper().writeValueAsString(value);
  }

  static <T> T read(String json, Class<T> type) throws IOException {
    return Json.mapper().readValue(json, type);
  }

  @Test
  void bodiesUseTheFieldNamesOfProtocolMd() throws IOException {
    assertEquals("{\"results\":[{\"id\":\"e1\",\"loss\":0.41,\"prediction\":\"yes\",\"correct\":true}],"
            + "\"usage\":{\"examples\":1},\"merge_id\":\"ab\"}",
        write(new EvaluateResponse(List.of(new ExampleResult("e1", 0.41, "yes", true)), new Usage(1), "ab")));
    assertEquals("{\"base_model\":\"m\",\"adapters\":[{\"id\":\"a\",\"task\":\"t\",\"rank\":8}]}",
        write(new RepositoryResponse("m", List.of(new AdapterInfo("a", "t", 8)))));
    assertEquals("{\"error\":{\"code\":\"c\",\"message\":\"m\"}}", write(ErrorResponse.of("c", "m")));
    assertEquals("{\"preset_id\":\"p\",\"model_name_or_path\":null,\"query_plus\":{\"dataset\":\"d\","
            + "\"dataset_dir\":\"dir\",\"template\":\"default\",\"cutoff_len\":2048,\"max_samples\":null,"
            + "\"batch_size\":15,\"evaluation_batches\":20,\"temperature\":0.95,\"top_p\":0.7,\"top_k\":50,"
            + "\"max_new_tokens\":1024,\"repetition_penalty\":1.0}}",
        write(SessionCreateRequest.of("p", QueryPlus.of("d", "dir", null, null))));
    assertEquals("{\"alpha\":[1.0],\"beta\":[0.5],\"tag\":\"t\"}",
        write(new SessionEvaluateRequest(new double[] {1}, new double[] {0.5}, "t")));
    assertEquals("{\"loss\":1.23,\"adapter_dir\":\"x\"}", write(new SessionEvaluateResponse(1.23, "x")));
    assertEquals("{\"items\":[{\"preset_id\":\"p\",\"path\":\"presets/p.json\",\"base_model_name_or_path\":\"m\"}]}",
        write(new PresetsResponse(List.of(new PresetsResponse.Preset("p", "presets/p.json", "m")))));
    assertEquals("{\"max_body_bytes\":10,\"max_examples_per_call\":2,\"max_options_per_example\":3,"
            + "\"max_text_chars\":4,\"beta_bound\":1.5}", write(new LimitsResponse(10, 2, 3, 4, 1.5)));
  }

  @Test
  void everyBodyReadsBackAsItWasWritten() throws IOException {
    List<Object> bodies = List.of(
        new EvaluateResponse(List.of(new ExampleResult("e", 0.5, "a", false)), new Usage(1), "00"),
        new PredictResponse(List.of(new PredictResponse.Prediction("e", "a")), new Usage(1), "00"),
        new RepositoryResponse("m", List.of(new AdapterInfo("a", "t", 4))),
        SessionCreateRequest.of("p", QueryPlus.of("d", null, 5, 3)),
        new SessionInfo("s", "p", "artifacts/s", "m", QueryPlus.of("d"), 3),
        new MaterializeResponse("artifacts/s/artifacts/best", new SessionInfo("s", "p", "w", null, null, 3)),
        new LimitsResponse(8L << 20, 256, 64, 20_000, 10.0),
        new SessionEvaluateRequest(new double[] {0.5}, new double[] {-1}, null),
        new SessionEvaluateResponse(0.25, "merged/x"),
        new PresetsResponse(List.of(new PresetsResponse.Preset("p", "presets/p.json", "m"))),
        new StatsResponse(Map.of("GET /v1/health", Map.of("200", 3L)), 4, 5, Map.of("hang", 1L)),
        HealthResponse.ok(),
        ErrorResponse.of("c", "m"));
    for (Object body : bodies) {
      assertEquals(body, read(write(body), body.getClass()), body.getClass().getSimpleName());
    }
  }

  @Test
  void readingIsStrictButTheClientsReaderIgnoresNewFields() throws IOException {
    String json = "{\"status\":\"ok\",\"version\":\"2\"}";
    assertThrows(UnrecognizedPropertyException.class, () -> read(json, HealthResponse.class));
    assertEquals(HealthResponse.ok(), Json.lenientReader(HealthResponse.class).readValue(json));
  }
}
