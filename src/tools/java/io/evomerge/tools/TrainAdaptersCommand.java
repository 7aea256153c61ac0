package io.evomerge.tools;

import io.evomerge.adapter.AdapterWriter;
import io.evomerge.train.TaskData;
import io.evomerge.data.TaskManifest;
import io.evomerge.encoder.MiniLmEncoder;
import io.evomerge.model.ReferenceModel;
import io.evomerge.train.RepositoryTrainer;
import io.evomerge.train.SummaryWriter;
import io.evomerge.train.TargetEvaluation;
import io.evomerge.train.TrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train-adapters}: trains one LoRA adapter per source task of {@code --tasks} on the
 * reference model and writes the repository to {@code --out} (one PEFT folder per adapter) with
 * {@code training-summary.json}, {@code training-summary.md} and {@code SUMMARY.md}. The same
 * tasks, options and seed give identical files. Exit code 0 on success, 1 on bad input or a failed
 * write.
 */
@Command(name = "train-adapters", mixinStandardHelpOptions = true,
    description = "Train one LoRA adapter per source task and write the adapter repository.")
public final class TrainAdaptersCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--tasks", paramLabel = "DIR", defaultValue = "data/tasks",
      description = "Tasks folder with tasks.json (default: ${DEFAULT-VALUE}).")
  Path tasks;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "data/repository",
      description = "Repository folder to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--rank", defaultValue = "8", description = "LoRA rank r (default: ${DEFAULT-VALUE}).")
  int rank;

  @Option(names = "--lora-alpha", defaultValue = "16", description = "LoRA alpha (default: ${DEFAULT-VALUE}).")
  double loraAlpha;

  @Option(names = "--epochs", defaultValue = "40", description = "Most epochs per adapter (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    try {
      TrainingSettings settings = TrainingSettings.defaults().withRank(rank).withLoraAlpha(loraAlpha).withEpochs(epochs);
      TaskManifest manifest = TaskManifest.read(tasks);
      RepositoryTrainer trainer = RepositoryTrainer.of(settings, MiniLmEncoder.sharedCached());
      RepositoryTrainer.Trained trained = trainer.train(tasks, manifest, seed, line -> progress(stdout, line));
      AdapterWriter.write(trained.repository(), out);
      ReferenceModel model = new ReferenceModel(trained.repository(), MiniLmEncoder.sharedCached(),
          settings.temperature());
      List<TargetEvaluation.Report> reports = new ArrayList<>();
      for (var target : manifest.targets()) {
        reports.add(TargetEvaluation.of(model, trainer).evaluate(TaskData.load(tasks, target), seed));
        progress(stdout, "evaluated target " + target.id());
      }
      SummaryWriter.write(out, new SummaryWriter.Content(commandLine(), settings, seed, trained.rows(), reports));
      stdout.printf("wrote %d adapters and summaries to %s%n", trained.repository().size(), out);
      stdout.flush();
      return 0;
    } catch (RuntimeException | java.io.IOException e) {
      spec.commandLine().getErr().println("train-adapters failed: " + e.getMessage());
      return 1;
    }
  }

  private String commandLine() {
    return String.format(java.util.Locale.ROOT, "train-adapters --tasks %s --out %s --rank %d --lora-alpha %s --epochs %d --seed %d",
        tasks, out, rank, loraAlpha, epochs, seed);
  }

  private static void progress(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }
}
