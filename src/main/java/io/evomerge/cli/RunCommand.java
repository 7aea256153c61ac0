package io.evomerge.cli;

import io.evomerge.config.EvoMergeConfig;
import io.evomerge.job.EvoMergeJob;
import io.evomerge.job.RunOptions;
import io.evomerge.job.RunOutcome;
import io.evomerge.job.SparkSessions;
import io.evomerge.config.ConfigException;
import io.evomerge.config.ServiceConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  /**
   * The logger, in a class of its own: picocli reflects on this command's fields and methods, and
   * the cluster job jar's {@code --help} runs without a logging library.
   */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
  }

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
    return RunCommand.run(resolved, options, spec.commandLine().getOut());
  }

  static int run(EvoMergeConfig config, RunOptions options, PrintWriter out) throws Exception {
    Instant startup = Instant.now();
    Log.LOG.info("starting: {} and Spark ({})", ServiceConfig.EMBEDDED.equals(config.service().url())
        ? "the embedded merge service on " + config.service().embedded().repository()
        : "the merge service at " + config.service().url(), config.spark().master().isBlank()
        ? "master from spark-submit or local[*]" : config.spark().master());
    try (ServiceEndpoint service = ServiceEndpoint.open(config.service(), System.getenv());
        SparkSession spark = SparkSessions.open(config)) {
      Log.LOG.info("started in {} s", Duration.between(startup, Instant.now()).toSeconds());
      Startup.warmUp(service, config, spark.sparkContext().hadoopConfiguration());
      RunOutcome outcome = new EvoMergeJob(config, spark, InstantSource.system())
          .run(service.client(), Startup.limits(service), options);
      if (outcome.finished()) {
        out.println();
        out.println(outcome.result().orElseThrow().comparisonTable().toMarkdown());
        out.println("outputs: " + outcome.directory());
      } else {
        out.println("stopped after " + options.stopAfterGenerations() + " generations; resume with"
            + " --resume --set output.runId=" + outcome.runId());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
