package io.evomerge.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the configuration: the built-in defaults ({@link EvoMergeConfig#defaults()}), the YAML
 * file laid over them (a missing key keeps its default, an unknown key is an error), then each
 * {@code --set key.path=value} in order (the value is read as a YAML scalar or flow value, such as
 * {@code 7}, {@code evo-merging} or {@code [lorahub, uniform]}). Every failure is a {@link
 * ConfigException} whose message names the file (or the {@code --set}), the key path, the value
 * and what is allowed. Stateless and thread-safe.
 *
 * <p>The file may be any Hadoop location, or a name shipped with {@code spark-submit --files}
 * ({@link ConfigFile#find}). A relative path the file gives for one of {@link #FILE_RELATIVE_KEYS}
 * is resolved against the file's own folder; a relative path given with {@code --set}, or kept
 * from the defaults, stays relative to the working directory.
 */
public final class ConfigLoader {

  /** What errors name when no file was given. */
  public static final String BUILT_IN = "built-in defaults";

  private static final Pattern KEY_PATH = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*");

  public static final List<String> FILE_RELATIVE_KEYS =
      List.of("data.fitness", "data.test", "service.embedded.repository");

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

  public static EvoMergeConfig load(ConfigFile file, List<String> overrides) {
    JsonNode document = readTree(file.text(), file.source());
    if (document instanceof ObjectNode root) {
      for (String key : FILE_RELATIVE_KEYS) {
        resolveAgainst(root, key.split("\\."), 0, file);
      }
    }
    return resolve(document, file.source(), overrides);
  }

  public static EvoMergeConfig load(List<String> overrides) {
    return resolve(null, BUILT_IN, overrides);
  }

  /** The configuration in the YAML {@code text}, which errors call {@code source}. */
  public static EvoMergeConfig parse(String text, String source, List<String> overrides) {
    return resolve(readTree(text, source), source, overrides);
  }

  /** {@code config} as YAML, every key present; it holds no secrets (only where keys are read). */
  public static String toYaml(EvoMergeConfig config) {
    try {
      return ConfigMapper.mapper().writeValueAsString(toTree(config));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the configuration as YAML", e);
    }
  }

  public static ObjectNode toTree(EvoMergeConfig config) {
    return ConfigMapper.mapper().valueToTree(config);
  }

  private static EvoMergeConfig resolve(JsonNode document, String source, List<String> overrides) {
    List<Layer> layers = new ArrayList<>();
    layers.add(tree -> tree.overlay(document, source));
    for (String override : overrides) {
      layers.add(override(override));
    }
    List<String> sources = new ArrayList<>();
    sources.add(source);
    overrides.forEach(o -> sources.add("--set " + o));
    try {
      return assemble(layers, layers.size()).bind();
    } catch (ConfigTree.InvalidConfig problem) {
      throw problem.from(sources.get(firstLayerWith(problem, layers)));
    }
  }

  /**
   * The index of the first layer after which the configuration has {@code problem}: the file, or
   * the {@code --set} that broke it. Blames the last layer when no shorter prefix shows it.
   */
  private static int firstLayerWith(ConfigTree.InvalidConfig problem, List<Layer> layers) {
    for (int count = 1; count < layers.size(); count++) {
      try {
        assemble(layers, count).bind();
      } catch (ConfigTree.InvalidConfig earlier) {
        if (earlier.sameAs(problem)) {
          return count - 1;
        }
      }
    }
    return layers.size() - 1;
  }

  private static ConfigTree assemble(List<Layer> layers, int count) {
    ConfigTree tree = new ConfigTree(toTree(EvoMergeConfig.defaults()));
    for (Layer layer : layers.subList(0, count)) {
      layer.applyTo(tree);
    }
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
    JsonNode value = readValue(override.substring(eq + 1), source, key);
    return tree -> tree.set(key, value, source);
  }

  private interface Layer {
    void applyTo(ConfigTree tree);
  }

  private static JsonNode readValue(String text, String source, String key) {
    if (text.isBlank()) {
      return TextNode.valueOf("");
    }
    try {
      return ConfigMapper.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, key, "the value is not a YAML value (quote it?): "
          + ConfigMapper.describe(e), e);
    }
  }

  private static void resolveAgainst(ObjectNode node, String[] path, int index, ConfigFile file) {
    JsonNode child = node.get(path[index]);
    if (index == path.length - 1) {
      if (child != null && child.isTextual()) {
        node.put(path[index], file.resolve(child.asText()));
      }
    } else if (child instanceof ObjectNode object) {
      resolveAgainst(object, path, index + 1, file);
    }
  }

  private static JsonNode readTree(String text, String source) {
    try {
      return ConfigMapper.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, "", "not valid YAML: " + ConfigMapper.describe(e), e);
    }
  }
}
