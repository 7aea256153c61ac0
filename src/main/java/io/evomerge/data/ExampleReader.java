package io.evomerge.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and validates example files in JSON Lines:
 * {@code {"id": ..., "instruction": ..., "input": ..., "output": ..., "options": [...]}}, one object
 * per line, UTF-8.
 *
 * <ul>
 *   <li>{@code id} is required, a non-empty string (an integer is accepted and read as text), and
 *       unique within the file;
 *   <li>{@code output} is required; {@code target} is accepted as its alias (if both are given they
 *       must be equal);
 *   <li>{@code instruction} and {@code input} are optional strings (missing means empty);
 *   <li>{@code options} is optional: an array of at least 2 distinct strings that contains
 *       {@code output}. A line without options gets the sorted (by {@link String#compareTo}) distinct
 *       outputs of the whole file as its options;
 *   <li>blank lines are ignored, other keys are ignored, a file without examples is an error.
 * </ul>
 *
 * <p>Every bad line is reported with the source name, its line number and what is wrong; the
 * reader keeps going until it has found {@code maxProblems} problems ({@link #withMaxProblems}) and then throws one {@link
 * DataFileException} listing them all. Immutable and thread-safe.
 */
public final class ExampleReader {

  public static final int DEFAULT_MAX_PROBLEMS = 20;

  private static final ExampleReader DEFAULT = new ExampleReader(DEFAULT_MAX_PROBLEMS);

  private final int maxProblems;

  private ExampleReader(int maxProblems) {
    if (maxProblems < 1) {
      throw new IllegalArgumentException("maxProblems must be >= 1, was " + maxProblems);
    }
    this.maxProblems = maxProblems;
  }

  public static ExampleReader of() {
    return DEFAULT;
  }

  /** A copy that stops after {@code maxProblems} problems (at least 1). */
  public ExampleReader withMaxProblems(int maxProblems) {
    return new ExampleReader(maxProblems);
  }

  /**
   * The examples of a stream, in file order. The stream is read to its end (or to the problem limit)
   * and not closed.
   *
   * @param source the name used in problem reports, usually the path or URI
   * @throws DataFileException when the data is invalid, with every problem found
   * @throws UncheckedIOException when reading the stream fails
   */
  public List<Example> read(InputStream in, String source) {
    return ExampleFileParser.parse(in, source, maxProblems);
  }

  public List<Example> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (java.nio.file.NoSuchFileException e) {
      throw DataFileException.of(DataProblem.ofFile(file.toString(), "no such file"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
