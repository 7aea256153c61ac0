package io.evomerge.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir java.nio.file.Path temp;

  @Test
  void theReportChartsOnlyTheSearchedMethodsHistoryAndItsFinalWeights() {
    List<HistoryRow> history = new ArrayList<>(HistorySamples.rows(5, 2, 3, 3));
    history.add(new HistoryRow("run-1", "lorahub", "lorahub", 0, 0,
        io.evomerge.merge.ControlVectors.of(new double[3], new double[3]), 9, 0, 9, 9, 1, 1));

    HtmlReport report = ReportWriter.report(ResultSamples.result(), history);

    assertEquals(history.size() - 1, report.convergence().size());
    assertEquals(ResultSamples.ADAPTERS.get(1), report.weights().get(1).adapter());
    assertEquals(-0.42, report.weights().get(1).beta());
    assertEquals(3, report.comparison().rows().size());
    assertEquals("42", report.summary().get("seed"));
  }

  @Test
  void theFileHoldsTheTableAndThreeEmbeddedCharts() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path path = new Path(temp.toUri().toString(), RunDirectory.REPORT_HTML);

    ReportWriter.write(fs, path, ResultSamples.result(), HistorySamples.rows(5, 2, 3, 3));

    String html = Files.readString(temp.resolve(RunDirectory.REPORT_HTML));
    assertEquals(3, html.split("src=\"data:image/png;base64,", -1).length - 1);
    for (String method : List.of("<td>evo-merging</td>", "<td>uniform</td>", "<td>lorahub</td>")) {
      assertTrue(html.contains(method), method);
    }
  }

  @Test
  void theReportShowsEveryMethodsVectorsAndWhatANegativeWeightMeans() {
    HtmlReport report = ReportWriter.report(ResultSamples.result(), HistorySamples.rows(5, 2, 3, 3));
    assertEquals(List.of("uniform", "lorahub"), List.copyOf(report.compared().keySet()));
    String html = report.render();
    assertTrue(html.contains("Control vectors of lorahub"), "each compared method's vectors");
    assertTrue(html.contains("only the relative sign matters"), "the paper's rule explained");
  }

  @Test
  void theComparisonTableNamesTheAdapterBestSinglePicked() {
    var picked = MethodResult.of(io.evomerge.search.Method.BEST_SINGLE, ResultSamples.ADAPTERS,
        io.evomerge.merge.ControlVectors.of(new double[] {1, 1, 1}, new double[] {0, 1, 0}),
        0.6, 0.6, io.evomerge.report.TestScore.lossOnly(0, Double.NaN), 60, 3);
    assertEquals("best-single (" + ResultSamples.ADAPTERS.get(1) + ")", picked.toComparisonRow().method());
  }
}
