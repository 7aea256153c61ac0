package io.evomerge.job.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A defensive filter for configuration trees written to outputs: every object key whose name
 * contains {@code apikey}, {@code api_key}, {@code api-key}, {@code secret}, {@code token} or
 * {@code password} (any case) is dropped with its value, at any depth, inside arrays too.
 * Stateless.
 */
final class SecretKeys {

  /** The key names that are never written. */
  static final Pattern SECRET = Pattern.compile("(?i)(api.?key|secret|token|password)");

  private SecretKeys() {}

  /** A deep copy of {@code tree} without secret-named keys; the input is not changed. */
  static JsonNode without(JsonNode tree) {
    JsonNode copy = tree.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.remove(secretNames(object));
      object.elements().forEachRemaining(SecretKeys::strip);
    } else if (node instanceof ArrayNode array) {
      array.elements().forEachRemaining(SecretKeys::strip);
    }
  }

  private static List<String> secretNames(ObjectNode object) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (SECRET.matcher(name).find()) {
        names.add(name);
      }
    }
    return names;
  }
}
