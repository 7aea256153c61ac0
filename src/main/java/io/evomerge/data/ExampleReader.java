package io.evomerge.data;

import io.evomerge.data.LineParser.ParsedLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
 * <p>Lines end at {@code \n} or {@code \r\n}, and each is decoded strictly as UTF-8 on its own, so
 * that a malformed byte is reported on its line. Every bad line is reported with the source name,
 * its line number and what is wrong; the reader keeps going until it has found {@code maxProblems}
 * problems ({@link #withMaxProblems}) and then throws one {@link DataFileException} listing them
 * all. Immutable and thread-safe.
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
    try {
      return new Pass(source).run(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  public List<Example> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (NoSuchFileException e) {
      throw DataFileException.of(DataProblem.ofFile(file.toString(), "no such file"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** One pass over one file: the state of a single read, not thread-safe. */
  private final class Pass {

    private final String source;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final List<DataProblem> problems = new ArrayList<>();
    private final List<ParsedLine> lines = new ArrayList<>();
    private final Map<String, Integer> firstLineById = new HashMap<>();

    Pass(String source) {
      this.source = source;
    }

    List<Example> run(InputStream in) throws IOException {
      byte[] buffer = new byte[64 * 1024];
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int number = 0;
      for (int n = in.read(buffer); n > 0 && !full(); n = in.read(buffer)) {
        int start = 0;
        for (int i = 0; i < n && !full(); i++) {
          if (buffer[i] == '\n') {
            line.write(buffer, start, i - start);
            accept(++number, line.toByteArray());
            line.reset();
            start = i + 1;
          }
        }
        line.write(buffer, start, n - start);
      }
      if (line.size() > 0 && !full()) {
        accept(++number, line.toByteArray());
      }
      if (problems.isEmpty() && lines.isEmpty()) {
        problems.add(DataProblem.ofFile(source, "no examples (the file is empty or has only blank lines)"));
      }
      List<String> fileOptions = fileOptions();
      if (!problems.isEmpty()) {
        throw new DataFileException(problems, full());
      }
      return lines.stream().map(parsed -> parsed.toExample(fileOptions)).toList();
    }

    private void accept(int number, byte[] bytes) {
      int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
      String text;
      try {
        text = utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
      } catch (CharacterCodingException e) {
        problems.add(new DataProblem(source, number, "not valid UTF-8 text"));
        return;
      }
      if (number == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      if (text.isBlank()) {
        return;
      }
      try {
        remember(LineParser.parse(number, text));
      } catch (LineParser.LineException e) {
        problems.add(new DataProblem(source, number, e.getMessage()));
      }
    }

    private void remember(ParsedLine line) {
      Integer first = firstLineById.putIfAbsent(line.id(), line.line());
      if (first != null) {
        problems.add(new DataProblem(source, line.line(),
            "duplicate id " + LineParser.quote(line.id()) + " (first on line " + first + ")"));
        return;
      }
      lines.add(line);
    }

    private List<String> fileOptions() {
      List<String> outputs = List.copyOf(new TreeSet<>(lines.stream().map(ParsedLine::output).toList()));
      ParsedLine firstWithout = lines.stream().filter(line -> line.options() == null).findFirst().orElse(null);
      if (firstWithout != null && outputs.size() < 2 && !full()) {
        problems.add(new DataProblem(source, firstWithout.line(), "no \"options\" given, and the file has "
            + outputs.size() + " distinct output(s); lines without options need at least 2 in the file"));
      }
      return outputs;
    }

    private boolean full() {
      return problems.size() >= maxProblems;
    }
  }
}
