package io.evomerge.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation helpers shared by the configuration records. Each check returns the value it was given
 * and otherwise throws an {@link IllegalArgumentException} whose message has the one shape the
 * configuration loader understands: {@code key: value requirement}, for example {@code popSize: 0
 * must be >= 2}. The loader prefixes the key with the path of the enclosing section.
 *
 * <p>Stateless and thread-safe.
 */
public final class Check {

  private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

  private Check() {}

  /** The failure of {@code key}: {@code key: value requirement}. */
  public static IllegalArgumentException invalid(String key, Object value, String requirement) {
    return new IllegalArgumentException(key + ": " + show(value) + " " + requirement);
  }

  /**
   * {@code value} as messages show it: strings quoted, numbers without a useless {@code .0},
   * enumeration constants by their configuration names ({@code evo-merging}).
   */
  public static String show(Object value) {
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value instanceof Double d && Double.isFinite(d)) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    return String.valueOf(value);
  }

  public static <T> T notNull(String key, T value) {
    if (value == null) {
      throw new IllegalArgumentException(key + ": a value is required");
    }
    return value;
  }

  public static long atLeast(String key, long value, long min) {
    if (value < min) {
      throw invalid(key, value, "must be >= " + min);
    }
    return value;
  }

  public static long atMost(String key, long value, long max) {
    if (value > max) {
      throw invalid(key, value, "must be <= " + max);
    }
    return value;
  }

  public static long positive(String key, long value) {
    if (value <= 0) {
      throw invalid(key, value, "must be > 0");
    }
    return value;
  }

  /**
   * {@code value} if it is a finite number. YAML reads {@code .nan} and {@code .inf} as numbers;
   * they are refused here, by name, before any range check could mistake them for a bad range.
   */
  public static double finite(String key, double value) {
    if (!Double.isFinite(value)) {
      throw invalid(key, value, "must be finite");
    }
    return value;
  }

  public static double nonNegative(String key, double value) {
    if (!(finite(key, value) >= 0)) {
      throw invalid(key, value, "must be a finite number >= 0");
    }
    return value;
  }

  public static double positive(String key, double value) {
    if (!(finite(key, value) > 0)) {
      throw invalid(key, value, "must be a finite number > 0");
    }
    return value;
  }

  public static double inRange(String key, double value, double min, double max) {
    if (!(finite(key, value) >= min && value <= max)) {
      throw invalid(key, value, "must be between " + show(min) + " and " + show(max));
    }
    return value;
  }

  public static String nonBlank(String key, String value) {
    notNull(key, value);
    if (value.isBlank()) {
      throw invalid(key, value, "must not be empty");
    }
    return value;
  }

  public static String matches(String key, String value, Pattern pattern, String what) {
    notNull(key, value);
    if (!pattern.matcher(value).matches()) {
      throw invalid(key, value, "must be " + what);
    }
    return value;
  }

  public static String httpUrl(String key, String value) {
    nonBlank(key, value);
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getHost() != null) {
        return value;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw invalid(key, value, "must be an http:// or https:// URL with a host");
  }

  /**
   * A Hadoop FileSystem location: a plain (relative or absolute) path, or a URI with a scheme such
   * as {@code file://}, {@code hdfs://} or {@code s3a://}.
   */
  public static String pathOrUri(String key, String value) {
    nonBlank(key, value);
    int colon = value.indexOf("://");
    if (colon > 0 && !URL_SCHEME.matcher(value.substring(0, colon)).matches()) {
      throw invalid(key, value, "must be a path or a URI such as file:///x, hdfs://host/x, s3a://bucket/x");
    }
    if (value.indexOf('\0') >= 0 || value.contains("\n")) {
      throw invalid(key, value, "must not contain control characters");
    }
    return value;
  }

  /** An immutable copy of {@code values}, which must hold no null and no element twice. */
  public static <T> List<T> distinct(String key, List<T> values) {
    notNull(key, values);
    Set<T> seen = new HashSet<>();
    for (T value : values) {
      if (value == null) {
        throw new IllegalArgumentException(key + ": the list must not contain empty entries");
      }
      if (!seen.add(value)) {
        throw invalid(key, value, "is listed twice");
      }
    }
    return List.copyOf(values);
  }

  /** Every string of {@code values} is non-blank; no null, no repeats. */
  public static List<String> distinctNonBlank(String key, List<String> values) {
    List<String> copy = distinct(key, values);
    for (String value : copy) {
      if (value.isBlank()) {
        throw new IllegalArgumentException(key + ": the list must not contain empty entries");
      }
    }
    return copy;
  }
}
