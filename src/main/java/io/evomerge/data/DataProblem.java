package io.evomerge.data;

import java.io.Serializable;
import java.util.Objects;

/**
 * One thing wrong with a data file: where it is and what is wrong. Immutable and thread-safe.
 *
 * @param source the file (path or URI) the problem is in
 * @param line 1-based line number, or 0 when the problem concerns the whole file
 * @param message what is wrong and what was expected
 */
public record DataProblem(String source, int line, String message) implements Serializable {

  public DataProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, was " + line);
    }
  }

  public static DataProblem ofFile(String source, String message) {
    return new DataProblem(source, 0, message);
  }

  @Override
  public String toString() {
    return line == 0 ? source + ": " + message : source + ":" + line + ": " + message;
  }
}
