package io.evomerge.config;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * Where a run writes: {@code <dir>/<runId>/} on any Hadoop FileSystem (result.json, history/,
 * report, checkpoints). Immutable.
 */
public record OutputConfig(String dir, String runId, boolean checkpoint) implements Serializable {

  private static final Pattern RUN_ID = Pattern.compile("|[A-Za-z0-9][A-Za-z0-9._-]*");

  public OutputConfig {
    Check.pathOrUri("dir", dir);
    Check.matches("runId", runId, RUN_ID,
        "empty or a folder name of letters, digits, '.', '_' and '-'");
  }

  public static OutputConfig defaults() {
    return new OutputConfig("runs", "", true);
  }
}
