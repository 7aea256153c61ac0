package io.evomerge.job.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryWriterTest {

  private static SparkSession spark;

  @TempDir java.nio.file.Path temp;

  @BeforeAll
  static void startSpark() {
    spark = LocalSpark.start("HistoryWriterTest");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private Path folder() {
    return new Path(temp.toUri());
  }

  private List<String> csvLines() throws IOException {
    return Files.readAllLines(temp.resolve(RunDirectory.HISTORY_CSV));
  }

  @Test
  void parquetHoldsEveryRowInTheGivenOrderWithExactValues() throws IOException {
    List<HistoryRow> rows = HistorySamples.rows(42, 3, 5, 4);

    HistoryWriter.write(spark, rows, folder());

    assertEquals(rows, HistoryTable.read(spark, new Path(folder(), RunDirectory.HISTORY)));
    try (var files = Files.list(temp.resolve(RunDirectory.HISTORY))) {
      assertEquals(1, files.filter(p -> p.getFileName().toString().endsWith(".parquet")).count());
    }
  }

  @Test
  void theCsvIsOneFileWithAHeaderAndSemicolonJoinedVectors() throws IOException {
    List<HistoryRow> rows = HistorySamples.rows(7, 2, 3, 3);

    HistoryWriter.write(spark, rows, folder());

    List<String> lines = csvLines();
    assertEquals("run_id,method,stage,generation,index,alpha,beta,loss,penalty,fitness,best_so_far,"
        + "api_calls,elapsed_ms", lines.get(0));
    assertEquals(rows.size() + 1, lines.size());
    for (int i = 0; i < rows.size(); i++) {
      String[] cells = lines.get(i + 1).split(",");
      HistoryRow row = rows.get(i);
      assertEquals(row.stage() + "/" + row.generation() + "/" + row.index(), cells[2] + "/" + cells[3] + "/" + cells[4]);
      assertArrayEquals(row.vectors().alpha(), Arrays.stream(cells[5].split(";")).mapToDouble(Double::parseDouble).toArray());
      assertArrayEquals(row.vectors().beta(), Arrays.stream(cells[6].split(";")).mapToDouble(Double::parseDouble).toArray());
      assertEquals(row.fitness(), Double.parseDouble(cells[9]));
      assertEquals(row.apiCalls(), Long.parseLong(cells[11]));
    }
    try (var files = Files.list(temp)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().contains("parts")), "temporary CSV folder left");
    }
  }

  @Test
  void writingAgainReplacesTheEarlierHistory() throws IOException {
    HistoryWriter.write(spark, HistorySamples.rows(1, 3, 4, 2), folder());
    List<HistoryRow> second = HistorySamples.rows(2, 1, 2, 2);

    HistoryWriter.write(spark, second, folder());

    assertEquals(second, HistoryTable.read(spark, new Path(folder(), RunDirectory.HISTORY)));
    assertEquals(second.size() + 1, csvLines().size());
  }

  @Test
  void anEmptyHistoryStillHasItsSchemaAndHeader() throws IOException {
    HistoryWriter.write(spark, List.of(), folder());

    assertEquals(List.of(), HistoryTable.read(spark, new Path(folder(), RunDirectory.HISTORY)));
    assertEquals("run_id", csvLines().get(0).split(",")[0]);
  }
}
