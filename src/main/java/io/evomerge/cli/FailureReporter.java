package io.evomerge.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Reports an exception a command threw: one line {@code error: <message>} (then one line per
 * distinct cause) on the command's error stream, the stack trace only when the environment
 * variable {@value #DEBUG} is set or the exception says nothing; returns the exit code of {@link
 * ExitCodes}. Configuration errors are reported as they are: their messages name the file and key.
 * Stateless apart from the environment it was given; thread-safe.
 */
final class FailureReporter implements IExecutionExceptionHandler {

  static final String DEBUG = "EVOMERGE_DEBUG";

  private final Map<String, String> environment;

  FailureReporter(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    err.println(command.getColorScheme().errorText("error: " + describe(failure)));
    if (!ExitCodes.isUsage(failure)) {
      printCauses(err, failure);
      if (environment.containsKey(DEBUG) || failure.getMessage() == null) {
        failure.printStackTrace(err);
      } else {
        err.println("(set " + DEBUG + "=1 for the stack trace)");
      }
    }
    err.flush();
    return command.getExitCodeExceptionMapper() != null
        ? command.getExitCodeExceptionMapper().getExitCode(failure)
        : new ExitCodes().getExitCode(failure);
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
