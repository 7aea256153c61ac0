package io.evomerge.tools;

import io.evomerge.data.GeneratedTask;
import io.evomerge.data.TaskGenerator;
import io.evomerge.data.TaskManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.random.RandomGeneratorFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code generate-tasks}: writes the project's own multiple-choice tasks (see {@link
 * TaskGenerator}) to {@code --out} as {@code <task>/<split>.jsonl} plus {@code tasks.json}, and
 * prints one line per task. The same seed gives byte-identical files. Exit code 0 on success, 1
 * when the files cannot be written.
 */
@Command(name = "generate-tasks", mixinStandardHelpOptions = true,
    description = "Write the sample multiple-choice tasks (JSON Lines) and their manifest tasks.json.")
public final class GenerateTasksCommand implements Callable<Integer> {

  /** The generator algorithm the seed feeds; part of the reproducibility contract. */
  static final String RANDOM = "L64X128MixRandom";

  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "data/tasks",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "13", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    try {
      TaskManifest manifest = TaskGenerator.of().write(out, RandomGeneratorFactory.of(RANDOM).create(seed),
          "generate-tasks --seed " + seed, task -> stdout.println(line(task)));
      stdout.printf("wrote %d tasks (%d sources, %d targets) to %s%n", manifest.tasks().size(),
          manifest.sources().size(), manifest.targets().size(), out);
      stdout.flush();
      return 0;
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("generate-tasks failed: " + e.getMessage());
      return 1;
    }
  }

  private static String line(GeneratedTask task) {
    return String.format("%-26s %-6s %-9s %-8s %s", task.info().id(), task.info().role(),
        task.info().family(), task.info().labels(), task.info().sizes());
  }
}
