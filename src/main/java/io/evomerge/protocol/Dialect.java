package io.evomerge.protocol;

import java.util.Locale;

/** The two dialects of the merge API (the README's protocol notes). */
public enum Dialect {
  EVOMERGE,
  BMM;

  /** The dialect named {@code name} (case-insensitive), or an error listing the known ones. */
  public static Dialect of(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dialect '" + name + "' is unknown; expected evomerge or bmm", e);
    }
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
