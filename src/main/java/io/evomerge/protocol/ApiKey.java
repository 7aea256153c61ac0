package io.evomerge.protocol;

import io.evomerge.merge.MergeDigest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A bearer key for the merge service. Immutable. {@link #toString()} is redacted; only {@link
 * #reveal()} returns the secret. Deliberately not {@link java.io.Serializable}: every JVM reads the
 * key itself ({@code service.apiKey}), so a Spark task that held one would fail to serialise.
 */
public final class ApiKey {

  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "api key");
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("api key is empty");
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new IllegalArgumentException("api key contains a character at position " + i
            + " that is not printable ASCII (spaces and control characters are not allowed)");
      }
    }
    return new ApiKey(trimmed);
  }

  /** A fresh key: {@code prefix} and 48 random hex digits, for a service this process starts. */
  public static ApiKey random(String prefix) {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return of(prefix + HexFormat.of().formatHex(bytes));
  }

  public static ApiKey fromEnv(String name, UnaryOperator<String> environment) {
    String value = environment.apply(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("environment variable " + name + " is not set or empty; "
          + "expected the merge service's API key");
    }
    return of(value);
  }

  public static ApiKey fromFile(Path file) throws IOException {
    return allFromFile(file).get(0);
  }

  /** Every key of {@code file}, one per line, skipping blank lines and {@code #} comments. */
  public static List<ApiKey> allFromFile(Path file) throws IOException {
    List<ApiKey> keys = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .map(String::trim)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .map(ApiKey::of)
        .toList();
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("key file " + file + " holds no API key");
    }
    return keys;
  }

  public String reveal() {
    return value;
  }

  /** SHA-256 of the key: what a service stores and compares in constant time. */
  public byte[] digest() {
    return sha256(value);
  }

  public static byte[] sha256(String text) {
    return MergeDigest.sha256().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKey other && MessageDigest.isEqual(digest(), other.digest());
  }

  @Override
  public int hashCode() {
    return 0x5eC7;
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }
}
