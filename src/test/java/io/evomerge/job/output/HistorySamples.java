package io.evomerge.job.output;

import io.evomerge.merge.ControlVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Seeded history rows: two stages of generations of candidates over a few adapters. */
final class HistorySamples {

  private HistorySamples() {}

  static List<HistoryRow> rows(long seed, int generationsPerStage, int popSize, int adapters) {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    List<HistoryRow> rows = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    long calls = 0;
    int generation = 0;
    for (String stage : List.of("denoising", "scaling")) {
      for (int g = 0; g < generationsPerStage; g++, generation++) {
        calls += popSize * 4L;
        for (int i = 0; i < popSize; i++) {
          double[] alpha = random.doubles(adapters).toArray();
          double[] beta = random.doubles(adapters, -1.5, 1.5).toArray();
          double loss = 0.3 + random.nextDouble() / (1 + generation);
          double penalty = 0.05 * random.nextDouble();
          best = Math.min(best, loss + penalty);
          rows.add(new HistoryRow("run-1", "evo-merging", stage, generation, i,
              ControlVectors.of(alpha, beta), loss, penalty, loss + penalty, best, calls,
              1000L * (generation + 1)));
        }
      }
    }
    return rows;
  }
}
