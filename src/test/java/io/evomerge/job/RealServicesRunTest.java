package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evomerge.cli.ServiceEndpoint;
import io.evomerge.client.StandIn;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.job.JobHarness.Ran;
import io.evomerge.job.output.ResultJson;
import io.evomerge.job.output.ResultTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job against services that were not written with it: a stand-in of the paper's
 * release (Python's stdlib server, HTTP/1.0, closing every connection), replicas that close
 * idle keep-alive connections after 1 s, and the reference service injecting faults behind a
 * short timeout. Each run completes, and gives the result of a run without any of it.
 */
class RealServicesRunTest {

  /** The release's data set names; the stand-in's loss depends on them. */
  static final List<String> BMM = List.of(
      "service.dialect=bmm",
      "service.bmm.presetId=conll04",
      "service.bmm.dataset=conll04_sample300",
      "service.bmm.testDataset=conll04_test",
      "service.maxInFlight=0");

  @TempDir Path output;

  @BeforeAll
  static void sampleData() {
    JobHarness.assumeSampleData();
  }

  @Test
  void aBmmRunAgainstTheReleaseOverHttp10CompletesWithOneCallAtATimePerSession() throws Exception {
    try (StandIn release = StandIn.http10()) {
      List<String> extra = new ArrayList<>(BMM);
      extra.add("service.url=" + release.baseUrl());
      extra.add("service.sessionsPerReplica=2");

      ResultJson result = runRemote(JobHarness.config(output.resolve("http10"), "local[2]", extra));

      JsonNode stats = release.stats();
      assertEquals(60 + 1, stats.get("evaluate").asInt(), "one call per candidate, one for the test set: " + stats);
      assertEquals(0, stats.get("overlaps").asInt(), "never two calls at once on one session: " + stats);
      assertEquals(0, stats.get("tag_collisions").asInt(), "a distinct tag per candidate: " + stats);
      assertEquals(2 + 1, stats.get("sessions").asInt(), "two fitness sessions, one test session: " + stats);
      assertEquals(1, stats.get("materialize").asInt(), "the best merge kept on the provider: " + stats);
      assertTrue(result.adapterDir().matches("artifacts/.+/artifacts/best-[0-9a-f]{16}"), result.adapterDir());
      assertTrue(result.best().fitnessLoss() > 1 && result.best().test().loss() > 1);
    }
  }

  @Test
  void aBmmRunOverTwoReplicasThatCloseIdleConnectionsGivesTheSameResult() throws Exception {
    JsonNode single;
    try (StandIn release = StandIn.http10()) {
      List<String> extra = new ArrayList<>(BMM);
      extra.add("service.url=" + release.baseUrl());
      single = comparable(runRemote(JobHarness.config(output.resolve("single"), "local[2]", extra)));
    }
    try (StandIn a = StandIn.idleClose(1); StandIn b = StandIn.idleClose(1)) {
      List<String> extra = new ArrayList<>(BMM);
      extra.add("service.urls=[" + a.baseUrl() + ", " + b.baseUrl() + "]");

      JsonNode replicated = comparable(runRemote(JobHarness.config(output.resolve("replicas"), "local[2]", extra)));

      assertEquals(single, replicated);
      JsonNode sa = a.stats();
      JsonNode sb = b.stats();
      assertEquals(61, sa.get("evaluate").asInt() + sb.get("evaluate").asInt(), sa + " / " + sb);
      assertTrue(sa.get("evaluate").asInt() >= 30 && sb.get("evaluate").asInt() >= 30,
          "candidates spread over both replicas: " + sa + " / " + sb);
      assertEquals(0, sa.get("overlaps").asInt() + sb.get("overlaps").asInt());
    }
  }

  /**
   * Issue 8: faults (5xx, 429 with Retry-After, truncated bodies) and answers slower than a short
   * timeout change how long a run takes, never its result.
   */
  @Test
  void aChaosRunWithFaultsAndAShortTimeoutEqualsTheFaultFreeRun() throws Exception {
    long t0 = System.nanoTime();
    Ran clean = JobHarness.run(JobHarness.config(output.resolve("clean"), "local[2]", List.of()), RunOptions.defaults());
    long t1 = System.nanoTime();
    Ran chaos = JobHarness.run(JobHarness.config(output.resolve("chaos"), "local[2]", List.of(
        "service.requestTimeoutMs=400",
        "service.retry.initialBackoffMs=50",
        "service.embedded.faults.seed=8",
        "service.embedded.faults.errorRate=0.1",
        "service.embedded.faults.throttleRate=0.03",
        "service.embedded.faults.truncateRate=0.05",
        "service.embedded.faults.jitterMs=600")), RunOptions.defaults());
    long t2 = System.nanoTime();

    assertEquals(comparable(clean.resultJson()), comparable(chaos.resultJson()));
    String evaluate = "POST /v1/evaluate";
    long sent = chaos.stats().calls(evaluate);
    long planned = clean.stats().calls(evaluate);
    ResultJson result = chaos.outcome().result().orElseThrow();
    System.out.printf("chaos run: %d evaluate calls reached the service (%d answered 200), %d planned;"
            + " client retries %d; wall %.1f s against %.1f s clean%n",
        sent, chaos.stats().calls(evaluate, 200), planned, result.api().retries(),
        (t2 - t1) / 1e9, (t1 - t0) / 1e9);
    assertTrue(sent > planned, "the faults were met and retried: " + sent + " vs " + planned);
    assertTrue(result.api().retries() > 0);
    assertEquals(0, result.api().failures());
    assertTrue(result.api().calls() >= sent, "the charge covers what the service saw: " + result.api() + " vs " + sent);
  }

  private static ResultJson runRemote(EvoMergeConfig config) throws Exception {
    try (ServiceEndpoint endpoint = ServiceEndpoint.open(config.service(), Map.of("EVOMERGE_API_KEY", "standin-key"));
        SparkSession spark = SparkSessions.open(config)) {
      return new EvoMergeJob(config, spark, InstantSource.system())
          .run(endpoint.client(), Optional.empty(), RunOptions.defaults()).result().orElseThrow();
    }
  }

  private JsonNode comparable(ResultJson result) throws Exception {
    Path file = Files.createTempFile(output, "result", ".json");
    Files.writeString(file, io.evomerge.protocol.Json.mapper().writeValueAsString(result));
    return comparable(Files.readString(file));
  }

  /** The result without what legitimately differs: timing, API usage, and the configuration. */
  private static JsonNode comparable(String resultJson) throws Exception {
    ObjectNode tree = (ObjectNode) ResultTrees.withoutTiming(resultJson);
    // The provider names the folder of the kept merge after its session.
    tree.remove(List.of("configuration", "api", "adapter_dir"));
    // Calls spent are measured like time: retries are charged to the budget, so they differ.
    ((ObjectNode) tree.get("best")).remove("apiCalls");
    tree.withArray("compared").forEach(method -> ((ObjectNode) method).remove("apiCalls"));
    return tree;
  }
}
