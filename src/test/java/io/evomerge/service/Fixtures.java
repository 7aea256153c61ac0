package io.evomerge.service;

import io.evomerge.config.FaultsConfig;
import io.evomerge.config.LimitsConfig;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/** Seeded examples, vectors, data set files and service settings for the tests. */
public final class Fixtures {

  private Fixtures() {}

  /** Loopback service settings with these keys, limits, faults and data folder (null: none). */
  public static ServiceSettings settings(List<ApiKey> keys, LimitsConfig limits, FaultsConfig faults, Path data) {
    return new ServiceSettings("127.0.0.1", 0, keys, limits, faults, data, "reference");
  }

  /** Loopback service settings with these keys and the default limits, no faults, no data folder. */
  public static ServiceSettings settings(ApiKey... keys) {
    return settings(List.of(keys), LimitsConfig.defaults(), FaultsConfig.none(), null);
  }

  public static List<Example> examples(String prefix, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new Example(prefix + "-" + i, "Classify.", "text " + prefix + " " + i,
            i % 2 == 0 ? "yes" : "no", List.of("yes", "no")))
        .toList();
  }

  public static ControlVectors vectors(RandomGenerator random, int adapters) {
    double[] alpha = new double[adapters];
    double[] beta = new double[adapters];
    for (int i = 0; i < adapters; i++) {
      alpha[i] = random.nextDouble();
      beta[i] = random.nextDouble(-1.5, 1.5);
    }
    return ControlVectors.of(alpha, beta);
  }

  /** Writes {@code examples} as JSON Lines to {@code file}. */
  public static Path writeJsonLines(Path file, List<Example> examples) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Example e : examples) {
      lines.add(Json.mapper().writeValueAsString(e));
    }
    Files.createDirectories(file.getParent());
    return Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** A minimal JSON Lines reader standing in for the project's data reader. */
  public static List<Example> readJsonLines(Path file) throws IOException {
    List<Example> examples = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        examples.add(Json.mapper().readValue(line, Example.class));
      }
    }
    return examples;
  }
}
