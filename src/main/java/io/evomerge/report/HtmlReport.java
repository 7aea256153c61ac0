package io.evomerge.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A run's self-contained {@code report.html}: a summary, the comparison table, the convergence
 * chart and the final per-adapter {@code alpha} and {@code beta} (charts and a table), with the
 * charts embedded as base64 PNG so the file needs nothing else. All text is HTML-escaped; the
 * markup is also well-formed XML. Immutable; {@link #render()} renders the charts headless.
 *
 * @param runId the run the report describes
 * @param summary name/value lines shown under the title, in iteration order
 * @param comparison the methods side by side
 * @param convergence the searched method's evaluations in order; may be empty (no chart)
 * @param weights the best merge's control values per adapter; may be empty (no chart)
 * @param compared each compared method's best merge, by method, in run order; may be empty
 * @param screening the screening's ranking, best first; empty when the run screened nothing
 */
public record HtmlReport(String title, String runId, Map<String, String> summary,
    ComparisonTable comparison, List<ConvergencePoint> convergence, List<AdapterWeight> weights,
    Map<String, List<AdapterWeight>> compared, List<ScreeningBar> screening) {

  static final int CHART_HEIGHT = 420;

  static final String NEGATIVE_WEIGHTS = "A negative beta does not subtract an adapter on its own:"
      + " the merge rule scales both LoRA factors by beta, so only the relative sign matters."
      + " Flipping the sign of every beta leaves the merge unchanged, and one adapter alone at"
      + " beta = -1 equals beta = +1. A negative weight means \"opposite to the others\": it flips"
      + " the cross terms between that adapter and the rest.";

  public HtmlReport {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(comparison, "comparison");
    summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
    convergence = List.copyOf(convergence);
    weights = List.copyOf(weights);
    Map<String, List<AdapterWeight>> copy = new LinkedHashMap<>();
    compared.forEach((method, w) -> copy.put(method, List.copyOf(w)));
    compared = Collections.unmodifiableMap(copy);
    screening = screening == null ? List.of() : List.copyOf(screening);
  }

  public String render() {
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    out.append("<h1>").append(escape(title)).append("</h1>\n");
    summary(out);
    comparison(out);
    screening(out);
    convergence(out);
    weights(out);
    comparedWeights(out);
    return out.append("</body>\n</html>\n").toString();
  }

  private void summary(StringBuilder out) {
    out.append("<table class=\"summary\">\n");
    row(out, "run", runId);
    summary.forEach((name, value) -> row(out, name, value));
    out.append("</table>\n");
  }

  private void comparison(StringBuilder out) {
    out.append("<h2>Comparison</h2>\n<table class=\"comparison\">\n<thead>\n");
    cells(out, "th", ComparisonTable.HEADERS);
    out.append("</thead>\n<tbody>\n");
    for (int i = 0; i < comparison.rows().size(); i++) {
      cells(out, "td", comparison.cells(i));
    }
    out.append("</tbody>\n</table>\n");
  }

  private void screening(StringBuilder out) {
    if (screening.isEmpty()) {
      return;
    }
    long chosen = screening.stream().filter(ScreeningBar::selected).count();
    out.append("<h2>Screening</h2>\n<p>").append(escape("Each adapter alone (alpha = 1, beta = 1) against"
        + " the base model, by successive halving on the fitness shards; " + screening.size()
        + " adapters screened, " + chosen + " of them selected for every method (pinned adapters are"
        + " selected without screening)."))
        .append("</p>\n");
    image(out, "screening ranking", Charts.screening(screening, CHART_HEIGHT));
    out.append("<table class=\"screening\">\n<thead>\n");
    cells(out, "th", List.of("rank", "adapter", "loss - base loss", "shards", "selected"));
    out.append("</thead>\n<tbody>\n");
    List<ScreeningBar> shown = screening.subList(0, Math.min(Charts.SHOWN, screening.size()));
    for (int i = 0; i < shown.size(); i++) {
      ScreeningBar b = shown.get(i);
      cells(out, "td", List.of(Integer.toString(i + 1), b.adapter(), decimal(b.delta()),
          Integer.toString(b.shards()), b.selected() ? "yes" : "no"));
    }
    out.append("</tbody>\n</table>\n");
  }

  private void convergence(StringBuilder out) {
    out.append("<h2>Convergence</h2>\n");
    if (convergence.isEmpty()) {
      out.append("<p>No evaluations were recorded.</p>\n");
      return;
    }
    image(out, "convergence", new ConvergenceChart(convergence).toChart(900, CHART_HEIGHT));
  }

  private void weights(StringBuilder out) {
    out.append("<h2>Final control vectors</h2>\n");
    if (weights.isEmpty()) {
      out.append("<p>No merge was found.</p>\n");
      return;
    }
    image(out, "alpha per adapter", Charts.alpha(weights, CHART_HEIGHT));
    image(out, "beta per adapter", Charts.beta(weights, CHART_HEIGHT));
    out.append("<p class=\"note\">").append(escape(NEGATIVE_WEIGHTS)).append("</p>\n");
    weightTable(out, weights);
  }

  private void comparedWeights(StringBuilder out) {
    for (Map.Entry<String, List<AdapterWeight>> method : compared.entrySet()) {
      out.append("<h2>Control vectors of ").append(escape(method.getKey())).append("</h2>\n");
      weightTable(out, method.getValue());
    }
  }

  private static void weightTable(StringBuilder out, List<AdapterWeight> weights) {
    out.append("<table class=\"weights\">\n<thead>\n");
    cells(out, "th", List.of("adapter", "alpha", "beta"));
    out.append("</thead>\n<tbody>\n");
    for (AdapterWeight w : weights) {
      out.append(w.beta() < 0 ? "<tr class=\"negative\">" : "<tr>");
      for (String cell : List.of(w.adapter(), decimal(w.alpha()), decimal(w.beta()))) {
        out.append("<td>").append(escape(cell)).append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private static void image(StringBuilder out, String alt, Chart<?, ?> chart) {
    out.append("<p><img alt=\"").append(escape(alt)).append("\" src=\"")
        .append(Charts.dataUri(chart)).append("\"/></p>\n");
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value))
        .append("</td></tr>\n");
  }

  private static void cells(StringBuilder out, String tag, List<String> cells) {
    out.append("<tr>");
    for (String cell : cells) {
      out.append('<').append(tag).append('>').append(escape(cell)).append("</").append(tag).append('>');
    }
    out.append("</tr>\n");
  }

  private static String decimal(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }

  private static final String STYLE =
      "body{font-family:sans-serif;margin:2em;color:#222}"
          + "table{border-collapse:collapse;margin:1em 0}"
          + "th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}"
          + "th:first-child,td:first-child{text-align:left}"
          + "thead th{background:#f0f0f0}"
          + "tr.negative td{color:#d55e00}"
          + "img{max-width:100%}";

  /** {@code text} safe inside an element or a double- or single-quoted attribute. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
  }
}
