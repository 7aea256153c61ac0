package io.evomerge.tools;

import io.evomerge.cli.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

/**
 * The tools beside the product that make its sample data: the tasks, the adapters trained on
 * them, and large repositories for the reference service. Test-scope code (src/tools/java), in
 * neither the main CLI nor the job jar; {@code submit/evomerge generate-tasks|train-adapters|
 * generate-repository} runs it from target/test-classes.
 */
@Command(name = "submit/evomerge", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "The tools that make the sample tasks and adapter repositories.",
    subcommands = {
      GenerateTasksCommand.class,
      TrainAdaptersCommand.class,
      GenerateRepositoryCommand.class,
      HelpCommand.class
    })
public final class ToolsCommand {

  public static void main(String[] args) {
    System.exit(new CommandLine(new ToolsCommand()).execute(args));
  }
}
