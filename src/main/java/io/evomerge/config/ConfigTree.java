package io.evomerge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.evomerge.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration as a tree while it is assembled: the defaults, with the file and then each
 * {@code --set} laid over them. Every key laid over must exist in the defaults and have the same
 * shape (mapping, list or value); errors of shape name the source laid over. Not thread-safe;
 * used by one loader call.
 */
final class ConfigTree {

  private static final Pattern KEYED =
      Pattern.compile("([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)*): (.*)", Pattern.DOTALL);

  private final ObjectNode root;

  public ConfigTree(ObjectNode defaults) {
    this.root = defaults.deepCopy();
  }

  public void overlay(JsonNode layer, String source) {
    if (layer == null || layer.isMissingNode() || layer.isNull()) {
      return;
    }
    if (!layer.isObject()) {
      throw new ConfigException(source, "", "the document must be a mapping of the sections "
          + String.join(", ", fieldNames(root)));
    }
    mergeObject(root, layer, "", source);
  }

  public void set(String path, JsonNode value, String source) {
    String[] keys = path.split("\\.", -1);
    ObjectNode parent = root;
    String at = "";
    for (int i = 0; i < keys.length - 1; i++) {
      at = join(at, keys[i]);
      JsonNode next = child(parent, keys[i], at, source);
      if (!next.isObject()) {
        throw new ConfigException(source, at, "is a single value and has no key '" + keys[i + 1] + "'");
      }
      parent = (ObjectNode) next;
    }
    String last = keys[keys.length - 1];
    child(parent, last, join(at, last), source);
    mergeField(parent, last, value, join(at, last), source);
  }

  /**
   * The configuration the tree describes.
   *
   * @throws InvalidConfig naming the key at fault, but not the source: the loader tells which
   *     layer made the configuration invalid
   */
  public EvoMergeConfig bind() {
    try {
      return ConfigMapper.mapper().treeToValue(root, EvoMergeConfig.class);
    } catch (JsonMappingException e) {
      throw translate(e, this);
    } catch (JsonProcessingException e) {
      throw new InvalidConfig("", e.getOriginalMessage(), e);
    }
  }

  /** The node at the dotted {@code keyPath} (list indices as {@code [i]}), or null. */
  JsonNode at(String keyPath) {
    JsonNode node = root;
    for (String key : keyPath.isEmpty() ? new String[0] : keyPath.split("\\.")) {
      int bracket = key.indexOf('[');
      node = node.path(bracket < 0 ? key : key.substring(0, bracket));
      if (bracket >= 0) {
        node = node.path(Integer.parseInt(key.substring(bracket + 1, key.length() - 1)));
      }
    }
    return node.isMissingNode() ? null : node;
  }

  private JsonNode child(ObjectNode parent, String key, String path, String source) {
    JsonNode next = parent.get(key);
    if (next == null) {
      throw new ConfigException(source, path, unknown(key, fieldNames(parent)));
    }
    return next;
  }

