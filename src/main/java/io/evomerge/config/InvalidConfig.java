package io.evomerge.config;


/**
 * A configuration tree that does not bind: the key path and what is wrong, not yet where it came
 * from (the loader finds the layer, file or {@code --set}, that made it invalid).
 */
final class InvalidConfig extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String keyPath;
  private final String detail;

  InvalidConfig(String keyPath, String detail, Throwable cause) {
    super(keyPath + ": " + detail, cause);
    this.keyPath = keyPath;
    this.detail = detail;
  }

  public ConfigException from(String source) {
    return new ConfigException(source, keyPath, detail, getCause());
  }

  public boolean sameAs(InvalidConfig other) {
    return keyPath.equals(other.keyPath) && detail.equals(other.detail);
  }
}
