package io.evomerge.report;

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

  public static ComparisonTable of(List<ComparisonRow> rows) {
    return new ComparisonTable(rows);
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
   * A Markdown pipe table with padded columns, readable as plain text on a console. Text
   * columns are left-aligned, numbers right-aligned; a {@code |} inside a cell is escaped.
   */
  public String toMarkdown() {
    TextGrid grid = TextGrid.of(HEADERS, List.of(false, true, true, true, true));
    for (int i = 0; i < rows.size(); i++) {
      grid = grid.withRow(cells(i));
    }
    return grid.toMarkdown();
  }

  static String decimal(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
  }
}