  private void mergeObject(ObjectNode target, JsonNode layer, String path, String source) {
    if (!layer.isObject()) {
      throw new ConfigException(source, path, show(layer) + " must be a mapping with the keys "
          + String.join(", ", fieldNames(target)));
    }
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) layer::fields) {
      String at = join(path, field.getKey());
      child(target, field.getKey(), at, source);
      mergeField(target, field.getKey(), field.getValue(), at, source);
    }
  }

  private void mergeField(ObjectNode parent, String key, JsonNode value, String path, String source) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return; // an empty value keeps the default
    }
    JsonNode current = parent.get(key);
    if (current.isObject()) {
      mergeObject((ObjectNode) current, value, path, source);
      return;
    }
    parent.set(key, conform(current, value, path, source));
  }

  private static JsonNode conform(JsonNode current, JsonNode value, String path, String source) {
    String expected = expected(current);
    boolean fits;
    if (current.isIntegralNumber()) {
      fits = value.isIntegralNumber() && (current.isLong() || value.canConvertToInt());
      if (value.isIntegralNumber() && !fits) {
        expected = "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
      }
    } else if (current.isNumber()) {
      fits = value.isNumber();
    } else if (current.isBoolean()) {
      fits = value.isBoolean();
    } else if (current.isTextual()) {
      fits = value.isValueNode();
      value = fits && !value.isTextual() ? TextNode.valueOf(value.asText()) : value;
    } else {
      fits = current.isArray() ? value.isArray() || value.isValueNode() : value.isValueNode();
    }
    if (!fits) {
      throw new ConfigException(source, path, show(value) + " must be " + expected);
    }
    return value;
  }

  private static String expected(JsonNode node) {
    return node.isTextual() ? "a string" : describe(node.isIntegralNumber() ? long.class : node.isNumber()
        ? double.class : node.isBoolean() ? boolean.class : node.isArray() ? List.class : Object.class);
  }

  /** A value as error messages show it. */
  static String show(JsonNode node) {
    if (node.isTextual()) {
      return Check.show(node.asText());
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return node.isArray() ? "the list " + node : node.asText();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /**
   * Jackson's binding failure as an {@link InvalidConfig} naming the dotted key path, the value and
   * what is allowed: a record's compact constructor reports {@code key: value requirement} ({@link
   * Check}), and Jackson's path tells which section that record is.
   */
  static InvalidConfig translate(JsonMappingException e, ConfigTree tree) {
    String path = Json.path(e);
    IllegalArgumentException invalid = findInvalid(e);
    if (invalid != null) {
      return keyed(path, String.valueOf(invalid.getMessage()), tree, e);
    }
    JsonNode node = tree.at(path);
    String value = node == null ? "the value" : show(node);
    String expected = e instanceof MismatchedInputException m && m.getTargetType() != null
        ? describe(m.getTargetType()) : "valid here";
    return new InvalidConfig(path, value + " must be " + expected, e);
  }

  private static InvalidConfig keyed(String path, String message, ConfigTree tree, Exception e) {
    Matcher m = KEYED.matcher(message);
    String keyPath = path;
    String detail = message;
    if (m.matches()) {
      keyPath = path.isEmpty() ? m.group(1) : path + "." + m.group(1);
      detail = asWritten(m.group(2), tree.at(keyPath));
    }
    return new InvalidConfig(keyPath, detail, e);
  }

  private static String asWritten(String detail, JsonNode node) {
    int space = detail.indexOf(' ');
    if (node == null || !node.isNumber() || space < 0) {
      return detail;
    }
    try {
      double shown = Double.parseDouble(detail.substring(0, space));
      return shown == node.asDouble() ? node.asText() + detail.substring(space) : detail;
    } catch (NumberFormatException e) {
      return detail;
    }
  }

  private static IllegalArgumentException findInvalid(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IllegalArgumentException iae) {
        return iae;
      }
      if (c instanceof NullPointerException npe) {
        return new IllegalArgumentException(npe.getMessage() + ": a value is required");
      }
    }
    return null;
  }

  private static String describe(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Object.class) {
      return "a single value";
    }
    return List.class.isAssignableFrom(type) ? "a list" : "a mapping";
  }

  /** The allowed key closest to {@code wrong} (same letters ignoring case, or two edits away). */
  static String closest(String wrong, List<String> allowed) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : allowed) {
      int d = candidate.equalsIgnoreCase(wrong) ? 0 : distance(
          wrong.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= 2 ? best : null;
  }

  static String unknown(String wrong, List<String> allowed) {
    String guess = closest(wrong, allowed);
    return "unknown key" + (guess == null ? "" : ", did you mean '" + guess + "'?")
        + " (allowed here: " + String.join(", ", allowed) + ")";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * A configuration tree that does not bind: the key path and what is wrong, not yet where it came
   * from (the loader finds the layer, file or {@code --set}, that made it invalid).
   */
  static final class InvalidConfig extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String keyPath;
    private final String detail;

    InvalidConfig(String keyPath, String detail, Throwable cause) {
      super(keyPath + ": " + detail, cause);
      this.keyPath = keyPath;
      this.detail = detail;
    }

    public ConfigException from(String source) {
      return new ConfigException(source, keyPath, detail, getCause());
    }

    public boolean sameAs(InvalidConfig other) {
      return keyPath.equals(other.keyPath) && detail.equals(other.detail);
    }
  }
}
