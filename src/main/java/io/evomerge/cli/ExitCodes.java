package io.evomerge.cli;

import io.evomerge.adapter.MalformedFileException;
import io.evomerge.config.ConfigException;
import io.evomerge.data.DataFileException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.IExitCodeExceptionMapper;

/**
 * The exit codes of every command, a contract for scripts and schedulers: {@value #OK} success,
 * {@value #FAILURE} the run failed, {@value #USAGE} bad usage or bad configuration (nothing was
 * started). Stateless.
 */
public final class ExitCodes implements IExitCodeExceptionMapper {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  static final Map<String, String> DESCRIBED = Collections.unmodifiableMap(new TreeMap<>(Map.of(
      " " + OK, "success",
      " " + FAILURE, "the run failed",
      " " + USAGE, "bad usage or bad configuration (nothing was started)")));

  @Override
  public int getExitCode(Throwable failure) {
    return isUsage(failure) ? USAGE : FAILURE;
  }

  /**
   * True for the failures that mean the command was asked wrongly, not that it failed: bad usage,
   * a bad configuration, and bad input files (data files, adapter repositories), wherever in the
   * chain of causes they were found.
   */
  static boolean isUsage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConfigException || t instanceof CommandLine.ParameterException
          || t instanceof DataFileException || t instanceof MalformedFileException) {
        return true;
      }
    }
    return false;
  }
}
