package io.evomerge.config;

/**
 * A configuration that cannot be used. The message is written for the user and names where the
 * problem is, for example {@code conf/x.yaml: search.scaleBound: -1 must be > 0}; the command
 * line prints it as it is and exits with status 2. Immutable.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final String keyPath;
  private final String detail;

  public ConfigException(String source, String keyPath, String detail, Throwable cause) {
    super(source + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + detail, cause);
    this.source = source;
    this.keyPath = keyPath;
    this.detail = detail;
  }

  public ConfigException(String source, String keyPath, String detail) {
    this(source, keyPath, detail, null);
  }

  public String source() {
    return source;
  }

  /** The dotted path of the key at fault, for example {@code search.stage1.popSize}; may be empty. */
  public String keyPath() {
    return keyPath;
  }

  /** What is wrong, without the source and the key path. */
  public String detail() {
    return detail;
  }
}
