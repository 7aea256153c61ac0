package io.evomerge.job.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultJsonTest {

  @TempDir java.nio.file.Path temp;

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void fieldsAppearInTheDocumentedOrder() throws IOException {
    JsonNode tree = new ObjectMapper().readTree(ResultJson.toJson(ResultSamples.result()));

    assertEquals(List.of("runId", "seed", "best", "compared", "api", "configuration", "timing"), fieldNames(tree));
    assertEquals(List.of("method", "adapters", "alpha", "beta", "fitness", "fitnessLoss", "test",
        "apiCalls", "evaluations"), fieldNames(tree.get("best")));
    assertEquals(List.of("examples", "loss", "accuracy", "macroF1"), fieldNames(tree.at("/best/test")));
    assertEquals(List.of("calls", "examples", "retries", "failures", "sent", "answered", "lostTaskCalls"),
        fieldNames(tree.get("api")));
    assertEquals(List.of("startedAt", "finishedAt", "elapsedMs"), fieldNames(tree.get("timing")));
  }

  @Test
  void theBestMergeNamesTheAdapterOfEachValueAndGivesThePlainVectors() throws IOException {
    JsonNode best = new ObjectMapper().readTree(ResultJson.toJson(ResultSamples.result())).get("best");

    assertEquals("evo-merging", best.get("method").asText());
    JsonNode topic = best.get("adapters").get(1);
    assertEquals("topic-news", topic.get("adapter").asText());
    assertEquals(0.35, topic.get("alpha").asDouble());
    assertEquals(-0.42, topic.get("beta").asDouble());
    assertEquals("[0.61,-0.42,0.1]", best.get("beta").toString());
    assertEquals(0.4012345678901234, best.get("fitness").asDouble());
  }

  @Test
  void itRoundTripsToAnEqualResultNanIncluded() throws IOException {
    ResultJson result = ResultSamples.result();

    ResultJson back = ResultJson.fromJson(ResultJson.toJson(result));

    assertEquals(result, back);
    assertTrue(Double.isNaN(back.compared().get(0).fitness()));
    assertArrayEquals(result.best().beta(), back.best().beta());
  }

  @Test
  void sameContentGivesTheSameBytesAndOnlyTimingDiffersBetweenRuns() throws IOException {
    String first = ResultJson.toJson(ResultSamples.result());
    String again = ResultJson.toJson(ResultSamples.result());
    String later = ResultJson.toJson(ResultSamples.result(
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T01:00:00Z")));

    assertEquals(first, again);
    assertNotEquals(first, later);
    assertEquals(ResultTrees.withoutTiming(first), ResultTrees.withoutTiming(later));
    assertFalse(first.contains("\r"));
    assertTrue(first.endsWith("}\n"));
  }

  @Test
  void keysThatLookLikeSecretsAreDroppedAtAnyDepth() {
    JsonNode config = ResultSamples.configuration("{"
        + "\"apiKey\":\"k1\",\"API_KEY\":\"k2\",\"api-key\":\"k3\",\"apikey\":\"k4\","
        + "\"service\":{\"url\":\"http://x\",\"auth\":{\"Token\":\"t\",\"bearerToken\":\"t2\",\"scheme\":\"bearer\"}},"
        + "\"servers\":[{\"host\":\"a\",\"password\":\"p\"},{\"host\":\"b\",\"clientSecret\":\"s\"}],"
        + "\"maxApiCalls\":100,\"keyboard\":\"qwerty\"}");
    ResultJson result = new ResultJson("r", 1, ResultSamples.result().best(), List.of(), null,
        new ApiUsage(0, 0, 0, 0, 0, 0, 0), config, ResultSamples.result().timing(), null);

    JsonNode written = result.configuration();

    assertEquals("{\"service\":{\"url\":\"http://x\",\"auth\":{\"scheme\":\"bearer\"}},"
        + "\"servers\":[{\"host\":\"a\"},{\"host\":\"b\"}],\"maxApiCalls\":100,\"keyboard\":\"qwerty\"}",
        written.toString());
    String json = ResultJson.toJson(result);
    for (String secret : List.of("k1", "k2", "k3", "k4", "\"t\"", "t2", "\"p\"", "\"s\"")) {
      assertFalse(json.contains(secret), secret + " leaked");
    }
    assertTrue(config.has("apiKey"), "the caller's tree is not changed");
  }

  @Test
  void theConfigurationCannotBeChangedThroughTheRecord() {
    ResultJson result = ResultSamples.result();
    ((ObjectNode) result.configuration()).put("seed", 7);
    assertEquals(42, result.configuration().get("seed").asInt());
  }

  @Test
  void theFileIsWrittenAtomicallyAndReadBack() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path path = new Path(temp.toUri().toString(), "result.json");
    ResultJson.write(fs, path, ResultSamples.result(Instant.EPOCH, Instant.EPOCH));
    ResultJson second = ResultSamples.result();

    ResultJson.write(fs, path, second);

    assertEquals(second, ResultJson.read(fs, path));
    try (var files = Files.list(temp)) {
      assertEquals(List.of("result.json"), files.map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith(".crc")).toList());
    }
  }

  @Test
  void theComparisonTableListsTheSearchedMethodFirst() {
    var table = ResultSamples.result().comparisonTable();
    assertEquals(List.of("evo-merging", "uniform", "lorahub"),
        table.rows().stream().map(r -> r.method()).toList());
    assertEquals(0.8123, table.rows().get(1).fitnessLoss());
    assertEquals(1200, table.rows().get(2).apiCalls());
  }
}
