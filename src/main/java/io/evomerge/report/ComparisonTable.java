package io.evomerge.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The methods of a run side by side, in the order given (the searched method first, by
 * convention). Immutable; renders as Markdown for the console and README.
 */
public record ComparisonTable(List<ComparisonRow> rows) {

  /** Column titles, in order, as every rendering shows them. */
  public static final List<String> HEADERS =
      List.of("method", "test accuracy", "macro-F1", "fitness loss", "API calls");

  public ComparisonTable {
    rows = List.copyOf(rows);
  }

  public List<String> cells(int i) {
    ComparisonRow row = rows.get(i);
    return List.of(
        row.method(),
        decimal(row.testAccuracy()),
        decimal(row.macroF1()),
        decimal(row.fitnessLoss()),
        Long.toString(row.apiCalls()));
  }

  /**
   * A Markdown pipe table with padded columns, readable as plain text on a console. The
   * method column is left-aligned, the numbers right-aligned; a {@code |} inside a cell is escaped.
   */
  public String toMarkdown() {
    List<List<String>> lines = new ArrayList<>();
    lines.add(HEADERS);
    for (int i = 0; i < rows.size(); i++) {
      lines.add(cells(i).stream().map(c -> c.replace("|", "\\|").replace("\n", " ")).toList());
    }
    int[] widths = new int[HEADERS.size()];
    for (List<String> line : lines) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(Math.max(3, widths[c]), line.get(c).length());
      }
    }
    List<String> rule = new ArrayList<>();
    for (int c = 0; c < widths.length; c++) {
      String dashes = "-".repeat(widths[c] - 1);
      rule.add(c == 0 ? ":" + dashes : dashes + ":");
    }
    lines.add(1, rule);
    StringBuilder out = new StringBuilder();
    for (List<String> line : lines) {
      out.append('|');
      for (int c = 0; c < widths.length; c++) {
        String space = " ".repeat(widths[c] - line.get(c).length());
        out.append(' ').append(c == 0 ? line.get(c) + space : space + line.get(c)).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  static String decimal(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
  }
}
