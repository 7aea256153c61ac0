package io.evomerge.tools;

import io.evomerge.data.TaskInfo;
import io.evomerge.data.TaskManifest;
import io.evomerge.encoder.MiniLmEncoder;
import io.evomerge.train.AdapterVariant;
import io.evomerge.train.RepositoryGenerator;
import io.evomerge.train.TrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code generate-repository}: makes a large repository of real, trained adapters for the reference
 * service (issue 11) from the sample tasks of {@code --tasks}: one adapter per task on its full
 * splits, then bootstrap halves, label permutations, mixtures of two tasks and random labels, with
 * few epochs. Writes one PEFT folder per adapter and {@code generation-summary.json} into {@code
 * --out}. The same options give identical files whatever {@code --threads} is. Exit code 0 on
 * success, 1 on bad input or a failed write.
 */
@Command(name = "generate-repository", mixinStandardHelpOptions = true,
    description = "Train a large adapter repository (default 1,000 adapters) from the sample tasks, for"
        + " the reference service. Not committed: pick a folder of your own.")
public final class GenerateRepositoryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--tasks", paramLabel = "DIR", defaultValue = "data/tasks",
      description = "Tasks folder with tasks.json (default: ${DEFAULT-VALUE}).")
  Path tasks;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Repository folder to write.")
  Path out;

  @Option(names = "--count", defaultValue = "1000", description = "Adapters to make (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--epochs", defaultValue = "8", description = "Most epochs per adapter (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--patience", defaultValue = "2",
      description = "Stop after this many epochs without a better dev loss (default: ${DEFAULT-VALUE}).")
  int patience;

  @Option(names = "--max-examples", defaultValue = "0",
      description = "Use at most this many examples of each split, 0 = all (default: ${DEFAULT-VALUE}).")
  int maxExamples;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", description = "Training threads (default: the machine's cores); "
      + "the result does not depend on it.")
  Integer threads;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    long start = System.nanoTime();
    try {
      TrainingSettings settings = TrainingSettings.defaults().withEpochs(epochs).withPatience(patience);
      TaskManifest manifest = TaskManifest.read(tasks);
      List<String> sources = manifest.sources().stream().map(TaskInfo::id).toList();
      List<AdapterVariant> plan = AdapterVariant.plan(sources, count, seed);
      int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      RepositoryGenerator.Generated generated = RepositoryGenerator.of(settings, MiniLmEncoder.sharedCached(), workers)
          .generate(tasks, manifest, plan, maxExamples, line -> progress(stdout, line, count, start));
      generated.writeTo(out, about(settings));
      stdout.printf(Locale.ROOT, "wrote %d adapters to %s in %.1f s (process cpu %.1f s) on %d threads%n",
          generated.repository().size(), out, (System.nanoTime() - start) / 1e9, cpuSeconds(), workers);
      stdout.flush();
      return 0;
    } catch (RuntimeException | java.io.IOException e) {
      spec.commandLine().getErr().println("generate-repository failed: " + e.getMessage());
      return 1;
    }
  }

  private Map<String, Object> about(TrainingSettings settings) {
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("command", String.format(Locale.ROOT,
        "generate-repository --tasks %s --count %d --epochs %d --patience %d --max-examples %d --seed %d",
        tasks, count, epochs, patience, maxExamples, seed));
    about.put("settings", settings);
    about.put("seed", seed);
    about.put("count", count);
    return about;
  }

  /** CPU time of this JVM so far (all threads), or NaN where the platform does not say. */
  private static double cpuSeconds() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  private static void progress(PrintWriter out, String line, int count, long start) {
    if (line.startsWith("trained ")) {
      int done = Integer.parseInt(line.substring(8, line.indexOf('/')));
      if (done % 50 != 0 && done != count) {
        return;
      }
    }
    out.printf(Locale.ROOT, "[%7.1f s, cpu %7.1f s] %s%n", (System.nanoTime() - start) / 1e9, cpuSeconds(), line);
    out.flush();
  }
}
