package io.evomerge.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.evomerge.protocol.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Reads the configuration: the built-in defaults ({@link EvoMergeConfig#defaults()}) as a tree, the
 * YAML file laid over them, then each {@code --set key.path=value} in order (the value is read as
 * a YAML scalar or flow value, such as {@code 7}, {@code evo-merging} or {@code [lorahub,
 * uniform]}); Jackson then binds the tree to the records. A missing or empty key keeps its default;
 * a key laid over must exist in the defaults, and a mapping stays a mapping. Every failure is a
 * {@link ConfigException} whose message names the file (or the {@code --set}), the key path, the
 * value and what is allowed; a value that fails to bind is blamed on the first layer after which
 * it fails. Stateless and thread-safe.
 *
 * <p>The file may be any Hadoop location, or a name shipped with {@code spark-submit --files}
 * ({@link ConfigFile#find}). A relative path the file gives for one of {@link #FILE_RELATIVE_KEYS}
 * is resolved against the file's own folder; a relative path given with {@code --set}, or kept
 * from the defaults, stays relative to the working directory.
 */
public final class ConfigLoader {

  /** What errors name when no file was given. */
  public static final String BUILT_IN = "built-in defaults";

  public static final List<String> FILE_RELATIVE_KEYS =
      List.of("data.fitness", "data.test", "service.embedded.repository");

  private static final String KEY = "[A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z][A-Za-z0-9_]*)*";
  private static final Pattern KEY_PATH = Pattern.compile(KEY);
  /** A record's failure as {@link Check} words it: {@code key: value requirement}. */
  private static final Pattern KEYED = Pattern.compile("(" + KEY + "): (.*)", Pattern.DOTALL);
  /** What a value of a scalar type must be, as errors say it. */
  private static final Map<Class<?>, String> EXPECTED = Map.of(int.class, "an integer",
      Integer.class, "an integer", long.class, "an integer", Long.class, "an integer",
      double.class, "a number", Double.class, "a number", boolean.class, "true or false",
      Boolean.class, "true or false", String.class, "a string");

  private ConfigLoader() {}

  public static EvoMergeConfig load(Path file, List<String> overrides) {
    return load(ConfigFile.local(file), overrides);
  }

  /**
   * The configuration at {@code location} (a path, a Hadoop URI, or a file name shipped with
   * {@code --files}; see {@link ConfigFile#find}) with {@code overrides} applied.
   */
  public static EvoMergeConfig load(String location, List<String> overrides) {
    return load(ConfigFile.find(location), overrides);
  }

  public static EvoMergeConfig load(List<String> overrides) {
    return resolve(null, BUILT_IN, overrides);
  }

  /** The configuration in the YAML {@code text}, which errors call {@code source}. */
  public static EvoMergeConfig parse(String text, String source, List<String> overrides) {
    return resolve(readTree(text, source, ""), source, overrides);
  }

  /** {@code config} as YAML, every key present; it holds no secrets (only where keys are read). */
  public static String toYaml(EvoMergeConfig config) {
    try {
      return ConfigMapper.MAPPER.writeValueAsString(toTree(config));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the configuration as YAML", e);
    }
  }

  public static ObjectNode toTree(EvoMergeConfig config) {
    return ConfigMapper.MAPPER.valueToTree(config);
  }

  private static EvoMergeConfig load(ConfigFile file, List<String> overrides) {
    JsonNode document = readTree(file.text(), file.source(), "");
    for (String key : FILE_RELATIVE_KEYS) {
      JsonPointer at = pointer(key);
      String name = at.last().getMatchingProperty();
      if (document.at(at.head()) instanceof ObjectNode parent && parent.path(name).isTextual()) {
        parent.put(name, file.resolve(parent.get(name).asText()));
      }
    }
    return resolve(document, file.source(), overrides);
  }

  /** A file or a {@code --set}, and what it lays over the tree. */
  private record Layer(String source, Consumer<ObjectNode> apply) {}

  private static EvoMergeConfig resolve(JsonNode document, String source, List<String> overrides) {
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer(source, tree -> overlay(tree, document, source)));
    overrides.forEach(override -> layers.add(override(override)));
    ObjectNode tree = assemble(layers, layers.size());
    try {
      return bind(tree);
    } catch (ConfigException problem) {
      throw new ConfigException(blame(problem, layers), problem.keyPath(), problem.detail(),
          problem.getCause());
    }
  }

  /**
   * The source of the first layer after which the tree fails to bind with {@code problem}: the
   * file, or the {@code --set} that broke it; the last layer when no shorter prefix shows it.
   */
  private static String blame(ConfigException problem, List<Layer> layers) {
    for (int count = 1; count < layers.size(); count++) {
      try {
        bind(assemble(layers, count));
      } catch (ConfigException earlier) {
        if (earlier.getMessage().equals(problem.getMessage())) {
          return layers.get(count - 1).source();
        }
      }
    }
    return layers.get(layers.size() - 1).source();
  }

  private static ObjectNode assemble(List<Layer> layers, int count) {
    ObjectNode tree = toTree(EvoMergeConfig.defaults());
    layers.subList(0, count).forEach(layer -> layer.apply().accept(tree));
    return tree;
  }

  /** The {@code --set key.path=value} {@code override} as a layer; checks its form at once. */
  private static Layer override(String override) {
    String source = "--set " + override;
    int eq = override.indexOf('=');
    if (eq < 0) {
      throw new ConfigException(source, "", "expected KEY=VALUE, for example --set search.seed=7");
    }
    String key = override.substring(0, eq).trim();
    if (!KEY_PATH.matcher(key).matches()) {
      throw new ConfigException(source, "", Check.show(key)
          + " is not a key path; expected KEY=VALUE, for example --set search.stage1.popSize=10");
    }
    String text = override.substring(eq + 1);
    JsonNode value = text.isBlank() ? TextNode.valueOf("") : readTree(text, source, key);
    return new Layer(source, tree -> set(tree, key, value, source));
  }

  /** The YAML {@code text} of a file, or of the value of {@code --set key=...} when {@code key} is set. */
  private static JsonNode readTree(String text, String source, String key) {
    try {
      return ConfigMapper.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, key, (key.isEmpty() ? "not valid YAML: "
          : "the value is not a YAML value (quote it?): ") + ConfigMapper.describe(e), e);
    }
  }

  private static void overlay(ObjectNode tree, JsonNode layer, String source) {
    if (layer == null || layer.isMissingNode() || layer.isNull()) {
      return;
    }
    if (!layer.isObject()) {
      throw new ConfigException(source, "", "the document must be a mapping of the sections "
          + String.join(", ", fieldNames(tree)));
    }
    mergeObject(tree, layer, "", source);
  }

  private static void set(ObjectNode tree, String path, JsonNode value, String source) {
    String[] keys = path.split("\\.");
    ObjectNode parent = tree;
    String at = "";
    for (int i = 0; i < keys.length - 1; i++) {
      at = join(at, keys[i]);
      JsonNode next = child(parent, keys[i], at, source);
      if (!next.isObject()) {
        throw new ConfigException(source, at, "is a single value and has no key '" + keys[i + 1] + "'");
      }
      parent = (ObjectNode) next;
    }
    mergeField(parent, keys[keys.length - 1], value, path, source);
  }

  private static void mergeObject(ObjectNode target, JsonNode layer, String path, String source) {
    if (!layer.isObject()) {
      throw new ConfigException(source, path, show(layer) + " must be a mapping with the keys "
          + String.join(", ", fieldNames(target)));
    }
    layer.fields().forEachRemaining(field ->
        mergeField(target, field.getKey(), field.getValue(), join(path, field.getKey()), source));
  }

  /** Lays {@code value} over the key; a value of the wrong type is left for the binding to name. */
  private static void mergeField(ObjectNode parent, String key, JsonNode value, String path, String source) {
    JsonNode current = child(parent, key, path, source);
    if (value.isNull() || value.isMissingNode()) {
      return; // an empty value keeps the default
    }
    if (current.isObject()) {
      mergeObject((ObjectNode) current, value, path, source);
    } else if (current.isArray() && value.isObject()) {
      throw new ConfigException(source, path, "a mapping must be a list");
    } else {
      parent.set(key, value);
    }
  }

  private static JsonNode child(ObjectNode parent, String key, String path, String source) {
    JsonNode next = parent.get(key);
    if (next == null) {
      List<String> allowed = fieldNames(parent);
      String guess = closest(key, allowed);
      throw new ConfigException(source, path, "unknown key" + (guess == null ? "" : ", did you mean '"
          + guess + "'?") + " (allowed here: " + String.join(", ", allowed) + ")");
    }
    return next;
  }

  /** The allowed key closest to {@code wrong} (same letters ignoring case, or two edits away). */
  private static String closest(String wrong, List<String> allowed) {
    Function<String, Integer> edits =
        key -> edits(wrong.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT));
    return allowed.stream().filter(key -> edits.apply(key) <= 2).min(Comparator.comparing(edits))
        .orElse(null);
  }

  /**
   * The Levenshtein distance of {@code a} and {@code b}. Our own, not Commons Text's: the job jar
   * runs {@code validate-config} without Spark's libraries on the class path.
   */
  private static int edits(String a, String b) {
    int[] previous = IntStream.rangeClosed(0, b.length()).toArray();
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      previous = current;
    }
    return previous[b.length()];
  }

  /**
   * The configuration the tree describes, or a {@link ConfigException} whose source is still empty
   * (the caller finds the layer to blame) naming the dotted key path, the value and what is allowed:
   * a record's compact constructor reports {@code key: value requirement} ({@link Check}), and
   * Jackson's path tells which section that record is.
   */
  private static EvoMergeConfig bind(ObjectNode tree) {
    try {
      return ConfigMapper.MAPPER.treeToValue(tree, EvoMergeConfig.class);
    } catch (JsonMappingException e) {
      String path = Json.path(e);
      IllegalArgumentException invalid = findInvalid(e);
      if (invalid != null) {
        Matcher m = KEYED.matcher(String.valueOf(invalid.getMessage()));
        if (!m.matches()) {
          throw new ConfigException("", path, String.valueOf(invalid.getMessage()), e);
        }
        String keyPath = join(path, m.group(1));
        throw new ConfigException("", keyPath, asWritten(m.group(2), tree.at(pointer(keyPath))), e);
      }
      JsonNode node = tree.at(pointer(path));
      String value = node.isMissingNode() ? "the value" : show(node);
      throw new ConfigException("", path, value + " must be " + expected(e), e);
    } catch (JsonProcessingException e) {
      throw new ConfigException("", "", e.getOriginalMessage(), e);
    }
  }

  private static String expected(JsonMappingException e) {
    if (e.getCause() instanceof InputCoercionException overflow) {
      boolean isInt = overflow.getTargetType() == Integer.TYPE || overflow.getTargetType() == Integer.class;
      return "an integer between " + (isInt ? Integer.MIN_VALUE + " and " + Integer.MAX_VALUE
          : Long.MIN_VALUE + " and " + Long.MAX_VALUE);
    }
    if (!(e instanceof MismatchedInputException m) || m.getTargetType() == null) {
      return "valid here";
    }
    Class<?> type = m.getTargetType();
    return EXPECTED.getOrDefault(type, List.class.isAssignableFrom(type) ? "a list" : "a mapping");
  }

  /** The number a record's message shows as the file wrote it ({@code 1.0}, not {@code 1}). */
  private static String asWritten(String detail, JsonNode node) {
    int space = detail.indexOf(' ');
    if (!node.isNumber() || space < 0) {
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

  /** A value as error messages show it. */
  private static String show(JsonNode node) {
    if (node.isTextual()) {
      return Check.show(node.asText());
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return node.isArray() ? "the list " + node : node.asText();
  }

  /** The pointer to a dotted key path whose list indices are written {@code [i]}. */
  private static JsonPointer pointer(String keyPath) {
    return JsonPointer.compile(keyPath.isEmpty() ? ""
        : "/" + keyPath.replace('.', '/').replace('[', '/').replace("]", ""));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
