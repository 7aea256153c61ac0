package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.job.JobHarness.Ran;
import io.evomerge.job.output.ApiUsage;
import io.evomerge.job.output.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call budget as the service counts it: the reference service on loopback counts every
 * evaluate request that reached it ({@code /v1/stats}), faults and retries included, and that
 * count never passes {@code budget.maxApiCalls}.
 */
class BudgetAsSentTest {

  private static final String EVALUATE = "POST /v1/evaluate";

  @TempDir Path output;

  @BeforeAll
  static void sampleData() {
    JobHarness.assumeSampleData();
  }

  @Test
  void withFaultsAndRetriesTheServiceSeesNoMoreCallsThanTheBudget() throws Exception {
    var config = JobHarness.config(output, "local[2]", List.of("budget.maxApiCalls=150",
        "service.embedded.faults={seed: 5, errorRate: 0.15, truncateRate: 0.05}",
        "service.retry={maxAttempts: 8, initialBackoffMs: 1, maxBackoffMs: 4}"));
    Ran ran = JobHarness.run(config, RunOptions.defaults());

    long served = ran.stats().calls(EVALUATE);
    ApiUsage api = ran.outcome().result().orElseThrow().api();
    System.out.println("budget 150 with faults: service counted " + served + ", " + api);
    assertTrue(served <= 150, served + " evaluate calls reached the service, budget 150");
    assertTrue(api.retries() > 0, "faults cause retries: " + api);
    assertEquals(served, api.sent(), "every attempt is counted as sent: " + api);
    assertEquals(api.sent() + api.lostTaskCalls(), api.calls());
    assertTrue(Files.exists(ran.directory().resolve("result.json")), "stopped cleanly, outputs written");
  }

  @Test
  void aFailedTaskAttemptIsChargedEveryCallItSent() throws Exception {
    var config = JobHarness.config(output, "local[2,8]", List.of("budget.maxApiCalls=200",
        "spark.partitions=12",
        "service.embedded.faults={seed: 11, errorRate: 0.08}",
        "service.retry={maxAttempts: 1, initialBackoffMs: 1, maxBackoffMs: 4}"));
    Ran ran = JobHarness.run(config, RunOptions.defaults());

    long served = ran.stats().calls(EVALUATE);
    ApiUsage api = ran.outcome().result().orElseThrow().api();
    System.out.println("budget 200 with failed task attempts: service counted " + served + ", " + api);
    assertTrue(api.failures() > 0, "without client retries, failed calls fail their task: " + api);
    assertEquals(served, api.sent(), "a failed attempt's calls are counted as sent: " + api);
    assertTrue(served <= api.calls(), "the charge covers what the service saw: " + served + " vs " + api);
    assertTrue(served <= 200, served + " evaluate calls reached the service, budget 200");
  }

  @Test
  void aCrashMidGenerationAndAResumeStayWithinTheBudget() throws Exception {
    List<String> budget = List.of("budget.maxApiCalls=150");
    var clean = JobHarness.config(output, "local[2]", budget);
    Ran first = JobHarness.run(clean, JobHarness.stopAfter(2));
    assertFalse(first.outcome().finished());

    List<String> broken = new ArrayList<>(budget);
    broken.add("service.embedded.faults={seed: 1, errorRate: 0.9}");
    broken.add("service.retry={initialBackoffMs: 1, maxBackoffMs: 2}");
    // Real retries (no attempt cap) and task retries (local[2] runs as local[2,4]): the faults spend
    // the generation's allowance, its tasks and their retries fail without sending more, and the
    // run fails as a crashed driver would, its reservation saved.
    var crash = assertThrows(JobHarness.Failed.class,
        () -> JobHarness.run(JobHarness.config(output, "local[2]", broken), JobHarness.RESUME));

    Ran resumed = JobHarness.run(clean, JobHarness.RESUME);
    long served = first.stats().calls(EVALUATE) + crash.stats.calls(EVALUATE) + resumed.stats().calls(EVALUATE);
    ApiUsage api = resumed.outcome().result().orElseThrow().api();
    System.out.println("budget 150, stop + crash + resume: service counted " + first.stats().calls(EVALUATE)
        + " + " + crash.stats.calls(EVALUATE) + " + " + resumed.stats().calls(EVALUATE) + " = " + served + ", " + api);
    assertTrue(crash.getMessage().contains("allowance"), "the allowance ended the crashed attempt: " + crash.getMessage());
    assertTrue(crash.stats.calls(EVALUATE) > 24, "retries took more than the generation planned: " + crash.stats);
    assertTrue(crash.stats.calls(EVALUATE) <= api.lostTaskCalls(),
        "the service counted no more than the reservation the resume charges: " + api);
    assertTrue(served <= 150, served + " evaluate calls over three invocations, budget 150");
    assertTrue(served <= api.calls(), served + " vs " + api);
  }

  @Test
  void aFailureDuringTestScoringLosesNothingAndTheResumeScoresOnlyWhatIsMissing() throws Exception {
    Path test = output.resolve("test.jsonl");
    List<String> lines = Files.readAllLines(Path.of("data/tasks/target-sentiment-games/test.jsonl"));
    List<String> withHuge = new ArrayList<>(lines);
    withHuge.add("{\"id\": \"zzz-huge\", \"input\": \"" + "a very long review ".repeat(6000)
        + "\", \"output\": \"positive\", \"options\": [\"positive\", \"negative\"]}");
    Files.write(test, withHuge);
    var config = JobHarness.config(output, "local[2]", List.of("compare=[uniform]", "data.test=" + test,
        "service.embedded.limits.maxBodyBytes=65536", "service.retry={maxAttempts: 2, initialBackoffMs: 1, maxBackoffMs: 2}"));
    RunOptions compare = JobHarness.COMPARE;

    var failed = assertThrows(JobHarness.Failed.class, () -> JobHarness.run(config, compare, false));
    Path dir = output.resolve("test-run");
    for (String name : List.of("result.json", "history.csv", "history", "checkpoint")) {
      assertTrue(Files.exists(dir.resolve(name)), name + " is on disk before test scoring: " + failed.getMessage());
    }
    assertTrue(failed.stats.calls(EVALUATE) > 60 * 4 + 4, "the search ran in full, then test scoring failed");

    Files.write(test, lines);
    Ran resumed = JobHarness.run(config, new RunOptions(true, false, true, Integer.MAX_VALUE), false);
    assertEquals(2 * 34, resumed.stats().calls(EVALUATE), "only the two methods' test scoring is made");
    ResultJson result = resumed.outcome().result().orElseThrow();
    assertTrue(result.best().test().accuracy() > 0.5, "scored: " + result.best().test());
    assertEquals(500, result.compared().get(0).test().examples());

    Ran again = JobHarness.run(config, new RunOptions(true, false, true, Integer.MAX_VALUE), false);
    assertEquals(0, again.stats().calls(EVALUATE), "a finished run is never scored twice");
    assertEquals(result.best(), again.outcome().result().orElseThrow().best());
  }
}
