package io.evomerge.job.output;

import io.evomerge.report.HtmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Builds a run's {@code report.html} from its result and history and writes it atomically: the
 * comparison table of {@link ResultJson#comparisonTable()}, the convergence of the searched
 * method (the history rows of {@code result.best().method()}, in order) and its final
 * per-adapter {@code alpha} and {@code beta}. Stateless.
 */
public final class ReportWriter {

  private ReportWriter() {}

  /** The report of {@code result}, whose search produced {@code history}. */
  public static HtmlReport report(ResultJson result, List<HistoryRow> history) {
    String method = result.best().method();
    return new HtmlReport(
        "EvoMerge: " + method,
        result.runId(),
        summary(result),
        result.comparisonTable(),
        history.stream().filter(r -> r.method().equals(method)).map(HistoryRow::toConvergencePoint).toList(),
        result.best().adapters(),
        compared(result),
        screening(result));
  }

  private static List<io.evomerge.report.ScreeningBar> screening(ResultJson result) {
    if (result.screening() == null) {
      return List.of();
    }
    return result.screening().ranking().stream()
        .map(a -> new io.evomerge.report.ScreeningBar(a.adapter(), a.delta(), a.shards(), a.selected()))
        .toList();
  }

  public static void write(FileSystem fs, Path path, ResultJson result, List<HistoryRow> history)
      throws IOException {
    byte[] html = report(result, history).render().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(fs, path, html);
  }

  private static Map<String, List<io.evomerge.report.AdapterWeight>> compared(ResultJson result) {
    Map<String, List<io.evomerge.report.AdapterWeight>> compared = new LinkedHashMap<>();
    result.compared().forEach(m -> compared.put(m.method(), m.adapters()));
    return compared;
  }

  private static Map<String, String> summary(ResultJson result) {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("method", result.best().method());
    summary.put("seed", Long.toString(result.seed()));
    summary.put("best fitness", String.format(Locale.ROOT, "%.6f", result.best().fitness()));
    summary.put("test examples", Integer.toString(result.best().test().examples()));
    summary.put("API calls", Long.toString(result.api().calls()));
    if (result.screening() != null) {
      summary.put("screening", "top " + result.screening().topK() + " of " + result.screening().ranking().size()
          + " screened adapters, " + result.screening().rounds() + " rounds, "
          + result.screening().plannedCalls() + " calls planned; searched: "
          + String.join(", ", result.screening().selected()));
    }
    summary.put("examples sent", Long.toString(result.api().examples()));
    summary.put("retries / failures", result.api().retries() + " / " + result.api().failures());
    summary.put("calls sent / answered / charged for lost tasks", result.api().sent() + " / "
        + result.api().answered() + " / " + result.api().lostTaskCalls());
    summary.put("started", result.timing().startedAt());
    summary.put("elapsed", String.format(Locale.ROOT, "%.1f s", result.timing().elapsedMs() / 1000.0));
    return summary;
  }
}
