package io.evomerge.train;

import io.evomerge.adapter.AdapterRepository;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.model.ReferenceModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the headroom of a held-out target task: reference merges chosen without the test split,
 * each scored on the target's dev (fitness) and test splits. Not a search method of the project,
 * only a check that merging can beat the baselines. Immutable and thread-safe.
 */
public final class TargetEvaluation {

  static final double[] GRID = {-1.5, -1.0, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1.0, 1.5};
  static final int SWEEPS = 2;

  private final ReferenceModel model;
  private final RepositoryTrainer trainer;

  private TargetEvaluation(ReferenceModel model, RepositoryTrainer trainer) {
    this.model = model;
    this.trainer = trainer;
  }

  public static TargetEvaluation of(ReferenceModel model, RepositoryTrainer trainer) {
    return new TargetEvaluation(model, trainer);
  }

  public record Row(String method, String detail, Scores dev, Scores test) {}

  public record Report(String target, List<Row> rows) {
    public Report {
      rows = List.copyOf(rows);
    }

    public Row row(String method) {
      return rows.stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow();
    }
  }

  public Report evaluate(TaskData target, long seed) {
    List<Example> dev = target.split("dev");
    List<Example> test = target.split("test");
    int n = model.repository().size();
    List<Row> rows = new ArrayList<>();
    rows.add(row("base", "beta = 0", ReferenceModel.baseVectors(n), dev, test));
    rows.add(row("uniform", "alpha = 1, beta = 1/N", ControlVectors.uniform(n), dev, test));
    int best = bestSingle(dev);
    rows.add(row("best single", model.repository().adapter(best).id() + " (chosen on dev)", single(best, 1.0), dev, test));
    intended(target, dev, test).ifPresent(rows::add);
    rows.add(coordinateSearch(dev, test));
    rows.add(oracle(target, seed));
    return new Report(target.id(), rows);
  }

  private Row row(String method, String detail, ControlVectors v, List<Example> dev, List<Example> test) {
    return new Row(method, detail, Scores.of(model, v, dev), Scores.of(model, v, test));
  }

  private ControlVectors single(int index, double beta) {
    int n = model.repository().size();
    double[] alpha = new double[n];
    double[] betas = new double[n];
    Arrays.fill(alpha, 1.0);
    betas[index] = beta;
    return ControlVectors.of(alpha, betas);
  }

  /** The adapter with the best dev accuracy; ties by lower dev loss, then repository order. */
  private int bestSingle(List<Example> dev) {
    int best = -1;
    Scores bestScores = null;
    for (int i = 0; i < model.repository().size(); i++) {
      Scores s = Scores.of(model, single(i, 1.0), dev);
      if (bestScores == null || s.accuracy() > bestScores.accuracy()
          || s.accuracy() == bestScores.accuracy() && s.loss() < bestScores.loss()) {
        best = i;
        bestScores = s;
      }
    }
    return best;
  }

  private java.util.Optional<Row> intended(TaskData target, List<Example> dev, List<Example> test) {
    List<String> helpful = target.info().intended().getOrDefault("helpful", List.of());
    List<String> subtract = target.info().intended().getOrDefault("subtract", List.of());
    if (helpful.isEmpty() && subtract.isEmpty()) {
      return java.util.Optional.empty();
    }
    AdapterRepository repo = model.repository();
    int n = repo.size();
    double[] alpha = new double[n];
    double[] beta = new double[n];
    Arrays.fill(alpha, 1.0);
    double w = 1 / Math.sqrt(helpful.size() + subtract.size());
    helpful.stream().mapToInt(repo::indexOf).filter(i -> i >= 0).forEach(i -> beta[i] = w);
    subtract.stream().mapToInt(repo::indexOf).filter(i -> i >= 0).forEach(i -> beta[i] = -w);
    return java.util.Optional.of(row("intended", "helpful +" + round(w) + ", subtract -" + round(w),
        ControlVectors.of(alpha, beta), dev, test));
  }

  /**
   * Coordinate search on the dev loss: alpha = 1, start from the best single adapter, then for each
   * adapter in order try every beta of {@link #GRID}, keep the best; {@link #SWEEPS} sweeps.
   */
  private Row coordinateSearch(List<Example> dev, List<Example> test) {
    int n = model.repository().size();
    double[] alpha = new double[n];
    Arrays.fill(alpha, 1.0);
    double[] beta = single(bestSingle(dev), 1.0).beta();
    double bestLoss = Scores.of(model, ControlVectors.of(alpha, beta), dev).loss();
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      for (int i = 0; i < n; i++) {
        double keep = beta[i];
        for (double g : GRID) {
          beta[i] = g;
          double loss = Scores.of(model, ControlVectors.of(alpha, beta), dev).loss();
          if (loss < bestLoss) {
            bestLoss = loss;
            keep = g;
          }
        }
        beta[i] = keep;
      }
    }
    return row("dev-tuned beta", "coordinate search on dev loss, alpha = 1, " + nonZero(beta) + " adapters used",
        ControlVectors.of(alpha, beta), dev, test);
  }

  private Row oracle(TaskData target, long seed) {
    EncodedSet dev = EncodedSet.of(target.split("dev"), model.encoder());
    TrainingResult r = AdapterTrainer.of(trainerSettings().withPatience(0).withEpochs(20))
        .train("oracle", "", dev, EncodedSet.of(List.of(), model.encoder()), RepositoryTrainer.generator(seed, target.id()));
    ReferenceModel oracle = new ReferenceModel(new AdapterRepository("oracle", List.of(r.adapter())),
        model.encoder(), model.temperature());
    ControlVectors one = ControlVectors.of(new double[] {1}, new double[] {1});
    return new Row("oracle", "adapter trained on the target dev split (20 epochs)",
        Scores.of(oracle, one, target.split("dev")), Scores.of(oracle, one, target.split("test")));
  }

  private TrainingSettings trainerSettings() {
    return trainer.settings();
  }

  private static long nonZero(double[] beta) {
    return Arrays.stream(beta).filter(b -> b != 0).count();
  }

  private static String round(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }
}
