package io.evomerge.bench;

import io.evomerge.client.MergeClient;
import io.evomerge.data.Shard;
import io.evomerge.data.Shards;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.StrategySpec;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.report.TestScore;
import java.util.ArrayList;
import java.util.List;

/**
 * A white-box merge chosen on the fitness set: every grid point (a strategy and a common weight
 * lambda for the selected adapters) is scored by the service on the fitness shards, the point
 * with the lowest mean loss is kept (the first on a tie) and scored on the test set. Every
 * fitness-set call counts as an API call of the method; the test-set calls are not counted, as
 * for the black-box methods. Immutable; thread-safe if the client is.
 */
public final class WhiteBoxGrid {

  private final MergeClient client;
  private final int repositorySize;
  private final int[] selected;

  /**
   * @param selected indices into the repository of the adapters merged; the others get weight 0
   */
  public WhiteBoxGrid(MergeClient client, int repositorySize, int[] selected) {
    this.client = client;
    this.repositorySize = repositorySize;
    this.selected = selected.clone();
  }

  /** One grid point. Immutable. */
  public record Point(StrategySpec strategy, double scale) {
    public String label() {
      return strategy.key() + ",lambda=" + scale;
    }
  }

  /**
   * What the grid gave. Immutable.
   *
   * @param chosen the label of the chosen point
   * @param fitnessLoss its mean loss on the fitness set
   * @param test its scores on the test set
   * @param apiCalls fitness-set calls over the whole grid
   */
  public record Outcome(String chosen, double fitnessLoss, TestScore test, long apiCalls) {}

  /** Scores every point of {@code grid} on {@code fitness}, then the best on {@code test}. */
  public Outcome choose(List<Point> grid, Shards fitness, Shards test) {
    Point best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (Point point : grid) {
      double loss = meanLoss(score(point.strategy(), vectors(point.scale()), fitness));
      if (loss < bestLoss) {
        best = point;
        bestLoss = loss;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no grid point gave a finite loss");
    }
    List<ExampleResult> onTest = score(best.strategy(), vectors(best.scale()), test);
    return new Outcome(best.label(), bestLoss, TestScore.of(test.examples(), onTest),
        (long) grid.size() * fitness.count());
  }

  /** The base model (every weight 0, the default rule): the zero-shot classifier. */
  public Outcome base(Shards fitness, Shards test) {
    ControlVectors zero = ControlVectors.of(new double[repositorySize], new double[repositorySize]);
    double loss = meanLoss(score(null, zero, fitness));
    List<ExampleResult> onTest = score(null, zero, test);
    return new Outcome("beta = 0", loss, TestScore.of(test.examples(), onTest), fitness.count());
  }

  private ControlVectors vectors(double scale) {
    double[] alpha = new double[repositorySize];
    double[] beta = new double[repositorySize];
    for (int i : selected) {
      alpha[i] = 1;
      beta[i] = scale;
    }
    return ControlVectors.of(alpha, beta);
  }

  private List<ExampleResult> score(StrategySpec strategy, ControlVectors vectors, Shards shards) {
    List<EvaluateRequest> requests = new ArrayList<>(shards.count());
    for (Shard shard : shards) {
      requests.add(new EvaluateRequest(vectors.alpha(), vectors.beta(), shard.examples(), strategy));
    }
    List<ExampleResult> results = new ArrayList<>();
    for (EvaluateResponse answer : client.callAll(requests, client::evaluate)) {
      results.addAll(answer.results());
    }
    return results;
  }

  private static double meanLoss(List<ExampleResult> results) {
    double sum = 0;
    for (ExampleResult r : results) {
      sum += r.loss();
    }
    return sum / results.size();
  }

  /** Every (strategy, lambda) of the plan's grids; DARE masks drawn from {@code seed}. */
  public static List<Point> grid(BenchPlan.Comparison plan, StrategySpec.Kind kind, long seed) {
    List<Point> points = new ArrayList<>();
    switch (kind) {
      case TASK_ARITHMETIC -> plan.taskArithmeticScales().forEach(s -> points.add(new Point(new StrategySpec("task-arithmetic", null, null), s)));
      case TIES -> plan.tiesDensities().forEach(d -> plan.tiesScales().forEach(s -> points.add(new Point(new StrategySpec("ties", d, null), s))));
      case DARE -> plan.dareDensities().forEach(d -> plan.dareScales().forEach(s -> points.add(new Point(new StrategySpec("dare", d, seed), s))));
      case ASYMMETRIC -> throw new IllegalArgumentException("the asymmetric rule has no white-box grid");
    }
    return points;
  }
}
