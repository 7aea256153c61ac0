package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.bench.BenchPlan;
import io.evomerge.bench.ComparisonBench;
import io.evomerge.bench.MethodTrial;
import io.evomerge.job.JobHarness.Ran;
import io.evomerge.job.output.MethodResult;
import io.evomerge.job.output.ResultJson;
import io.evomerge.model.ReferenceModel;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm scaling's stages in the job: Spark local[2], the reference service on loopback. */
class WarmScalingJobTest {

  @TempDir Path output;

  @BeforeAll
  static void sampleData() {
    JobHarness.assumeSampleData();
  }

  @Test
  void itsThreeStagesRunInTheJobWithinTheSameBudgetAsTheOtherMethods() throws Exception {
    var config = JobHarness.config(output, "local[2]", List.of("search.method=warm-scaling", "compare=[lorahub]"));
    Ran ran = JobHarness.run(config, JobHarness.COMPARE);

    ResultJson result = ran.outcome().result().orElseThrow();
    MethodResult warm = result.best();
    MethodResult loraHub = result.compared().get(0);
    assertEquals("warm-scaling", warm.method());
    assertEquals(60, warm.evaluations(), "24 + 36: the budget of every black-box method");
    assertEquals(loraHub.evaluations(), warm.evaluations());
    assertEquals(loraHub.apiCalls(), warm.apiCalls(), "equal API budget: 60 candidates x 4 shards + the test set");
    List<String> rows = Files.readAllLines(ran.directory().resolve("history.csv"));
    assertEquals(22, rows.stream().filter(r -> r.startsWith("test-run,warm-scaling,best-single,")).count(),
        "each of the 22 sample adapters alone");
    for (String stage : List.of("scaling", "refining")) {
      assertEquals((60 - 22) / 2, rows.stream().filter(r -> r.startsWith("test-run,warm-scaling," + stage + ",")).count(),
          stage + " spends half of what is left");
    }
    assertTrue(warm.test().accuracy() > 0, "the best merge is scored on the test set");
  }

  @Test
  void theBenchesInProcessTrialFindsExactlyWhatTheJobFinds() throws Exception {
    var config = JobHarness.config(output, "local[2]", List.of("search.method=warm-scaling",
        "search.stage1={popSize: 20, sigma: 0.05, budget: 40, penalty: 0.05}",
        "search.stage2={popSize: 20, sigma: 0.05, budget: 40, penalty: 0.05}"));
    MethodResult job = JobHarness.run(config, RunOptions.defaults()).outcome().result().orElseThrow().best();

    BenchPlan.Comparison full = BenchPlan.full().comparison();
    BenchPlan.Comparison plan = new BenchPlan.Comparison(40, 40, 60, 0, List.of(42L), false, 0, 0,
        full.taskArithmeticScales(), full.tiesDensities(), full.tiesScales(), full.dareDensities(), full.dareScales());
    ComparisonBench.Target target = new ComparisonBench.Target("target-sentiment-games",
        config.data().fitness(), config.data().test(), List.of());
    MethodTrial.Outcome trial = new MethodTrial(plan, new PrintWriter(Writer.nullWriter()), 2)
        .run("A", ReferenceModel.load(Path.of("data/repository")), List.of(target), List.of(42L),
            List.of("warm-scaling")).get(0);
    assertEquals(job.fitnessLoss(), trial.fitnessLoss(), 1e-12);
    assertEquals(job.test().accuracy(), trial.accuracy(), 1e-12);
    assertEquals(job.apiCalls(), trial.apiCalls(), "80 candidates x 4 shards");
  }
}
