package io.evomerge.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** One-line descriptions of YAML syntax errors, with the line and column. Stateless. */
final class YamlErrors {

  private YamlErrors() {}

  /** {@code line L, column C: problem (context)} for the syntax error {@code e}. */
  public static String describe(JsonProcessingException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof MarkedYAMLException y && y.getProblem() != null) {
        return at(y.getProblemMark()) + y.getProblem().strip() + context(y);
      }
    }
    JsonLocation location = e.getLocation();
    String where = location == null ? "" : "line " + location.getLineNr() + ", column "
        + location.getColumnNr() + ": ";
    return where + firstLine(e.getOriginalMessage());
  }

  private static String context(MarkedYAMLException y) {
    if (y.getContext() == null) {
      return "";
    }
    String where = y.getContextMark() == null || y.getContextMark().equals(y.getProblemMark())
        ? "" : " started at " + at(y.getContextMark()).replace(": ", "");
    return " (" + y.getContext().strip() + where + ")";
  }

  private static String at(Mark mark) {
    return mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
  }

  private static String firstLine(String text) {
    int newline = text == null ? -1 : text.indexOf('\n');
    return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
  }
}
