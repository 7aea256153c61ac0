package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the service would refuse is found before the first evaluate call: each case fails with a
 * configuration error (exit 2) that names the key or the file, and the reference service on
 * loopback has counted no evaluate call.
 */
class PreflightTest {

  @TempDir Path output;

  @BeforeAll
  static void sampleData() {
    JobHarness.assumeSampleData();
  }

  @Test
  void aShardLargerThanTheServiceTakesPerCallIsRefusedNamingTheKey() {
    ConfigException e = refused("service.embedded.limits.maxExamplesPerCall=10");
    assertEquals("data.shardSize", e.keyPath());
    assertTrue(e.getMessage().contains("data.shardSize <= 10"), e.getMessage());
  }

  @Test
  void aScaleBoundBeyondTheServicesBetaBoundIsRefused() {
    ConfigException e = refused("search.scaleBound=20");
    assertEquals("search.scaleBound", e.keyPath());
    assertTrue(e.getMessage().contains("beta bound 10"), e.getMessage());
  }

  @Test
  void aRequestBodyOverTheServicesLimitIsRefusedNamingTheFileAndExample() throws Exception {
    Path fitness = output.resolve("fitness.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("data/tasks/target-sentiment-games/dev.jsonl")));
    lines.add(0, "{\"id\": \"aaa-huge\", \"input\": \"" + "x".repeat(200_000)
        + "\", \"output\": \"positive\", \"options\": [\"positive\", \"negative\"]}");
    Files.write(fitness, lines);
    ConfigException e = refused("data.fitness=" + fitness, "service.embedded.limits.maxBodyBytes=100000");
    assertTrue(e.getMessage().startsWith(fitness + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("'aaa-huge'"), e.getMessage());
  }

  @Test
  void anOutputFolderThatCannotBeCreatedIsRefused() throws Exception {
    Path file = Files.writeString(output.resolve("a-file"), "not a folder");
    ConfigException e = refused("output.dir=" + file.resolve("runs"));
    assertEquals("output.dir", e.keyPath());
  }

  @Test
  void resumingARunIdWithoutACheckpointIsRefused() {
    var config = JobHarness.config(output, "local[1]", List.of("output.runId=no-such-run"));
    var failure = assertThrows(JobHarness.Failed.class,
        () -> JobHarness.run(config, JobHarness.RESUME));
    ConfigException e = assertInstanceOf(ConfigException.class, failure.getCause());
    assertTrue(e.getMessage().contains("'no-such-run' has no checkpoint"), e.getMessage());
    assertEquals(0, failure.stats.calls("POST /v1/evaluate"));
  }

  @Test
  void resumeIfAnyStartsARunIdWithoutACheckpointAndContinuesOneWithIt() throws Exception {
    var config = JobHarness.config(output, "local[1]", List.of("output.runId=scheduled"));
    RunOptions scheduled = new RunOptions(false, true, false, Integer.MAX_VALUE);
    var first = JobHarness.run(config, new RunOptions(false, true, false, 2));
    assertFalse(first.outcome().finished(), "the first try started the run and stopped after 2 generations");

    var retry = JobHarness.run(config, scheduled);
    var uninterrupted = JobHarness.run(JobHarness.config(output.resolve("whole"), "local[1]",
        List.of("output.runId=scheduled")), RunOptions.defaults());
    assertTrue(retry.outcome().finished());
    assertEquals(uninterrupted.outcome().result().orElseThrow().best(), retry.outcome().result().orElseThrow().best());
  }

  private ConfigException refused(String... overrides) {
    var config = JobHarness.config(output, "local[1]", List.of(overrides));
    var failure = assertThrows(JobHarness.Failed.class, () -> JobHarness.run(config, RunOptions.defaults()));
    assertEquals(0, failure.stats.calls("POST /v1/evaluate"), "no evaluate call was made");
    return assertInstanceOf(ConfigException.class, failure.getCause(), failure.getMessage());
  }
}
