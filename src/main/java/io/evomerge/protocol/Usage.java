package io.evomerge.protocol;

import java.io.Serializable;

/** What one call consumed (the {@code "usage"} of an answer). Immutable. */
public record Usage(int examples) implements Serializable {
  public Usage {
    if (examples < 0) {
      throw new IllegalArgumentException("usage.examples = " + examples + " must be >= 0");
    }
  }
}
