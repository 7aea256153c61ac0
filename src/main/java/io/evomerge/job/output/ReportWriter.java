package io.evomerge.job.output;

import io.evomerge.report.AdapterWeight;
import io.evomerge.report.HtmlReport;
import io.evomerge.report.ScreeningBar;
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
 * comparison table, the convergence of the searched method (the history rows of
 * {@code result.best().method()}, in order) and every method's final per-adapter {@code alpha}
 * and {@code beta}. Stateless.
 */
public final class ReportWriter {

  private ReportWriter() {}

  /** The report of {@code result}, whose search produced {@code history}. */
  public static HtmlReport report(ResultJson result, List<HistoryRow> history) {
    String method = result.best().method();
    Map<String, List<AdapterWeight>> compared = new LinkedHashMap<>();
    result.compared().forEach(m -> compared.put(m.method(), m.adapters()));
    ScreeningResult screening = result.screening();
    return new HtmlReport(
        "EvoMerge: " + method,
        result.runId(),
        summary(result),
        result.comparisonTable(),
        history.stream().filter(r -> r.method().equals(method)).map(HistoryRow::toConvergencePoint).toList(),
        result.best().adapters(),
        compared,
        screening == null ? List.of() : screening.ranking().stream()
            .map(a -> new ScreeningBar(a.adapter(), a.delta(), a.shards(), a.selected())).toList());
  }

  public static void write(FileSystem fs, Path path, ResultJson result, List<HistoryRow> history)
      throws IOException {
    AtomicFiles.write(fs, path, report(result, history).render().getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> summary(ResultJson result) {
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("method", result.best().method());
    summary.put("seed", Long.toString(result.seed()));
    summary.put("best fitness", String.format(Locale.ROOT, "%.6f", result.best().fitness()));
    summary.put("test examples", Integer.toString(result.best().test().examples()));
    ApiUsage api = result.api();
    summary.put("API calls", Long.toString(api.calls()));
    ScreeningResult s = result.screening();
    if (s != null) {
      summary.put("screening", "top " + s.topK() + " of " + s.ranking().size() + " screened adapters, "
          + s.rounds() + " rounds, " + s.plannedCalls() + " calls planned; searched: "
          + String.join(", ", s.selected()));
    }
    summary.put("examples sent", Long.toString(api.examples()));
    summary.put("retries / failures", api.retries() + " / " + api.failures());
    summary.put("calls sent / answered / charged for lost tasks",
        api.sent() + " / " + api.answered() + " / " + api.lostTaskCalls());
    summary.put("started", result.timing().startedAt());
    summary.put("elapsed", String.format(Locale.ROOT, "%.1f s", result.timing().elapsedMs() / 1000.0));
    return summary;
  }
}
