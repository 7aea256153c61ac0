package io.evomerge.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExampleReaderTest {

  private static List<Example> read(String text) {
    return ExampleReader.of().read(stream(text), "tasks/dev.jsonl");
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static DataFileException failure(String text) {
    return assertThrows(DataFileException.class, () -> read(text));
  }

  @Test
  void readsEveryFieldOfAValidLineInFileOrder() {
    List<Example> examples = read("""
        {"id": "b", "instruction": "Sentiment?", "input": "Great film.", "output": "positive", "options": ["positive", "negative"]}
        {"id": "a", "input": "Dull.", "output": "negative", "options": ["positive", "negative"]}
        """);
    assertEquals(List.of(
        new Example("b", "Sentiment?", "Great film.", "positive", List.of("positive", "negative")),
        new Example("a", "", "Dull.", "negative", List.of("positive", "negative"))), examples);
  }

  @Test
  void acceptsTargetAsAliasOfOutputAndIgnoresBlankLinesAndUnknownKeys() {
    List<Example> examples = read("""

        {"id": 7, "input": "x", "target": "no", "options": ["yes", "no"], "history": []}
           
        """);
    assertEquals(List.of(new Example("7", "", "x", "no", List.of("yes", "no"))), examples);
  }

  @Test
  void readsWindowsLineEndsAndAByteOrderMark() {
    List<Example> examples = read("\uFEFF{\"id\": \"1\", \"output\": \"a\", \"options\": [\"a\", \"b\"]}\r\n"
        + "{\"id\": \"2\", \"output\": \"b\", \"options\": [\"a\", \"b\"]}\r\n");
    assertEquals(List.of("1", "2"), examples.stream().map(Example::id).toList());
  }

  @Test
  void linesWithoutOptionsGetTheSortedDistinctOutputsOfTheWholeFile() {
    List<Example> examples = read("""
        {"id": "1", "input": "x", "output": "sports"}
        {"id": "2", "input": "y", "output": "business", "options": ["business", "sports", "art"]}
        {"id": "3", "input": "z", "output": "politics"}
        """);
    assertEquals(List.of("business", "politics", "sports"), examples.get(0).options());
    assertEquals(List.of("business", "sports", "art"), examples.get(1).options());
    assertEquals(List.of("business", "politics", "sports"), examples.get(2).options());
  }

  @Test
  void reportsEachBadLineWithSourceLineNumberAndWhatIsWrong() {
    DataFileException e = failure("""
        {"id": "1", "input": "ok", "output": "a", "options": ["a", "b"]}
        this is not json
        ["an", "array"]
        {"input": "no id", "output": "a", "options": ["a", "b"]}
        {"id": "  ", "output": "a", "options": ["a", "b"]}
        {"id": "6", "input": "no output", "options": ["a", "b"]}
        {"id": "7", "output": "c", "options": ["a", "b"]}
        {"id": "8", "output": "a", "options": ["a"]}
        {"id": "1", "output": "a", "options": ["a", "b"]}
        """);
    List<String> problems = e.problems().stream().map(DataProblem::toString).toList();
    assertEquals(8, problems.size(), e.getMessage());
    assertTrue(problems.get(0).startsWith("tasks/dev.jsonl:2: not valid JSON"), problems.get(0));
    assertEquals("tasks/dev.jsonl:3: expected a JSON object, found array", problems.get(1));
    assertEquals("tasks/dev.jsonl:4: missing \"id\" (expected a non-empty string)", problems.get(2));
    assertEquals("tasks/dev.jsonl:5: empty \"id\" (expected a non-empty string)", problems.get(3));
    assertTrue(problems.get(4).startsWith("tasks/dev.jsonl:6: missing \"output\""), problems.get(4));
    assertEquals("tasks/dev.jsonl:7: \"output\" \"c\" is not among the options [a, b]", problems.get(5));
    assertEquals("tasks/dev.jsonl:8: fewer than 2 options (found 1)", problems.get(6));
    assertEquals("tasks/dev.jsonl:9: duplicate id \"1\" (first on line 1)", problems.get(7));
    assertFalse(e.truncated());
    problems.forEach(problem -> assertTrue(e.getMessage().contains(problem)));
  }

  @Test
  void rejectsValuesOfTheWrongType() {
    DataFileException e = failure("""
        {"id": "1", "input": 3, "output": "a", "options": ["a", "b"]}
        {"id": "2", "output": "a", "options": "a,b"}
        {"id": "3", "output": "a", "options": ["a", 2]}
        {"id": "4", "output": "a", "options": ["a", "a"]}
        {"id": "5", "output": "a", "target": "b", "options": ["a", "b"]}
        {"id": "6", "output": "a", "options": ["a", "b"]} trailing
        {"id": "7", "id": "8", "output": "a", "options": ["a", "b"]}
        """);
    List<String> problems = e.problems().stream().map(DataProblem::toString).toList();
    assertEquals(List.of(
        "tasks/dev.jsonl:1: \"input\" must be a string, found number",
        "tasks/dev.jsonl:2: \"options\" must be an array of strings, found string",
        "tasks/dev.jsonl:3: options[1] must be a string, found number",
        "tasks/dev.jsonl:4: duplicate option \"a\"",
        "tasks/dev.jsonl:5: \"output\" and its alias \"target\" are both given and differ"),
        problems.subList(0, 5));
    assertTrue(problems.get(5).startsWith("tasks/dev.jsonl:6: not valid JSON"), problems.get(5));
    assertTrue(problems.get(6).startsWith("tasks/dev.jsonl:7: not valid JSON: Duplicate field 'id'"),
        problems.get(6));
  }

  @Test
  void anEmptyFileIsAnError() {
    DataFileException e = failure("\n  \n");
    assertEquals(List.of(DataProblem.ofFile("tasks/dev.jsonl",
        "no examples (the file is empty or has only blank lines)")), e.problems());
  }

  @Test
  void linesWithoutOptionsNeedAtLeastTwoDistinctOutputsInTheFile() {
    DataFileException e = failure("""
        {"id": "1", "output": "a"}
        {"id": "2", "output": "a"}
        """);
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).toString().startsWith("tasks/dev.jsonl:1: no \"options\" given"));
  }

  @Test
  void stopsAtTheProblemLimitAndSaysSo() {
    String text = IntStream.rangeClosed(1, 50).mapToObj(i -> "bad " + i).collect(Collectors.joining("\n"));
    DataFileException e = failure(text);
    assertEquals(ExampleReader.DEFAULT_MAX_PROBLEMS, e.problems().size());
    assertEquals(20, e.problems().get(19).line());
    assertTrue(e.truncated());
    assertTrue(e.getMessage().contains("stopped after 20 problems"), e.getMessage());

    DataFileException three = assertThrows(DataFileException.class,
        () -> ExampleReader.of().withMaxProblems(3).read(stream(text), "f"));
    assertEquals(3, three.problems().size());
  }

  @Test
  void reportsInvalidUtf8WithItsLine() {
    byte[] bytes = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    String ok = "{\"id\": \"1\", \"output\": \"a\", \"options\": [\"a\", \"b\"]}\n";
    byte[] all = new byte[ok.length() + bytes.length];
    System.arraycopy(ok.getBytes(StandardCharsets.US_ASCII), 0, all, 0, ok.length());
    System.arraycopy(bytes, 0, all, ok.length(), bytes.length);
    DataFileException e = assertThrows(DataFileException.class,
        () -> ExampleReader.of().read(new ByteArrayInputStream(all), "f.jsonl"));
    assertEquals("f.jsonl:2: not valid UTF-8 text", e.problems().get(0).toString());
  }

  @Test
  void countsLinesAcrossAFileLongerThanTheReadBuffer() {
    String valid = IntStream.range(0, 3000)
        .mapToObj(i -> "{\"id\": \"" + i + "\", \"output\": \"a\", \"options\": [\"a\", \"b\"]}\r\n")
        .collect(Collectors.joining());
    assertEquals(3000, read(valid).size());
    DataFileException e = failure(valid + "\n{\"id\": \"x\"}");
    assertEquals("tasks/dev.jsonl:3002: missing \"output\" (or its alias \"target\"): the expected answer",
        e.problems().get(0).toString());
  }

  @Test
  void refusesANonPositiveProblemLimit() {
    assertThrows(IllegalArgumentException.class, () -> ExampleReader.of().withMaxProblems(0));
  }
}
