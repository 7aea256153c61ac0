package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.job.JobHarness.Ran;
import io.evomerge.job.output.MethodResult;
import io.evomerge.job.output.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm scaling's two stages in the job: Spark local[2], the reference service on loopback. */
class WarmScalingJobTest {

  @TempDir Path output;

  @BeforeAll
  static void sampleData() {
    JobHarness.assumeSampleData();
  }

  @Test
  void bothStagesRunInTheJobWithinTheSameBudgetAsTheOtherMethods() throws Exception {
    var config = JobHarness.config(output, "local[2]", List.of("search.method=warm-scaling", "compare=[lorahub]"));
    Ran ran = JobHarness.run(config, RunOptions.defaults().withCompare(true));

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
    assertEquals(60 - 22, rows.stream().filter(r -> r.startsWith("test-run,warm-scaling,scaling,")).count());
    assertTrue(warm.test().accuracy() > 0, "the best merge is scored on the test set");
  }
}
