package io.evomerge.job;

import io.evomerge.cli.ServiceEndpoint;
import io.evomerge.config.ConfigLoader;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.protocol.LimitsResponse;
import io.evomerge.protocol.StatsResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real job for tests: the reference service on loopback with the committed sample
 * repository, a local Spark session, a small search on the sample target task.
 */
final class JobHarness {

  /** A search small enough for a test: 10 generations of 6 candidates over 4 shards of 15. */
  static final List<String> SMALL = List.of(
      "data.maxFitnessExamples=60",
      "data.shardSize=15",
      "search.stage1={popSize: 6, sigma: 0.1, budget: 24, penalty: 0.05}",
      "search.stage2={popSize: 6, sigma: 0.1, budget: 36, penalty: 0.05}",
      "service.maxInFlight=4");

  private JobHarness() {}

  /** What one invocation did: its outcome, and the service's exact call counts. */
  record Ran(RunOutcome outcome, StatsResponse stats) {
    /** The run's folder on the local file system. */
    Path directory() {
      return Path.of(java.net.URI.create(outcome.directory()));
    }

    String resultJson() throws Exception {
      return Files.readString(directory().resolve("result.json"));
    }
  }

  static void assumeSampleData() {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("data/repository")) && Files.isDirectory(Path.of("data/tasks")),
        "the sample repository and tasks (data/) are missing");
  }

  static EvoMergeConfig config(Path output, String master, List<String> extra) {
    List<String> overrides = new ArrayList<>(SMALL);
    overrides.add("output.dir=" + output);
    overrides.add("output.runId=test-run");
    overrides.add("spark.master=" + master);
    overrides.addAll(extra);
    return ConfigLoader.load(overrides);
  }

  static final RunOptions COMPARE = new RunOptions(false, false, true, Integer.MAX_VALUE);
  static final RunOptions RESUME = new RunOptions(true, false, false, Integer.MAX_VALUE);

  /** Stops after {@code n} generations, a screening round counting as one. */
  static RunOptions stopAfter(int n) {
    return new RunOptions(false, false, false, n);
  }

  static Ran run(EvoMergeConfig config, RunOptions options) throws Exception {
    return run(config, options, true);
  }

  /**
   * As {@link #run(EvoMergeConfig, RunOptions)}; with {@code knownLimits} false the job is not told
   * the service's limits (a service without {@code GET /v1/limits}), so no preflight check
   * against them runs.
   */
  static Ran run(EvoMergeConfig config, RunOptions options, boolean knownLimits) throws Exception {
    try (ServiceEndpoint service = ServiceEndpoint.open(config.service(), Map.of());
        SparkSession spark = SparkSessions.open(config)) {
      try {
        Optional<LimitsResponse> accepted = !knownLimits
            || config.service().dialect() != io.evomerge.protocol.Dialect.EVOMERGE
            ? Optional.empty()
            : Optional.of(io.evomerge.client.MergeClient.of(service.client()).limits());
        RunOutcome outcome = new EvoMergeJob(config, spark, InstantSource.system())
            .run(service.client(), accepted, options);
        return new Ran(outcome, service.embedded().orElseThrow().stats());
      } catch (Exception e) {
        throw new Failed(e, service.embedded().orElseThrow().stats());
      }
    }
  }

  /** A run that threw, with the service's counts at that moment. */
  static final class Failed extends RuntimeException {
    final transient StatsResponse stats;

    Failed(Exception cause, StatsResponse stats) {
      super(cause.getMessage(), cause);
      this.stats = stats;
    }
  }
}
