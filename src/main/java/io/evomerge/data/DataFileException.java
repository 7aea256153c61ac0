package io.evomerge.data;

import java.util.List;

/**
 * A data file could not be used: carries every problem found (up to the reader's limit), each
 * naming the file, the line and what is wrong. The message lists them one per line as
 * {@code file:line: problem}. Immutable.
 */
public final class DataFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<DataProblem> problems;
  private final boolean truncated;

  /**
   * @param problems at least one problem
   * @param truncated whether reading stopped at the limit, so more problems may exist
   */
  public DataFileException(List<DataProblem> problems, boolean truncated) {
    super(message(problems, truncated));
    this.problems = List.copyOf(problems);
    this.truncated = truncated;
  }

  public static DataFileException of(DataProblem problem) {
    return new DataFileException(List.of(problem), false);
  }

  /** The problems, in file order. */
  public List<DataProblem> problems() {
    return problems;
  }

  /** Whether reading stopped at the limit, so that the file may hold more problems. */
  public boolean truncated() {
    return truncated;
  }

  private static String message(List<DataProblem> problems, boolean truncated) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a DataFileException needs at least one problem");
    }
    StringBuilder text = new StringBuilder();
    text.append(problems.size() == 1 ? "invalid data file:" : problems.size() + " problems in data:");
    problems.forEach(problem -> text.append(System.lineSeparator()).append("  ").append(problem));
    if (truncated) {
      text.append(System.lineSeparator()).append("  (stopped after ")
          .append(problems.size()).append(" problems; there may be more)");
    }
    return text.toString();
  }
}
