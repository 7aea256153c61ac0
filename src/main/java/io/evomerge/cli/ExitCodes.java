package io.evomerge.cli;

import io.evomerge.adapter.MalformedFileException;
import io.evomerge.config.ConfigException;
import io.evomerge.data.DataFileException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParseResult;

/**
 * The exit codes of every command, a contract for scripts and schedulers: {@value #OK} success,
 * {@value #FAILURE} the run failed, {@value #USAGE} bad usage or bad configuration (nothing was
 * started). As picocli's execution exception handler it reports what a command threw: one line
 * {@code error: <message>} (then one line per distinct cause) on the command's error stream, the
 * stack trace only when the environment variable {@value #DEBUG} is set or the exception says
 * nothing. Configuration errors are reported as they are: their messages name the file and key.
 * Thread-safe.
 */
public final class ExitCodes implements IExitCodeExceptionMapper, IExecutionExceptionHandler {

  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  static final String DEBUG = "EVOMERGE_DEBUG";

  private final Map<String, String> environment;

  public ExitCodes(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public int getExitCode(Throwable failure) {
    return isUsage(failure) ? USAGE : FAILURE;
  }

  /**
   * True where the command was asked wrongly, not failed: bad usage, configuration, data files or
   * adapter repositories, anywhere in the chain of causes.
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

  @Override
  public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    err.println(command.getColorScheme().errorText("error: " + describe(failure)));
    if (!isUsage(failure)) {
      printCauses(err, failure);
      if (environment.containsKey(DEBUG) || failure.getMessage() == null) {
        failure.printStackTrace(err);
      } else {
        err.println("(set " + DEBUG + "=1 for the stack trace)");
      }
    }
    err.flush();
    return getExitCode(failure);
  }

  private static void printCauses(PrintWriter err, Throwable failure) {
    String last = failure.getMessage();
    for (Throwable c = failure.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      String text = describe(c);
      if (last == null || !last.contains(String.valueOf(c.getMessage()))) {
        err.println("  caused by: " + text);
      }
      last = c.getMessage();
    }
  }

  private static String describe(Throwable t) {
    return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
  }
}
