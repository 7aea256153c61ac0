package io.evomerge.protocol;

import java.util.Locale;

/** The two dialects of the merge API (the README's protocol notes). */
public enum Dialect {
  EVOMERGE,
  BMM;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
