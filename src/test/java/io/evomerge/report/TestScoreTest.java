package io.evomerge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.data.Example;
import io.evomerge.protocol.ExampleResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestScoreTest {

  private static Example example(String id, String output) {
    return new Example(id, "", "text " + id, output, List.of("pos", "neg"));
  }

  @Test
  void scoresResultsAgainstTheExampleTargets() {
    List<Example> examples = List.of(example("1", "pos"), example("2", "neg"), example("3", "neg"));
    List<ExampleResult> results = List.of(
        new ExampleResult("1", 0.2, "pos", true),
        new ExampleResult("2", 0.4, "pos", false),
        new ExampleResult("3", 0.6, "neg", true));

    TestScore score = TestScore.of(examples, results);

    assertEquals(3, score.examples());
    assertEquals(0.4, score.loss(), 1e-15);
    assertEquals(2.0 / 3, score.accuracy(), 1e-15);
    // pos: tp1 fp1 fn0 -> 2/3; neg: tp1 fp0 fn1 -> 2/3
    assertEquals(2.0 / 3, score.macroF1(), 1e-15);
  }

  @Test
  void resultsOutOfOrderAreRejectedNamingBothIds() {
    var e = assertThrows(IllegalArgumentException.class, () -> TestScore.of(
        List.of(example("1", "pos"), example("2", "neg")),
        List.of(new ExampleResult("2", 0.1, "neg", true), new ExampleResult("1", 0.1, "pos", true))));
    assertTrue(e.getMessage().contains("'2'") && e.getMessage().contains("'1'"), e.getMessage());
  }

  @Test
  void accuracyOutsideTheUnitIntervalIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new TestScore(1, 0.1, 1.5, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new TestScore(-1, 0.1, 0.5, 0.5));
  }

  @Test
  void aLossOnlyScoreLeavesAccuracyAndF1Unmeasured() {
    TestScore score = TestScore.lossOnly(0, 0.42);
    assertEquals(0.42, score.loss());
    assertTrue(Double.isNaN(score.accuracy()) && Double.isNaN(score.macroF1()));
  }
}
