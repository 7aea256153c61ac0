package io.evomerge.cli;

import io.evomerge.client.MergeClient;
import io.evomerge.client.PermanentFailure;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.data.DataFiles;
import io.evomerge.data.Example;
import io.evomerge.data.ExampleReader;
import io.evomerge.data.Shards;
import io.evomerge.encoder.MiniLmEncoder;
import io.evomerge.encoder.TextEncoder;
import io.evomerge.protocol.Dialect;
import io.evomerge.protocol.LimitsResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start of a run, wired here in the composition root: what the service accepts, and the
 * warm-up of the embedded service's encoder. Stateless.
 */
final class Startup {

  static final String WARM_UP = "evomerge.warmUp";

  private static final Logger LOG = LoggerFactory.getLogger(Startup.class);
  private static final int BATCH = 64;

  private Startup() {}

  /**
   * What the service accepts, asked once with {@code GET /v1/limits} (the embedded service answers
   * it too); unknown for the bmm dialect and for a service without that endpoint, whose limits
   * are then met at the first call instead.
   */
  static Optional<LimitsResponse> limits(ServiceEndpoint service) {
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
   * service's encoder cache, with a line of its own; otherwise the first generation would encode
   * them one call at a time. Nothing to do for a remote service or the bmm dialect.
   */
  static void warmUp(ServiceEndpoint service, EvoMergeConfig config, Configuration hadoop) {
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
    Set<String> texts = new LinkedHashSet<>();
    List<Example> examples = new ArrayList<>();
    examples.addAll(Shards.firstById(DataFiles.read(config.data().fitness(), hadoop, ExampleReader.of()),
        config.data().maxFitnessExamples()));
    examples.addAll(DataFiles.read(config.data().test(), hadoop, ExampleReader.of()));
    for (Example e : examples) {
      texts.add(e.prompt());
      texts.addAll(e.options());
    }
    return List.copyOf(texts);
  }
}
