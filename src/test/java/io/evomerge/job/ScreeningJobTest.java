package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evomerge.config.ConfigException;
import io.evomerge.job.JobHarness.Ran;
import io.evomerge.job.output.MethodResult;
import io.evomerge.job.output.ResultJson;
import io.evomerge.job.output.ResultTrees;
import io.evomerge.job.output.ScreeningResult;
import io.evomerge.report.AdapterWeight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screening of DESIGN.md section 7 in the real job: Spark in local mode, the reference merge
 * service on loopback with the 22 sample adapters, 4 fitness shards of 15 examples.
 *
 * <p>With {@code topK 3, initialShards 1, keepFraction 0.5} the plan is 3 rounds: 22 adapters and
 * the base model on shard 0 (23 calls), the best 11 on shard 1 (12), the best 6 on shards 2..3
 * (14): 49 calls. The search over the 3 chosen adapters is 2 + 2 generations of 6 candidates on 4
 * shards (96 calls); test scoring is 34 calls per method.
 */
class ScreeningJobTest {

  private static final String EVALUATE = "POST /v1/evaluate";
  private static final long SCREENING_CALLS = 23 + 12 + 14;
  private static final long SEARCH_CALLS = 4 * 6 * 4;
  private static final long TEST_CALLS = 34;

  private static final List<String> SCREEN = List.of(
      "selection={topK: 3, initialShards: 1, keepFraction: 0.5}",
      "search.stage1={popSize: 6, sigma: 0.1, budget: 12, penalty: 0.05}",
      "search.stage2={popSize: 6, sigma: 0.1, budget: 12, penalty: 0.05}");

  @TempDir Path output;

  @BeforeAll
  static void sampleData() {
    JobHarness.assumeSampleData();
  }

  @Test
  void theScreeningIsTheSameOnOneOrTwoCoresAndAnyPartitioningAndChoosesTheTopK() throws Exception {
    Ran oneCore = run("one", "local[1]", List.of("spark.partitions=1"), RunOptions.defaults());
    Ran twoCores = run("two", "local[2]", List.of("spark.partitions=7"), RunOptions.defaults());
    assertEquals(comparable(oneCore.resultJson()), comparable(twoCores.resultJson()));

    ResultJson result = oneCore.outcome().result().orElseThrow();
    ScreeningResult screening = result.screening();
    System.out.println("screening on 22 sample adapters: selected " + screening.selected() + ", ranking "
        + screening.ranking().stream().map(a -> a.adapter() + "=" + String.format("%.4f", a.delta())).toList());
    assertEquals(3, screening.rounds());
    assertEquals(SCREENING_CALLS, screening.plannedCalls());
    assertEquals(22, screening.ranking().size(), "every adapter is screened");
    assertEquals(3, screening.selected().size());
    assertEquals(screening.ranking().subList(0, 3).stream().map(ScreeningResult.Adapter::adapter).sorted().toList(),
        screening.selected().stream().sorted().toList(), "the selection is the head of the ranking");
    assertEquals(List.of(4, 4, 4, 4, 4, 4, 2, 2, 2, 2, 2), screening.ranking().subList(0, 11).stream()
        .map(ScreeningResult.Adapter::shards).toList(), "survivors of more rounds saw more shards");
    assertTrue(screening.ranking().get(0).delta() < 0, "the best adapter alone beats the base model: "
        + screening.ranking().get(0));
    assertEquals(screening.selected(), ids(result.best()), "the search went over the selected adapters only");
    assertEquals(SCREENING_CALLS + SEARCH_CALLS + TEST_CALLS, oneCore.stats().calls(EVALUATE));
    String report = Files.readString(oneCore.directory().resolve("report.html"));
    assertTrue(report.contains("<h2>Screening</h2>") && report.contains("alt=\"screening ranking\""),
        "report.html has the ranking chart");
  }

