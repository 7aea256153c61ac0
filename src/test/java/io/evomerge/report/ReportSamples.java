package io.evomerge.report;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Seeded sample inputs for report tests: a two-stage search that converges, and its weights. */
final class ReportSamples {

  private ReportSamples() {}

  /** {@code perStage} generations of {@code popSize} candidates in each of two stages. */
  static List<ConvergencePoint> convergence(long seed, int perStage, int popSize) {
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    List<ConvergencePoint> points = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    int generation = 0;
    for (String stage : List.of("denoising", "scaling")) {
      for (int g = 0; g < perStage; g++, generation++) {
        double level = 0.35 + 0.6 * Math.exp(-generation / 6.0);
        for (int i = 0; i < popSize; i++) {
          double fitness = level + 0.08 * Math.abs(random.nextGaussian());
          best = Math.min(best, fitness);
          points.add(new ConvergencePoint(stage, generation, fitness, best));
        }
      }
    }
    return points;
  }

  static List<AdapterWeight> weights() {
    return List.of(
        new AdapterWeight("sentiment-movies", 0.92, 0.61),
        new AdapterWeight("sentiment-products", 0.71, 0.34),
        new AdapterWeight("topic-news", 0.35, -0.42),
        new AdapterWeight("spam-sms", 0.12, 0.05),
        new AdapterWeight("emotion-tweets", 0.88, 0.27),
        new AdapterWeight("toxicity-comments", 0.50, -0.18),
        new AdapterWeight("intent-banking", 0.64, 0.09),
        new AdapterWeight("formality", 1.00, -0.77));
  }

  static ComparisonTable comparison() {
    return new ComparisonTable(List.of(
        new ComparisonRow("evo-merging", 0.8450, 0.8391, 0.3712, 2400),
        new ComparisonRow("lorahub", 0.7925, 0.7810, 0.4520, 1200),
        new ComparisonRow("uniform", 0.6350, 0.6011, 0.8123, 20),
        new ComparisonRow("best-single", 0.7100, 0.6950, 0.6201, 160)));
  }
}
