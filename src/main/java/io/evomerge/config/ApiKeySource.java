package io.evomerge.config;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the merge service's API key is read from; never the key itself, so a configuration can be
 * printed, logged and written to outputs as it is. A non-empty {@code file} wins over {@code env}.
 * Immutable.
 */
public record ApiKeySource(String env, String file) implements Serializable {

  private static final Pattern ENV_NAME = Pattern.compile("|[A-Za-z_][A-Za-z0-9_]*");

  public ApiKeySource {
    Check.matches("env", env, ENV_NAME, "an environment variable name such as EVOMERGE_API_KEY");
    Check.notNull("file", file);
    if (env.isEmpty() && file.isBlank()) {
      throw new IllegalArgumentException("env: '' must name a variable when file is empty");
    }
  }

  public static ApiKeySource defaults() {
    return new ApiKeySource("EVOMERGE_API_KEY", "");
  }

  /**
   * The key, read from the file if one is named, else from {@code environment}; empty when the
   * variable is unset or blank. The key is trimmed. Fails when a named file cannot be read.
   */
  public Optional<String> read(Map<String, String> environment) {
    String raw = file.isBlank() ? environment.get(env) : readFile(Path.of(file));
    return Optional.ofNullable(raw).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static String readFile(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8).lines().findFirst().orElse("");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the API key file " + path, e);
    }
  }

  /** Where the key comes from, in words, for messages (never the key). */
  public String describe() {
    return file.isBlank() ? "environment variable " + env : "file " + file;
  }
}