  @Test
  void aRunStoppedAfterScreeningRoundsResumesToTheUninterruptedResult() throws Exception {
    Ran whole = run("whole", "local[2]", List.of(), RunOptions.defaults());

    Ran first = run("parts", "local[2]", List.of(), JobHarness.stopAfter(1));
    assertFalse(first.outcome().finished());
    assertEquals(23, first.stats().calls(EVALUATE), "one screening round: 22 adapters and the base model");
    assertFalse(Files.exists(first.directory().resolve("result.json")), "no output before the end");

    Ran second = run("parts", "local[2]", List.of(), new RunOptions(true, false, false, 2));
    assertFalse(second.outcome().finished());
    assertEquals(12 + 14, second.stats().calls(EVALUATE), "the two remaining rounds, no search yet");

    Ran third = run("parts", "local[2]", List.of(), JobHarness.RESUME);
    assertEquals(SEARCH_CALLS + TEST_CALLS, third.stats().calls(EVALUATE), "only the search and test scoring");
    assertEquals(comparable(whole.resultJson()), comparable(third.resultJson()));

    Ran again = run("parts", "local[2]", List.of(), JobHarness.RESUME);
    assertEquals(0, again.stats().calls(EVALUATE), "a finished run is never screened twice");
    assertEquals(whole.outcome().result().orElseThrow().screening(), again.outcome().result().orElseThrow().screening());
  }

  @Test
  void aCrashInTheMiddleOfAScreeningRoundAndAResumeGiveTheSameScreeningWithinTheBudget() throws Exception {
    Ran whole = run("whole", "local[2]", List.of(), RunOptions.defaults());

    // 90 fits the plan (49 calls + 10% headroom + 34 for test scoring), not much more
    List<String> tight = List.of("budget.maxApiCalls=90");
    Ran first = run("crash", "local[2]", tight, JobHarness.stopAfter(1));
    assertEquals(23, first.stats().calls(EVALUATE), "round 1 done and checkpointed");
    List<String> broken = new ArrayList<>(tight);
    broken.add("service.embedded.faults={seed: 1, errorRate: 0.5}");
    broken.add("service.retry={maxAttempts: 1, initialBackoffMs: 1, maxBackoffMs: 2}");
    // local[2,1] and one attempt per call: the first fault fails its task and the run in round 2, as
    // a crash of the driver there would; what round 2 had scored is lost, its reservation is saved
    var crash = assertThrows(JobHarness.Failed.class,
        () -> run("crash", "local[2,1]", broken, JobHarness.RESUME));
    long crashed = crash.stats.calls(EVALUATE);
    assertTrue(crashed > 0 && crashed < 12, "the crash came inside round 2 (12 calls): " + crashed + " calls, "
        + crash.getMessage());

    var refused = assertThrows(JobHarness.Failed.class,
        () -> run("crash", "local[2]", tight, JobHarness.RESUME));
    assertTrue(refused.getMessage().contains("screening round 2/3 (12 calls, 180 examples) does not fit what is left"
        + " of the budget") && refused.getMessage().contains("raise budget.maxApiCalls"), refused.getMessage());
    assertEquals(0, refused.stats.calls(EVALUATE), "a round the budget cannot take is never started");

    List<String> raised = List.of("budget.maxApiCalls=170");
    Ran resumed = run("crash", "local[2]", raised, JobHarness.RESUME);
    ResultJson result = resumed.outcome().result().orElseThrow();
    assertEquals(whole.outcome().result().orElseThrow().screening(), result.screening(),
        "the same ranking and selection as without the crash");
    assertEquals(12 + 14, resumed.stats().calls(EVALUATE) - result.best().apiCalls() - TEST_CALLS,
        "round 2 again in full, then round 3; round 1 is never repeated");
    long served = first.stats().calls(EVALUATE) + crashed + resumed.stats().calls(EVALUATE);
    System.out.println("screening round + crash in round 2 + refused resume at budget 90 + resume at 170: service"
        + " counted " + first.stats().calls(EVALUATE) + " + " + crashed + " + 0 + " + resumed.stats().calls(EVALUATE)
        + " = " + served + ", " + result.api() + ", search " + result.best().apiCalls());
    assertTrue(result.api().lostTaskCalls() > 0, "the resume charges what the crashed round reserved: " + result.api());
    assertTrue(served <= result.api().calls(), "the charge covers what the service saw: " + served + " vs " + result.api());
    assertTrue(result.api().calls() <= 170, result.api() + ", budget 170");
  }

  @Test
  void theServiceCountsExactlyTheScreeningSearchAndTestCallsAndNeverMoreThanTheBudget() throws Exception {
    Ran ran = run("budget", "local[2]", List.of("budget.maxApiCalls=170"), RunOptions.defaults());
    long served = ran.stats().calls(EVALUATE);
    ResultJson result = ran.outcome().result().orElseThrow();
    System.out.println("budget 170 with screening: service counted " + served + ", " + result.api()
        + ", search " + result.best().apiCalls());
    assertEquals(served, result.api().calls(), "the run charges what the service saw");
    assertEquals(SCREENING_CALLS + result.best().apiCalls() + TEST_CALLS, served,
        "screening + search + test scoring, nothing else");
    assertTrue(result.best().apiCalls() < SEARCH_CALLS, "the budget ended the search early: " + result.best().apiCalls());
    assertTrue(served <= 170, served + " evaluate calls, budget 170");
  }

