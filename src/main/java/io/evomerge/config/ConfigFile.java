package io.evomerge.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A job configuration file found and read: its YAML text, the name errors call it by, and the
 * folder its relative data paths are resolved against. {@link #find} looks for a {@code --config}
 * location the way it may reach the driver in every deploy mode:
 *
 * <ol>
 *   <li>a URI with a scheme ({@code file://}, {@code hdfs://}, {@code s3a://}, ...) is read there,
 *       through Hadoop's FileSystem for schemes other than {@code file};
 *   <li>a plain path is read when it exists (relative to the working directory, where YARN also
 *       puts the files shipped with {@code --files});
 *   <li>a bare file name that does not exist here is looked up among the files shipped with
 *       {@code spark-submit --files} (the system properties {@code spark.files} and {@code
 *       spark.yarn.dist.files}, which Spark sets on the driver in every mode), and read from where
 *       that entry points: the submitting machine's path, or the upload location on Kubernetes.
 * </ol>
 *
 * <p>The folder of the file actually read is the base of its relative data paths, so a
 * configuration and the data beside it travel together. Immutable.
 *
 * @param source what errors call the file: the location given, or the shipped entry read
 * @param base the folder of the file read: an absolute local path, or a URI ending in {@code /}
 */
public record ConfigFile(String text, String source, String base) {

  /** A scheme of two characters or more (so that {@code C:\x} stays a path). */
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

  /** The system properties that list the files shipped with {@code --files}. */
  static final List<String> SHIPPED_FILES = List.of("spark.files", "spark.yarn.dist.files");

  public static ConfigFile local(Path file) {
    String source = file.toString();
    Path absolute = file.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    return new ConfigFile(readLocal(file, source), source, parent == null ? "/" : parent.toString());
  }

  public static ConfigFile find(String location) {
    return find(location, System.getProperties());
  }

  /** As {@link #find(String)}, with {@code properties} in place of the system properties. */
  static ConfigFile find(String location, Properties properties) {
    if (location.isBlank()) {
      throw new ConfigException("--config", "", "the location is empty");
    }
    if (hasScheme(location)) {
      return fromUri(location);
    }
    Path path = Path.of(location);
    if (Files.exists(path) || location.contains("/")) {
      return local(path);
    }
    String shipped = shipped(location, properties);
    if (shipped != null) {
      return hasScheme(shipped) ? fromUri(shipped) : local(Path.of(shipped));
    }
    throw new ConfigException(location, "", "no such file (looked in " + Path.of("").toAbsolutePath()
        + " and among the files shipped with --files: " + shippedNames(properties) + ")");
  }

  static boolean hasScheme(String value) {
    return SCHEME.matcher(value).matches() && value.indexOf(':') > 1;
  }

  /**
   * {@code value} resolved against this file's folder when it is a relative path; unchanged when
   * it is empty, absolute or a URI.
   */
  public String resolve(String value) {
    if (value.isEmpty() || hasScheme(value) || value.startsWith("/")) {
      return value;
    }
    if (hasScheme(base)) {
      return URI.create(base).resolve(value.replace(" ", "%20")).toString().replace("%20", " ");
    }
    return Path.of(base).resolve(value).normalize().toString();
  }

  /** The shipped entry whose alias (after {@code #}) or file name is {@code name}, or null. */
  private static String shipped(String name, Properties properties) {
    for (String entry : shippedNames(properties)) {
      int hash = entry.lastIndexOf('#');
      String uri = hash < 0 ? entry : entry.substring(0, hash);
      String alias = hash < 0 ? String.valueOf(Path.of(uri).getFileName()) : entry.substring(hash + 1);
      if (alias.equals(name)) {
        return uri;
      }
    }
    return null;
  }

  /** The entries of {@link #SHIPPED_FILES}, in order. */
  private static List<String> shippedNames(Properties properties) {
    return SHIPPED_FILES.stream().flatMap(key -> Arrays.stream(properties.getProperty(key, "").split(",")))
        .filter(entry -> !entry.isBlank()).map(String::strip).toList();
  }

  private static ConfigFile fromUri(String source) {
    URI uri;
    try {
      uri = new URI(source);
    } catch (URISyntaxException e) {
      throw new ConfigException(source, "", "is not a valid URI: " + e.getMessage(), e);
    }
    if ("file".equalsIgnoreCase(uri.getScheme())) {
      Path path = Path.of(uri);
      ConfigFile local = local(path);
      return new ConfigFile(local.text(), source, local.base());
    }
    String text = HadoopFiles.read(uri, source);
    String parent = uri.resolve(".").toString();
    return new ConfigFile(text, source, parent.endsWith("/") ? parent : parent + "/");
  }

  private static String readLocal(Path file, String source) {
    try {
      if (Files.isDirectory(file)) {
        throw new ConfigException(source, "", "is a directory, expected a YAML file");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, "", "no such file", e);
    } catch (CharacterCodingException e) {
      throw new ConfigException(source, "", "is not UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigException(source, "", "cannot be read: " + e, e);
    }
  }
}
