package io.evomerge.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole output side as the driver uses it at the end of a run. */
class RunOutputsTest {

  private static SparkSession spark;

  @TempDir java.nio.file.Path temp;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("RunOutputsTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void aFinishedRunHasItsDocumentedLayout() throws IOException {
    RunDirectory run = RunDirectory.of(new Path(temp.toUri()), "run-42",
        spark.sparkContext().hadoopConfiguration());
    run.checkpoints().save("{\"generation\":5}");
    List<HistoryRow> history = HistorySamples.rows(42, 3, 4, 3);
    ResultJson result = ResultSamples.result();

    try (StagedOutputs out = run.stageOutputs()) {
      HistoryWriter.write(spark, history, out.path());
      ResultJson.write(run.fileSystem(), out.resolve(RunDirectory.RESULT_JSON), result);
      ReportWriter.write(run.fileSystem(), out.resolve(RunDirectory.REPORT_HTML), result, history);
      out.commit();
    }

    java.nio.file.Path folder = temp.resolve("run-42");
    try (var files = Files.list(folder)) {
      assertEquals(List.of("checkpoint", "history", "history.csv", "report.html", "result.json"),
          files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList());
    }
    assertEquals(history, HistoryTable.read(spark, run.resolve(RunDirectory.HISTORY)));
    assertEquals(result, ResultJson.read(run.fileSystem(), run.resolve(RunDirectory.RESULT_JSON)));
    assertEquals(history.size() + 1, Files.readAllLines(folder.resolve("history.csv")).size());
    assertTrue(Files.readString(folder.resolve("report.html")).contains("<h2>Convergence</h2>"));
  }
}
