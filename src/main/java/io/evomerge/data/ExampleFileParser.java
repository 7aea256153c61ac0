package io.evomerge.data;

import io.evomerge.data.LineParser.ParsedLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads one JSON Lines file, collecting its problems up to a limit. One instance per file: it
 * holds the state of a single pass and is not thread-safe.
 */
final class ExampleFileParser {

  private final String source;
  private final int maxProblems;
  private final List<DataProblem> problems = new ArrayList<>();
  private final List<ParsedLine> lines = new ArrayList<>();
  private final Map<String, Integer> firstLineById = new HashMap<>();

  private ExampleFileParser(String source, int maxProblems) {
    this.source = source;
    this.maxProblems = maxProblems;
  }

  /**
   * The examples of the file, in file order.
   *
   * @throws DataFileException listing every problem found, at most {@code maxProblems}
   * @throws UncheckedIOException when the stream itself fails
   */
  public static List<Example> parse(InputStream in, String source, int maxProblems) {
    return new ExampleFileParser(source, maxProblems).run(new Utf8Lines(in));
  }

  private List<Example> run(Utf8Lines reader) {
    readLines(reader);
    if (problems.isEmpty() && lines.isEmpty()) {
      problems.add(DataProblem.ofFile(source, "no examples (the file is empty or has only blank lines)"));
    }
    List<String> fileOptions = fileOptions();
    if (!problems.isEmpty()) {
      throw new DataFileException(problems, problems.size() >= maxProblems);
    }
    return lines.stream().map(line -> line.toExample(fileOptions)).toList();
  }

  private void readLines(Utf8Lines reader) {
    int number = 0;
    try {
      while (!full()) {
        number++;
        String text = nextLine(reader, number);
        if (text == null) {
          return;
        }
        accept(number, number == 1 ? stripByteOrderMark(text) : text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  private String nextLine(Utf8Lines reader, int number) throws IOException {
    try {
      return reader.next();
    } catch (CharacterCodingException e) {
      problems.add(new DataProblem(source, number, "not valid UTF-8 text"));
      return "";
    }
  }

  private void accept(int number, String text) {
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

  private static String stripByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
