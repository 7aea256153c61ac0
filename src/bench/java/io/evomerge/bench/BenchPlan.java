package io.evomerge.bench;

import java.util.List;

/**
 * How much each benchmark does: the full run (about an hour on 2 cores) or the quick smoke run
 * (a few minutes). Immutable.
 *
 * @param name {@code full} or {@code quick}
 * @param master the Spark master of every Spark part
 * @param throughput section 1
 * @param driver section 2, the driver's cost per generation
 * @param optimizer section 2, ask + tell
 * @param comparison section 3
 */
public record BenchPlan(String name, String master, Throughput throughput, Driver driver, Optimizer optimizer,
    Comparison comparison) {

  /** The full benchmark. */
  public static BenchPlan full() {
    return new BenchPlan("full", "local[2]",
        new Throughput(200, 32, 20, 20, 15, 5, 20, List.of(new int[] {1, 32}, new int[] {2, 15}, new int[] {2, 32},
            new int[] {4, 8}), 42),
        new Driver(20, 20, 20, 15, 42),
        new Optimizer(List.of(20, 100, 1000, 5000), 200, 40, 6, List.of(20, 100, 1000), 40, 3, true),
        new Comparison(300, 600, 150, 0, List.of(42L, 43L, 44L), true, 1000, 40,
            List.of(0.1, 0.2, 0.3, 0.5, 0.7, 1.0), List.of(0.1, 0.2, 0.3), List.of(0.6, 1.0, 1.4),
            List.of(0.1, 0.3, 0.5), List.of(0.1, 0.3, 0.5, 1.0)));
  }

  /** A smoke run of the harness: tiny budgets, a few minutes; its numbers mean little. */
  public static BenchPlan quick() {
    return new BenchPlan("quick", "local[2]",
        new Throughput(50, 32, 20, 4, 15, 2, 2, List.<int[]>of(new int[] {1, 32}), 42),
        new Driver(3, 20, 4, 15, 42),
        new Optimizer(List.of(20, 100), 20, 20, 3, List.of(20), 10, 2, false),
        new Comparison(40, 40, 30, 60, List.of(42L, 43L), false, 200, 5,
            List.of(0.3, 1.0), List.of(0.2), List.of(1.0), List.of(0.3), List.of(0.5)));
  }

  /** The harness's smoke test: every section once, at the smallest sizes that run it (seconds). */
  public static BenchPlan smoke() {
    return new BenchPlan("smoke", "local[2]",
        new Throughput(5, 32, 4, 2, 5, 1, 1, List.<int[]>of(new int[] {1, 8}), 42),
        new Driver(1, 4, 2, 5, 42),
        new Optimizer(List.of(20), 3, 3, 1, List.of(20), 3, 1, false),
        new Comparison(20, 20, 15, 15, List.of(42L), false, 50, 1,
            List.of(1.0), List.of(0.2), List.of(1.0), List.of(0.3), List.of(0.5)));
  }

  /**
   * @param latencyMs L, the service time of every call
   * @param concurrency C, the service's {@code max_concurrency}
   * @param popSize candidates per generation
   * @param shards shards of the fitness set per candidate
   * @param shardSize examples per shard
   * @param generations timed generations per Spark setting (after one warm-up)
   * @param sequentialCandidates candidates timed through the sequential evaluator
   * @param tuned the tuned settings tried: {partitions, maxInFlight} pairs
   * @param seed seed of the candidates' vectors
   */
  public record Throughput(long latencyMs, int concurrency, int popSize, int shards, int shardSize, int generations,
      int sequentialCandidates, List<int[]> tuned, long seed) {
    public Throughput {
      tuned = List.copyOf(tuned);
    }
  }

  /**
   * @param generations timed generations (after one warm-up)
   * @param popSize candidates per generation
   * @param shards shards per candidate
   * @param shardSize examples per shard
   * @param seed search seed
   */
  public record Driver(int generations, int popSize, int shards, int shardSize, long seed) {}

  /**
   * @param dimensions N values
   * @param separableGenerations generations timed for separable CMA-ES (and full at N up to 100)
   * @param fullGenerations generations timed for full CMA-ES at N = 1000
   * @param largeFullGenerations generations timed for full CMA-ES above N = 1000
   * @param commonsMathDimensions N values Commons Math's CMAESOptimizer runs
   * @param commonsMathIterations its iterations at N up to 100
   * @param commonsMathLargeIterations its iterations above N = 100
   * @param eigenTimings whether to time eigendecompositions at N = 1000 and 2000 (for the
   *     amortised cost at larger N)
   */
  public record Optimizer(List<Integer> dimensions, int separableGenerations, int fullGenerations,
      int largeFullGenerations, List<Integer> commonsMathDimensions, int commonsMathIterations,
      int commonsMathLargeIterations, boolean eigenTimings) {
    public Optimizer {
      dimensions = List.copyOf(dimensions);
      commonsMathDimensions = List.copyOf(commonsMathDimensions);
    }
  }

  /**
   * @param stage1Budget evaluations of the denoising stage (the paper: 400)
   * @param stage2Budget evaluations of the scaling stage (the paper: 800)
   * @param fitnessExamples examples of the fitness set (the paper: 300)
   * @param testExamples most test examples scored (0: the whole test split)
   * @param seeds the seeds every method runs with
   * @param suiteB whether to run suite B (real data), when its folder exists
   * @param trainExamples most training examples per suite-B adapter
   * @param trainEpochs most epochs per suite-B adapter
   * @param taskArithmeticScales the Task Arithmetic grid of lambda
   * @param tiesDensities the TIES grid of densities
   * @param tiesScales the TIES grid of lambda
   * @param dareDensities the DARE grid of densities (1 - drop rate)
   * @param dareScales the DARE grid of lambda
   */
  public record Comparison(int stage1Budget, int stage2Budget, int fitnessExamples, int testExamples,
      List<Long> seeds, boolean suiteB, int trainExamples, int trainEpochs, List<Double> taskArithmeticScales,
      List<Double> tiesDensities, List<Double> tiesScales, List<Double> dareDensities, List<Double> dareScales) {
    public Comparison {
      seeds = List.copyOf(seeds);
      taskArithmeticScales = List.copyOf(taskArithmeticScales);
      tiesDensities = List.copyOf(tiesDensities);
      tiesScales = List.copyOf(tiesScales);
      dareDensities = List.copyOf(dareDensities);
      dareScales = List.copyOf(dareScales);
    }
  }
}
