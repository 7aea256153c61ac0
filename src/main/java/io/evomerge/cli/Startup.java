package io.evomerge.cli;

import io.evomerge.client.MergeClient;
import io.evomerge.client.PermanentFailure;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.data.DataFiles;
import io.evomerge.data.Example;
import io.evomerge.data.ExampleReader;
import io.evomerge.data.Shards;
import io.evomerge.encoder.MiniLmEncoder;
import io.evomerge.encoder.TextEncoder;
import io.evomerge.job.EvoMergeJob;
import io.evomerge.job.RunOptions;
import io.evomerge.job.RunOutcome;
import io.evomerge.job.SparkSessions;
import io.evomerge.protocol.Dialect;
import io.evomerge.protocol.LimitsResponse;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run, wired in the composition root: the service and Spark, what the service accepts, the
 * warm-up of the embedded encoder, and the job. The logger lives here, not in a command: picocli
 * reflects on the commands, and the cluster job jar's {@code --help} runs without a logging library.
 */
final class Startup {

  private static final String WARM_UP = "evomerge.warmUp";

  private static final Logger LOG = LoggerFactory.getLogger(Startup.class);
  private static final int BATCH = 64;

  private Startup() {}

  /** Runs the job against the service of {@code config}, and prints the comparison or how to resume. */
  static int run(EvoMergeConfig config, RunOptions options, PrintWriter out) throws Exception {
    Instant startup = Instant.now();
    LOG.info("starting: {} and Spark ({})", ServiceConfig.EMBEDDED.equals(config.service().url())
        ? "the embedded merge service on " + config.service().embedded().repository()
        : "the merge service at " + config.service().url(), config.spark().master().isBlank()
        ? "master from spark-submit or local[*]" : config.spark().master());
    try (ServiceEndpoint service = ServiceEndpoint.open(config.service(), System.getenv());
        SparkSession spark = SparkSessions.open(config)) {
      LOG.info("started in {} s", Duration.between(startup, Instant.now()).toSeconds());
      warmUp(service, config, spark.sparkContext().hadoopConfiguration());
      RunOutcome outcome = new EvoMergeJob(config, spark, InstantSource.system())
          .run(service.client(), limits(service), options);
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

  /** What the service accepts ({@code GET /v1/limits}); unknown for bmm and where it answers 404. */
  private static Optional<LimitsResponse> limits(ServiceEndpoint service) {
    if (service.client().dialect() != Dialect.EVOMERGE) {
      return Optional.empty();
    }
    try {
      return Optional.of(MergeClient.of(service.client()).limits());
    } catch (PermanentFailure e) {
      if (e.status() != 404) {
        throw e;
      }
      LOG.info("the service does not publish its limits (GET /v1/limits: 404): checks against them are skipped");
      return Optional.empty();
    }
  }

  /**
   * Encodes every text of the fitness and test sets once, in large batches, into the embedded
   * service's encoder cache; otherwise the first generation would encode them one call at a time.
   */
  private static void warmUp(ServiceEndpoint service, EvoMergeConfig config, Configuration hadoop) {
    if (service.embedded().isEmpty() || config.service().dialect() != Dialect.EVOMERGE
        || "false".equals(System.getProperty(WARM_UP))) {
      return;
    }
    Instant started = Instant.now();
    List<String> texts = texts(config, hadoop);
    LOG.info("encoding: {} distinct texts of the fitness and test sets (encoder warm-up)", texts.size());
    TextEncoder encoder = MiniLmEncoder.sharedCached();
    AtomicInteger done = new AtomicInteger();
    IntStream.range(0, (texts.size() + BATCH - 1) / BATCH).parallel().forEach(b -> {
      List<String> batch = texts.subList(b * BATCH, Math.min(texts.size(), (b + 1) * BATCH));
      encoder.encodeAll(batch);
      int encoded = done.addAndGet(batch.size());
      if (encoded < texts.size()) {
        LOG.info("encoding: {}/{} texts", encoded, texts.size());
      }
    });
    LOG.info("encoded {} texts in {} ms", texts.size(), Duration.between(started, Instant.now()).toMillis());
  }

  private static List<String> texts(EvoMergeConfig config, Configuration hadoop) {
    List<Example> fitness = Shards.firstById(DataFiles.read(config.data().fitness(), hadoop, ExampleReader.of()),
        config.data().maxFitnessExamples());
    List<Example> test = DataFiles.read(config.data().test(), hadoop, ExampleReader.of());
    return Stream.concat(fitness.stream(), test.stream())
        .flatMap(e -> Stream.concat(Stream.of(e.prompt()), e.options().stream()))
        .distinct()
        .toList();
  }
}