  @Test
  void aScreeningThatCannotFitTheBudgetFailsBeforeAnyCallNamingTheKeys() throws Exception {
    var failure = assertThrows(JobHarness.Failed.class,
        () -> run("small", "local[2]", List.of("budget.maxApiCalls=80"), RunOptions.defaults()));
    ConfigException cause = (ConfigException) failure.getCause();
    assertEquals("budget.maxApiCalls", cause.keyPath());
    assertTrue(cause.getMessage().contains("selection.topK 3 plans 49 calls"), cause.getMessage());
    assertEquals(0, failure.stats.calls(EVALUATE));
  }

  @Test
  void everyComparedMethodSearchesTheSameSelectionWithThePinnedAdapter() throws Exception {
    Ran ran = run("compare", "local[2]", List.of("compare=[uniform, lorahub]", "selection.pinned=[noise-commands-random]"),
        JobHarness.COMPARE);
    ResultJson result = ran.outcome().result().orElseThrow();
    List<String> selected = result.screening().selected();
    assertEquals(4, selected.size(), "the top 3 and the pinned adapter: " + selected);
    assertTrue(selected.contains("noise-commands-random"));
    assertEquals(21, result.screening().ranking().size(), "a pinned adapter is not screened");
    List<MethodResult> methods = new ArrayList<>(result.compared());
    methods.add(0, result.best());
    assertEquals(3, methods.size());
    for (MethodResult m : methods) {
      assertEquals(selected, ids(m), m.method() + " searched other adapters");
    }
    assertEquals(SCREENING_CALLS - 1 + methods.stream().mapToLong(MethodResult::apiCalls).sum() + 3 * TEST_CALLS,
        ran.stats().calls(EVALUATE), "one screening serves every method");
  }

  @Test
  void anUnknownPinnedAdapterIsAConfigurationError() {
    var failure = assertThrows(JobHarness.Failed.class,
        () -> run("pin", "local[2]", List.of("selection.pinned=[no-such-adapter]"), RunOptions.defaults()));
    ConfigException cause = (ConfigException) failure.getCause();
    assertEquals("selection.pinned", cause.keyPath());
    assertTrue(cause.getMessage().contains("'no-such-adapter' is not an adapter"), cause.getMessage());
    assertEquals(0, failure.stats.calls(EVALUATE));
  }

  @Test
  void inTheSessionDialectTheScreeningIsOneRoundOfEveryAdapterAndTheBase() throws Exception {
    Ran ran = run("bmm", "local[2]", List.of(
        "service.dialect=bmm",
        "service.bmm.datasetDir=data/tasks/target-sentiment-games",
        "service.bmm.dataset=dev",
        "service.bmm.testDataset=test",
        "service.bmm.evaluationBatches=4"), RunOptions.defaults());
    ResultJson result = ran.outcome().result().orElseThrow();
    ScreeningResult screening = result.screening();
    assertEquals(1, screening.rounds());
    assertEquals(23, screening.plannedCalls());
    assertEquals(22, screening.ranking().size());
    assertTrue(screening.ranking().stream().allMatch(a -> a.shards() == 1), "one session loss per adapter");
    assertEquals(23 + 4 * 6 + 1, ran.stats().calls("POST /v1/sessions/{id}/evaluate"),
        "screening, then one call per candidate, one for the test set");
    assertEquals(screening.selected(), ids(result.best()));
  }

  private Ran run(String name, String master, List<String> extra, RunOptions options) throws Exception {
    List<String> all = new ArrayList<>(SCREEN);
    all.addAll(extra);
    return JobHarness.run(JobHarness.config(output.resolve(name), master, all), options);
  }

  private static List<String> ids(MethodResult method) {
    return method.adapters().stream().map(AdapterWeight::adapter).toList();
  }

  /** The result without what legitimately differs: timing, and the output and Spark settings. */
  private static JsonNode comparable(String resultJson) throws Exception {
    var tree = (ObjectNode) ResultTrees.withoutTiming(resultJson);
    ((ObjectNode) tree.get("configuration")).remove(List.of("output", "spark"));
    return tree;
  }
}
