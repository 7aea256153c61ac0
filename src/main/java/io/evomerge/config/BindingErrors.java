package io.evomerge.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's binding failures into {@link InvalidConfig}s that name the dotted key path, the value and what is allowed. A record's compact constructor reports {@code key:
 * value requirement} (see {@link io.evomerge.config.Check}); Jackson's path tells which section
 * that record is, so the two together give the full key path. Stateless.
 */
final class BindingErrors {

  private static final Pattern KEYED = Pattern.compile("([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)*): (.*)", Pattern.DOTALL);

  private BindingErrors() {}

  static InvalidConfig translate(JsonMappingException e, ConfigTree tree) {
    String path = dotted(e.getPath());
    IllegalArgumentException invalid = findInvalid(e);
    if (invalid != null) {
      return keyed(path, String.valueOf(invalid.getMessage()), tree, e);
    }
    String keyPath = path;
    JsonNode node = tree.at(keyPath);
    String value = node == null ? "the value" : ConfigTree.show(node);
    String expected = e instanceof MismatchedInputException m && m.getTargetType() != null
        ? describe(m.getTargetType()) : "valid here";
    return new InvalidConfig(keyPath, value + " must be " + expected, e);
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

  static String dotted(List<JsonMappingException.Reference> references) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference r : references) {
      if (r.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
      }
    }
    return out.toString();
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
    return List.class.isAssignableFrom(type) ? "a list" : "a mapping";
  }
}
