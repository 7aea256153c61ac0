package io.evomerge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.StrategySpec;
import io.evomerge.search.Method;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodTrialTest {

  @Test
  void aRowNamesItsMethodRuleAndScreening() {
    MethodTrial.Row row = MethodTrial.Row.of("warm-scaling@concat+screen8");
    assertEquals(Method.WARM_SCALING, row.method());
    assertEquals(new StrategySpec("concat", null, null), row.rule());
    assertEquals(8, row.topK());
    assertEquals("warm-scaling", row.base());
    MethodTrial.Row plain = MethodTrial.Row.of("lorahub");
    assertNull(plain.rule(), "the service's default rule");
    assertEquals(0, plain.topK(), "every adapter");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MethodTrial.Row.of("lorahub+top8"))
        .getMessage().contains("screenK"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MethodTrial.Row.of("lorahub@sum"))
        .getMessage().contains("'sum' is unknown"));
  }

  @Test
  void aScreenedRowSearchesItsTopKWithinTheSameBudgetAndARuleChangesTheMerge() throws Exception {
    BenchPlan.Comparison full = BenchPlan.full().comparison();
    BenchPlan.Comparison plan = new BenchPlan.Comparison(40, 40, 60, 60, List.of(42L), false, 0, 0,
        full.taskArithmeticScales(), full.tiesDensities(), full.tiesScales(), full.dareDensities(), full.dareScales());
    ComparisonBench.Target target = Benchmarks.suiteATargets(Path.of("data/tasks")).get(0);
    MethodTrial trial = new MethodTrial(plan, new PrintWriter(Writer.nullWriter()), 2);
    List<MethodTrial.Outcome> outcomes = trial.run("A", ReferenceModel.load(Path.of("data/repository")),
        List.of(target), List.of(42L), List.of("lorahub", "lorahub+screen8", "lorahub@concat"));

    MethodTrial.Outcome plain = outcomes.get(0);
    MethodTrial.Outcome screened = outcomes.get(1);
    MethodTrial.Outcome concat = outcomes.get(2);
    assertEquals(22, plain.adapters());
    assertEquals(80 * 4, plain.apiCalls(), "80 candidates x 4 shards");
    assertEquals(8, screened.adapters(), "the top 8 of the screening");
    // screening: 22 adapters + base on shards 0..1, then the best 11 + base on shards 2..3 = 70 calls,
    // 18 evaluations (70 / 4, rounded up) taken from the search: 70 + 62 x 4 = 318 <= 320
    assertEquals(70 + (80 - 18) * 4, screened.apiCalls());
    assertEquals(22, concat.adapters());
    assertEquals(80 * 4, concat.apiCalls());
    assertNotEquals(plain.fitnessLoss(), concat.fitnessLoss(), "the concat rule merges otherwise");
    MethodTrial.Outcome again = trial.run("A", ReferenceModel.load(Path.of("data/repository")), List.of(target),
        List.of(42L), List.of("lorahub+screen8")).get(0);
    assertEquals(screened.fitnessLoss(), again.fitnessLoss(), "deterministic");
    assertEquals(screened.accuracy(), again.accuracy(), "deterministic");
  }
}
