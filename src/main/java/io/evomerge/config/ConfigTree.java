package io.evomerge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * The configuration as a tree while it is assembled: the defaults, with the file and then each
 * {@code --set} laid over them. Every key laid over must exist in the defaults and have the same
 * shape (mapping, list or value); errors of shape name the source laid over. Not thread-safe;
 * used by one loader call.
 */
final class ConfigTree {

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
          + String.join(", ", KeyNames.fieldNames(root)));
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
      throw BindingErrors.translate(e, this);
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
      throw new ConfigException(source, path, KeyNames.unknown(key, KeyNames.fieldNames(parent)));
    }
    return next;
  }

  private void mergeObject(ObjectNode target, JsonNode layer, String path, String source) {
    if (!layer.isObject()) {
      throw new ConfigException(source, path, show(layer) + " must be a mapping with the keys "
          + String.join(", ", KeyNames.fieldNames(target)));
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
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isNumber()) {
      return "a number";
    }
    if (node.isBoolean()) {
      return "true or false";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.isTextual() ? "a string" : "a single value";
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
}
