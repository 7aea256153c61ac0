package io.evomerge.job;

import io.evomerge.config.Check;
import io.evomerge.config.ConfigException;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.data.Example;
import io.evomerge.data.Shard;
import io.evomerge.data.Shards;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.Json;
import io.evomerge.protocol.LimitsResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checks, before the first evaluate call, what the service would otherwise refuse only after
 * calls were spent: a writable output folder; the sets against the service's limits. Each
 * failure is a {@link ConfigException} naming the key or the file and example (exit 2).
 */
final class Preflight {

  /** The longest text a double takes in JSON, so that body sizes are upper bounds. */
  private static final double WIDEST = -0.12345678901234567;

  private Preflight() {}

  /** The output folder {@code output.dir} can be created and written. */
  static void outputFolder(EvoMergeConfig config, Configuration hadoop) {
    String dir = config.output().dir();
    try {
      Path folder = new Path(dir);
      FileSystem fs = folder.getFileSystem(hadoop);
      if (!fs.mkdirs(folder)) {
        throw new IOException("mkdirs returned false");
      }
      Path probe = new Path(folder, ".evomerge-write-probe-" + System.nanoTime());
      fs.create(probe, true).close();
      fs.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("output", "output.dir", Check.show(dir)
          + " cannot be created or written: " + e.getMessage(), e);
    }
  }

  /** Everything the run will send, against what the service says it accepts. */
  static void againstLimits(EvoMergeConfig config, LimitsResponse limits, RunSets sets, String service) {
    String source = "service " + service;
    if (limits.betaBound() > 0 && config.search().scaleBound() > limits.betaBound()) {
      throw new ConfigException(source, "search.scaleBound", Check.show(config.search().scaleBound())
          + " is more than the service's beta bound " + Check.show(limits.betaBound())
          + "; set search.scaleBound <= " + Check.show(limits.betaBound()));
    }
    int adapters = sets.adapters().repository().size();
    if (sets.fitness() instanceof EvaluationSet.OfExamples fitness) {
      if (limits.maxExamplesPerCall() > 0 && config.data().shardSize() > limits.maxExamplesPerCall()) {
        throw new ConfigException(source, "data.shardSize", config.data().shardSize()
            + " examples per call is more than the service accepts (" + limits.maxExamplesPerCall()
            + "); set data.shardSize <= " + limits.maxExamplesPerCall());
      }
      shards(config.data().fitness(), fitness.shards(), limits, adapters);
    }
    if (sets.test().orElse(null) instanceof EvaluationSet.OfExamples test) {
      shards(config.data().test(), test.shards(), limits, adapters);
    }
  }

  private static void shards(String file, Shards shards, LimitsResponse limits, int adapters) {
    for (Shard shard : shards) {
      for (Example example : shard.examples()) {
        fields(file, example, limits);
      }
      long bytes = bodyBytes(shard.examples(), adapters);
      if (limits.maxBodyBytes() > 0 && bytes > limits.maxBodyBytes()) {
        throw new ConfigException(file, "", "the shard holding example '" + shard.examples().stream()
            .max(Comparator.comparingLong(e -> bodyBytes(List.of(e), 0))).orElseThrow().id()
            + "' makes a request body of " + size(bytes) + ", more than the service accepts ("
            + size(limits.maxBodyBytes()) + "); shorten that example or lower data.shardSize");
      }
    }
  }

  private static void fields(String file, Example e, LimitsResponse limits) {
    if (limits.maxOptionsPerExample() > 0 && e.options().size() > limits.maxOptionsPerExample()) {
      throw new ConfigException(file, "", "example '" + e.id() + "' has " + e.options().size()
          + " options, more than the service accepts (" + limits.maxOptionsPerExample() + ")");
    }
    int longest = Stream.concat(Stream.of(e.instruction(), e.input(), e.output()), e.options().stream())
        .filter(Objects::nonNull).mapToInt(String::length).max().orElse(0);
    if (limits.maxTextChars() > 0 && longest > limits.maxTextChars()) {
      throw new ConfigException(file, "", "example '" + e.id() + "' has a field of " + longest
          + " characters, more than the service accepts (" + limits.maxTextChars() + ")");
    }
  }

  /** The body of one evaluate call for {@code examples}, with the widest possible vectors. */
  static long bodyBytes(List<Example> examples, int adapters) {
    double[] alpha = new double[adapters];
    double[] beta = new double[adapters];
    Arrays.fill(alpha, -WIDEST);
    Arrays.fill(beta, WIDEST);
    try {
      return Json.mapper().writeValueAsBytes(EvaluateRequest.of(ControlVectors.of(alpha, beta), examples)).length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String size(long bytes) {
    return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20))
        : bytes >= 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) : bytes + " bytes";
  }
}
