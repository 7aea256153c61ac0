package io.evomerge.cli;

import picocli.CommandLine.IVersionProvider;

/** The version lines of {@code --version}. Stateless. */
public final class Version implements IVersionProvider {

  public static final String VERSION = "0.1.0-SNAPSHOT";

  @Override
  public String[] getVersion() {
    return new String[] {
      "evomerge " + VERSION,
      "Evo-Merging: black-box model merging (Chen et al., arXiv 2509.12951)",
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")"
    };
  }
}
