package io.evomerge.report;

import java.util.ArrayList;
import java.util.List;

/** A table of text cells rendered as a padded Markdown pipe table. Immutable. */
record TextGrid(List<String> headers, List<Boolean> rightAligned, List<List<String>> rows) {

  public TextGrid {
    headers = List.copyOf(headers);
    rightAligned = List.copyOf(rightAligned);
    rows = List.copyOf(rows);
    if (headers.size() != rightAligned.size()) {
      throw new IllegalArgumentException("one alignment per header is needed");
    }
  }

  public static TextGrid of(List<String> headers, List<Boolean> rightAligned) {
    return new TextGrid(headers, rightAligned, List.of());
  }

  public TextGrid withRow(List<String> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException(cells.size() + " cells where " + headers.size() + " columns");
    }
    List<List<String>> more = new ArrayList<>(rows);
    more.add(cells.stream().map(TextGrid::escape).toList());
    return new TextGrid(headers, rightAligned, more);
  }

  public String toMarkdown() {
    int[] widths = widths();
    StringBuilder out = new StringBuilder();
    line(out, headers, widths);
    rule(out, widths);
    for (List<String> row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private int[] widths() {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Math.max(3, headers.get(c).length());
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    return widths;
  }

  private void line(StringBuilder out, List<String> cells, int[] widths) {
    out.append('|');
    for (int c = 0; c < widths.length; c++) {
      out.append(' ').append(pad(cells.get(c), widths[c], rightAligned.get(c))).append(" |");
    }
    out.append('\n');
  }

  private void rule(StringBuilder out, int[] widths) {
    out.append('|');
    for (int c = 0; c < widths.length; c++) {
      String dashes = "-".repeat(widths[c] - 1);
      out.append(' ').append(rightAligned.get(c) ? dashes + ":" : ":" + dashes).append(" |");
    }
    out.append('\n');
  }

  private static String pad(String text, int width, boolean right) {
    String space = " ".repeat(width - text.length());
    return right ? space + text : text + space;
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|").replace("\n", " ");
  }
}
