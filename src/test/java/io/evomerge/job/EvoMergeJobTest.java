package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.evomerge.job.JobHarness.Ran;
import io.evomerge.job.output.MethodResult;
import io.evomerge.job.output.ResultJson;
import io.evomerge.job.output.ResultTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job end to end: Spark in local mode, the reference merge service on loopback with the
 * sample repository, the sample target task.
 */
class EvoMergeJobTest {

  @TempDir Path output;

  @BeforeAll
  static void sampleData() {
    JobHarness.assumeSampleData();
  }

  @Test
  void aSmallRunImprovesOnTheUniformMergeAndWritesEveryOutput() throws Exception {
    var config = JobHarness.config(output, "local[2]", List.of("compare=[uniform]"));
    Ran ran = JobHarness.run(config, JobHarness.COMPARE);

    ResultJson result = ran.outcome().result().orElseThrow();
    MethodResult uniform = result.compared().get(0);
    assertEquals("uniform", uniform.method());
    assertTrue(result.best().fitnessLoss() < uniform.fitnessLoss(),
        "evo-merging " + result.best().fitnessLoss() + " vs uniform " + uniform.fitnessLoss());
    Path dir = ran.directory();
    for (String name : List.of("result.json", "history.csv", "report.html", "history")) {
      assertTrue(Files.exists(dir.resolve(name)), name + " is missing");
    }
    assertEquals(61 + 1, Files.readAllLines(dir.resolve("history.csv")).size(),
        "header + 60 evo-merging candidates + 1 uniform");
    try (var files = Files.walk(dir)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".crc") || n.equals("_SUCCESS")).toList(), "no Hadoop clutter in the outputs");
    }
  }

  @Test
  void theSameSeedGivesTheSameResultOnOneOrTwoCoresAndAnyPartitioning() throws Exception {
    JsonNode oneCore = resultOf("one", "local[1]", List.of("spark.partitions=1"));
    JsonNode twoCores = resultOf("two", "local[2]", List.of("spark.partitions=7"));
    JsonNode otherSeed = resultOf("seed", "local[2]", List.of("search.seed=7"));
    assertEquals(oneCore, twoCores);
    assertFalse(oneCore.equals(otherSeed), "another seed should search elsewhere");
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOne() throws Exception {
    JsonNode uninterrupted = resultOf("whole", "local[2]", List.of());

    var config = JobHarness.config(output.resolve("parts"), "local[2]", List.of());
    Ran first = JobHarness.run(config, JobHarness.stopAfter(3));
    assertFalse(first.outcome().finished());
    assertFalse(Files.exists(first.directory().resolve("result.json")), "no output before the end");
    Ran resumed = JobHarness.run(config, JobHarness.RESUME);

    assertEquals(uninterrupted, comparable(resumed.resultJson()));
    assertEquals(10 * 6 * 4 - 3 * 6 * 4 + 34, resumed.stats().calls("POST /v1/evaluate"),
        "the resumed invocation makes only the remaining generations' calls and the test-set calls");
  }

  @Test
  void anInvocationThatUsedItsStepsStopsBeforeTheBudgetEndsTheMethod() throws Exception {
    var config = JobHarness.config(output, "local[2]", List.of("budget.maxApiCalls=150"));
    Ran first = JobHarness.run(config, JobHarness.stopAfter(4));
    assertFalse(first.outcome().finished(), "a 5th generation would not fit the budget, but the invocation stops first");
    assertFalse(Files.exists(first.directory().resolve("result.json")), "no output before the end");
    assertEquals(4 * 24, first.stats().calls("POST /v1/evaluate"), "no test-set call in a stopped invocation");

    Ran resumed = JobHarness.run(config, JobHarness.RESUME);
    assertTrue(resumed.outcome().finished());
    assertEquals(34, resumed.stats().calls("POST /v1/evaluate"), "the resume ends the method and scores the test set");
  }

  @Test
  void theCallBudgetIsNeverExceededAndTheRunStillWritesItsOutputs() throws Exception {
    var config = JobHarness.config(output, "local[2]", List.of("budget.maxApiCalls=150"));
    Ran ran = JobHarness.run(config, RunOptions.defaults());

    long served = ran.stats().calls("POST /v1/evaluate");
    ResultJson result = ran.outcome().result().orElseThrow();
    assertEquals(4 * 24 + 34, served, "4 generations of 24 calls fit beside the 34 test-set calls");
    assertEquals(served, result.api().calls());
    assertTrue(served <= 150);
  }

  @Test
  void aBadDataFileFailsBeforeAnyServiceCallNamingTheLine() throws Exception {
    Path bad = output.resolve("bad.jsonl");
    Files.writeString(bad, """
        {"id": "a", "input": "fine", "output": "yes", "options": ["yes", "no"]}
        {"id": "b", "input": "fine", "output": "no", "options": ["yes", "no"]}
        {"id": "c", "input": "wrong", "output": "maybe", "options": ["yes", "no"]}
        """);
    var config = JobHarness.config(output, "local[2]", List.of("data.fitness=" + bad));

    var failure = assertThrows(JobHarness.Failed.class, () -> JobHarness.run(config, RunOptions.defaults()));
    assertTrue(failure.getMessage().contains("bad.jsonl:3"), failure.getMessage());
    assertEquals(0, failure.stats.calls("POST /v1/evaluate") + failure.stats.calls("GET /v1/repository"));
  }

  @Test
  void theSessionDialectSpreadsCandidatesAndScoresTheTestSetByLoss() throws Exception {
    var config = JobHarness.config(output, "local[2]", List.of(
        "service.dialect=bmm",
        "service.bmm.datasetDir=data/tasks/target-sentiment-games",
        "service.bmm.dataset=dev",
        "service.bmm.testDataset=test",
        "service.bmm.evaluationBatches=4"));
    Ran ran = JobHarness.run(config, RunOptions.defaults());

    ResultJson result = ran.outcome().result().orElseThrow();
    assertEquals(60 + 1, ran.stats().calls("POST /v1/sessions/{id}/evaluate"),
        "one call per candidate, one for the test set");
    assertEquals(0, ran.stats().calls("POST /v1/evaluate"));
    assertEquals(61, result.api().calls());
    assertTrue(result.best().fitnessLoss() > 0 && result.best().test().loss() > 0);
    assertTrue(Double.isNaN(result.best().test().accuracy()), "sessions return losses only");
  }

  private JsonNode resultOf(String name, String master, List<String> extra) throws Exception {
    var config = JobHarness.config(output.resolve(name), master, extra);
    return comparable(JobHarness.run(config, RunOptions.defaults()).resultJson());
  }

  /** The result without what legitimately differs: wall-clock timing, and the output and Spark settings. */
  private static JsonNode comparable(String resultJson) throws Exception {
    var tree = (com.fasterxml.jackson.databind.node.ObjectNode) ResultTrees.withoutTiming(resultJson);
    var configuration = (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("configuration");
    configuration.remove(List.of("output", "spark"));
    return tree;
  }
}
