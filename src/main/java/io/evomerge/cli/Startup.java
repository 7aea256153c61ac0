package io.evomerge.cli;

import io.evomerge.config.ConfigException;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.data.DataFiles;
import io.evomerge.data.Example;
import io.evomerge.data.ExampleReader;
import io.evomerge.data.Shards;
import io.evomerge.encoder.MiniLmEncoder;
import io.evomerge.encoder.TextEncoder;
import io.evomerge.job.LimitsSource;
import io.evomerge.job.ServiceEndpoint;
import io.evomerge.protocol.Dialect;
import io.evomerge.protocol.LimitsResponse;
import io.evomerge.service.ServiceLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start of a run, wired here in the composition root: the service (checked before it is
 * opened, so that a missing key or a bad repository is a usage error), what it accepts, and the
 * warm-up of the embedded service's encoder. Stateless.
 */
final class Startup {

  /** System property: {@code false} turns the encoder warm-up off (to measure what it saves). */
  static final String WARM_UP = "evomerge.warmUp";

  private static final Logger LOG = LoggerFactory.getLogger(Startup.class);
  private static final int BATCH = 64;

  private Startup() {}

  /** The service of {@code config}; a missing API key or an unreadable repository exits 2. */
  static ServiceEndpoint service(EvoMergeConfig config, Map<String, String> environment) throws IOException {
    ServiceConfig service = config.service();
    boolean embedded = ServiceConfig.EMBEDDED.equals(service.url());
    if (!embedded && service.apiKey().read(environment).isEmpty()) {
      throw new ConfigException("service.apiKey", "service.apiKey", "no API key found in "
          + service.apiKey().describe() + "; the service at " + service.url() + " needs one");
    }
    try {
      return ServiceEndpoint.open(service, environment);
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      if (!embedded) {
        throw e;
      }
      throw new ConfigException(service.embedded().repository(), "service.embedded.repository",
          "not a usable adapter repository: " + e.getMessage(), e);
    }
  }

  /**
   * What the service accepts: the embedded service's own limits; for a remote service, unknown
   * until the client asks {@code GET /v1/limits}.
   */
  static LimitsSource limits(ServiceEndpoint service) {
    return service.embedded().map(s -> LimitsSource.of(toResponse(s.settings().limits())))
        .orElse(LimitsSource.unknown());
  }

  static LimitsResponse toResponse(ServiceLimits limits) {
    return new LimitsResponse(limits.maxBodyBytes(), limits.maxExamplesPerCall(), 0, 0, limits.betaBound());
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
