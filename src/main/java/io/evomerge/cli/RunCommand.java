package io.evomerge.cli;

import io.evomerge.config.ConfigException;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.job.RunOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: the Evo-Merging job, locally or under spark-submit. */
@Command(
    name = "run",
    description = {
      "Runs the configured merge method as a Spark job against the merge service: the driver keeps"
          + " the search, executors make the service calls. Writes result.json, history/ and"
          + " report.html under <output.dir>/<run-id>/, checkpointing after every generation.",
      "Under spark-submit the master comes from spark-submit; run directly it is spark.master or"
          + " local[*]."
    })
final class RunCommand implements Callable<Integer> {

  @Mixin private ConfigOptions config;

  @Option(names = "--resume", description = "Continue the run (output.runId) from its last checkpoint;"
      + " a run id without one is an error.")
  private boolean resume;

  @Option(names = "--resume-if-any", description = "Continue the run (output.runId) from its last"
      + " checkpoint where it has one, else start it (for schedulers, whose retries repeat the command).")
  private boolean resumeIfAny;

  @Option(names = "--compare", description = "Also run the methods listed under 'compare' (default: every"
      + " baseline and ablation) on the same data, and add them to the outputs.")
  private boolean compare;

  @Option(names = "--stop-after-generations", paramLabel = "N", description = "Checkpoint and stop after N"
      + " generations, a screening round counting as one (for time-boxed windows); continue later with --resume.")
  private int stopAfterGenerations = Integer.MAX_VALUE;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (stopAfterGenerations < 1) {
      throw new ConfigException("--stop-after-generations", "", stopAfterGenerations + " must be >= 1");
    }
    EvoMergeConfig resolved = config.load();
    RunOptions options = new RunOptions(resume, resumeIfAny, compare, stopAfterGenerations);
    return Startup.run(resolved, options, spec.commandLine().getOut());
  }
}
