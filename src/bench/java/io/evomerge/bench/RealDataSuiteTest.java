package io.evomerge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.data.Example;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suite B's label framings and leave-one-out targets, on a folder made here (no real data). */
class RealDataSuiteTest {

  static final Example REVIEW = new Example("r1", null, "great", "positive", List.of("negative", "positive"));
  static final Example QUESTION = new Example("q1", null, "Who?", "human",
      List.of("abbreviation", "entity", "description", "human", "location", "number"));

  @TempDir
  Path folder;

  @Test
  void invertedMovesTheTargetToTheNextOptionAndWrapsAround() {
    assertEquals("negative", RealDataSuite.relabel("sst2", "inverted").apply(REVIEW).output());
    assertEquals("location", RealDataSuite.relabel("trec", "inverted").apply(QUESTION).output());
  }

  @Test
  void verboseRephrasesEveryOptionAndKeepsTheTargetsMeaning() {
    Example verbose = RealDataSuite.relabel("sst2", "verbose").apply(REVIEW);
    assertEquals(List.of("a negative opinion", "a positive opinion"), verbose.options());
    assertEquals("a positive opinion", verbose.output());
    Example unknown = RealDataSuite.relabel("other", "verbose").apply(REVIEW);
    assertEquals("the answer is positive", unknown.output());
  }

  @Test
  void noiseDrawsARandomOptionThatDependsOnlyOnTheExample() {
    Example once = RealDataSuite.relabel("trec", "noise").apply(QUESTION);
    assertEquals(once, RealDataSuite.relabel("trec", "noise").apply(QUESTION));
    assertTrue(QUESTION.options().contains(once.output()));
  }

  @Test
  void eachTargetMergesOnlyTheOtherDataSetsAdapters() throws Exception {
    for (String d : List.of("sst2", "trec")) {
      Files.createDirectories(folder.resolve(d));
      for (String split : List.of("train", "dev", "test")) {
        Files.writeString(folder.resolve(d).resolve(split + ".jsonl"), "");
      }
    }
    RealDataSuite suite = new RealDataSuite(folder, BenchPlan.quick().comparison(), new PrintWriter(new StringWriter()));
    assertEquals(List.of("sst2", "trec"), suite.present());
    ComparisonBench.Target sst2 = suite.targets(suite.present()).get(0);
    assertEquals(List.of("trec-native", "trec-verbose", "trec-inverted", "trec-noise"), sst2.adapters());
    assertTrue(sst2.fitness().endsWith("sst2/dev.jsonl") && sst2.test().endsWith("sst2/test.jsonl"));
    assertFalse(new RealDataSuite(folder.resolve("absent"), BenchPlan.quick().comparison(),
        new PrintWriter(new StringWriter())).present().iterator().hasNext());
  }
}
