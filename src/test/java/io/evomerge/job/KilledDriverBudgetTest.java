package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.cli.ServiceEndpoint;
import io.evomerge.config.ConfigLoader;
import io.evomerge.job.output.ResultJson;
import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.ApiKey;
import io.evomerge.service.MergeService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The budget across a driver killed with SIGKILL mid-generation and its {@code --resume}: each is
 * {@code run} in a JVM of its own against the reference service on 127.0.0.1 with faults on, and
 * the evaluate calls the service counted over both stay within {@code budget.maxApiCalls}.
 */
class KilledDriverBudgetTest {

  private static final String EVALUATE = "POST /v1/evaluate";
  /** Less than the search plans (274 calls), so that it ends the resumed run. */
  private static final int BUDGET = 250;
  private static final ApiKey KEY = ApiKey.of("killed-driver-test-key");

  @TempDir Path output;

  @BeforeAll
  static void sampleData() {
    JobHarness.assumeSampleData();
  }

  @Test
  void aDriverKilledMidGenerationAndResumedStaysWithinTheBudget() throws Exception {
    var config = ConfigLoader.load(List.of("service.embedded.faults={seed: 3, errorRate: 0.2, latencyMs: 40}"));
    try (MergeService service = MergeService.start(ServiceEndpoint.serviceSettings(config.service(), List.of(KEY)),
        ReferenceModel.load(Path.of("data/repository")))) {
      Process killed = run(service.baseUrl(), false);
      long beforeKill = awaitMidGeneration(killed, service);
      killed.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
      long afterKill = service.stats().calls(EVALUATE);

      Process resumed = run(service.baseUrl(), true);
      String log = drain(resumed);
      assertTrue(resumed.waitFor(5, TimeUnit.MINUTES), "the resume ended");
      assertEquals(0, resumed.exitValue(), log);

      long served = service.stats().calls(EVALUATE);
      Path dir = output.resolve("killed");
      ResultJson result = ResultJson.read(org.apache.hadoop.fs.FileSystem.getLocal(new Configuration()),
          new org.apache.hadoop.fs.Path(dir.resolve("result.json").toString()));
      System.out.println("budget " + BUDGET + ", kill -9 mid-generation + --resume: service counted " + afterKill
          + " (killed at " + beforeKill + ") + " + (served - afterKill) + " = " + served + ", " + result.api());
      assertTrue(Files.exists(dir.resolve("report.html")), "outputs written: " + log);
      assertTrue(result.api().lostTaskCalls() > 0, "the resume charged the killed generation's reservation: "
          + result.api());
      assertTrue(served > afterKill, "the resume went on with the search");
      assertTrue(served <= BUDGET, served + " evaluate calls over both JVMs, budget " + BUDGET);
      assertTrue(served <= result.api().calls(), "charged at least what the service counted: " + result.api());
    }
  }

  /** {@code run} (or {@code run --resume}) of the small job in a JVM of its own, against {@code url}. */
  private Process run(String url, boolean resume) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g"));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens")).forEach(command::add);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.evomerge.cli.Main", "run"));
    List<String> sets = new ArrayList<>(JobHarness.SMALL);
    sets.addAll(List.of("output.dir=" + output, "output.runId=killed", "spark.master=local[2]",
        "budget.maxApiCalls=" + BUDGET, "service.url=" + url, "service.retry={initialBackoffMs: 1, maxBackoffMs: 4}"));
    for (String set : sets) {
      command.add("--set");
      command.add(set);
    }
    if (resume) {
      command.add("--resume");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of("EVOMERGE_API_KEY", KEY.reveal()));
    return builder.start();
  }

  /**
   * Waits until the run has finished its second generation and the service has counted a few calls
   * of the third; returns the count then.
   */
  private static long awaitMidGeneration(Process run, MergeService service) throws Exception {
    BufferedReader lines = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder log = new StringBuilder();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      log.append(line).append('\n');
      if (line.contains("gen 2/")) {
        long atGeneration2 = service.stats().calls(EVALUATE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (service.stats().calls(EVALUATE) < atGeneration2 + 6 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        Thread drain = new Thread(() -> drainQuietly(lines));
        drain.setDaemon(true);
        drain.start();
        return service.stats().calls(EVALUATE);
      }
    }
    throw new AssertionError("the run ended before its second generation:\n" + log);
  }

  private static void drainQuietly(BufferedReader lines) {
    try {
      while (lines.readLine() != null) {
        // keep the pipe empty
      }
    } catch (java.io.IOException e) {
      // the process was killed
    }
  }

  private static String drain(Process run) throws Exception {
    return new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
