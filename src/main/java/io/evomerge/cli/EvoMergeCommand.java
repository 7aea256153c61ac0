package io.evomerge.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code evomerge}, the top command. A subcommand is one class (a {@code Callable<Integer>}
 * annotated with {@code @Command}, sharing {@link ConfigOptions} as a mixin) listed in {@code
 * subcommands} below; help, version and the exit codes ({@link ExitCodes}) are inherited.
 */
@Command(
    name = "evomerge",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Black-box merging of the LoRA adapters of a model repository reachable only"
        + " through an inference API, with Evo-Merging (Chen et al., arXiv 2509.12951),"
        + " as a Spark job.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      " " + ExitCodes.OK + ":success",
      " " + ExitCodes.FAILURE + ":the run failed",
      " " + ExitCodes.USAGE + ":bad usage or bad configuration (nothing was started)"
    },
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      ServeCommand.class,
      ValidateConfigCommand.class,
      HelpCommand.class
    })
public final class EvoMergeCommand implements Callable<Integer> {

  private static final String[] FOOTER = {
    "",
    "The launcher submit/evomerge adds verbs of its own. `submit` runs the job on a cluster",
    "through spark-submit with the shaded job jar (see submit/evomerge submit -h):",
    "  submit/evomerge submit --master URL --config FILE [spark-submit options]",
    "`bench`, `generate-tasks`, `train-adapters` and `generate-repository` run the benchmarks",
    "and the tools that make the sample data: test code beside the product (VERB -h).",
    "Environment: EVOMERGE_JAVA_OPTS (JVM options), " + ExitCodes.DEBUG + "=1 (stack traces).",
  };

  @Spec private CommandSpec spec;

  /** The command line with the exit-code contract and error reporting of every command. */
  public static CommandLine commandLine() {
    return commandLine(System.getenv());
  }

  static CommandLine commandLine(Map<String, String> environment) {
    ExitCodes codes = new ExitCodes(environment);
    CommandLine commandLine = new CommandLine(new EvoMergeCommand())
        .setExitCodeExceptionMapper(codes)
        .setExecutionExceptionHandler(codes);
    commandLine.getCommandSpec().usageMessage().footer(FOOTER);
    return commandLine;
  }

  /** Without a subcommand: the usage on the error stream, and the exit code of bad usage. */
  @Override
  public Integer call() {
    spec.commandLine().getErr().println("error: missing command");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
