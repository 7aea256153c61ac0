package io.evomerge.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses and checks one line of the example format ({@link Example}) on its own; checks that
 * need the whole file (duplicate ids, options from the file) are {@link ExampleReader}'s.
 * Stateless and thread-safe.
 */
final class LineParser {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private LineParser() {}

  /** The parsed line; throws {@link LineException} with what is wrong. */
  static ParsedLine parse(int line, String text) {
    JsonNode node = readJson(text);
    if (!node.isObject()) {
      throw new LineException("expected a JSON object, found " + kind(node));
    }
    String id = id(node);
    String output = output(node);
    List<String> options = options(node);
    if (options != null && !options.contains(output)) {
      throw new LineException("\"output\" " + quote(output) + " is not among the options " + options);
    }
    return new ParsedLine(line, id, optionalString(node, "instruction"),
        optionalString(node, "input"), output, options);
  }

  private static JsonNode readJson(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new LineException("not valid JSON: " + firstLine(e.getOriginalMessage()));
    }
  }

  private static String id(JsonNode node) {
    JsonNode id = present(node, "id");
    if (id == null) {
      throw new LineException("missing \"id\" (expected a non-empty string)");
    }
    if (!id.isTextual() && !id.isIntegralNumber()) {
      throw new LineException("\"id\" must be a string, found " + kind(id));
    }
    if (id.asText().isBlank()) {
      throw new LineException("empty \"id\" (expected a non-empty string)");
    }
    return id.asText();
  }

  private static String output(JsonNode node) {
    String output = optionalString(node, "output");
    String target = optionalString(node, "target");
    if (output != null && target != null && !output.equals(target)) {
      throw new LineException("\"output\" and its alias \"target\" are both given and differ");
    }
    if (output == null && target == null) {
      throw new LineException("missing \"output\" (or its alias \"target\"): the expected answer");
    }
    return output != null ? output : target;
  }

  private static List<String> options(JsonNode node) {
    JsonNode options = present(node, "options");
    if (options == null) {
      return null;
    }
    if (!options.isArray()) {
      throw new LineException("\"options\" must be an array of strings, found " + kind(options));
    }
    List<String> values = optionStrings(options);
    if (values.size() < 2) {
      throw new LineException("fewer than 2 options (found " + values.size() + ")");
    }
    return values;
  }

  private static List<String> optionStrings(JsonNode options) {
    List<String> values = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < options.size(); i++) {
      JsonNode option = options.get(i);
      if (!option.isTextual()) {
        throw new LineException("options[" + i + "] must be a string, found " + kind(option));
      }
      if (!seen.add(option.asText())) {
        throw new LineException("duplicate option " + quote(option.asText()));
      }
      values.add(option.asText());
    }
    return List.copyOf(values);
  }

  private static String optionalString(JsonNode node, String key) {
    JsonNode value = present(node, key);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw new LineException(quote(key) + " must be a string, found " + kind(value));
    }
    return value.asText();
  }

  private static JsonNode present(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value;
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  static String quote(String text) {
    return "\"" + text + "\"";
  }

  private static String firstLine(String message) {
    String text = message == null ? "unreadable" : message;
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }

  static final class LineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LineException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * One valid line of a JSON Lines file before its options are resolved. Immutable.
   *
   * @param line 1-based line number
   * @param instruction {@code null} when the line has none, as {@code input}
   * @param options the line's own options (unmodifiable), or {@code null} when the line has none
   */
  record ParsedLine(
      int line, String id, String instruction, String input, String output, List<String> options) {

    Example toExample(List<String> fileOptions) {
      return new Example(id, instruction, input, output, options == null ? fileOptions : options);
    }
  }
}
