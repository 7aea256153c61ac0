package io.evomerge.bench;

import io.evomerge.bench.internal.BenchService;
import io.evomerge.config.ServiceConfig;
import io.evomerge.client.MergeClient;
import io.evomerge.config.ConfigLoader;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.data.DataFiles;
import io.evomerge.data.Example;
import io.evomerge.data.Shards;
import io.evomerge.job.EvoMergeJob;
import io.evomerge.job.RunOptions;
import io.evomerge.job.output.MethodResult;
import io.evomerge.job.output.ResultJson;
import io.evomerge.protocol.StrategySpec;
import io.evomerge.protocol.AdapterInfo;
import io.evomerge.model.MergeModel;
import io.evomerge.data.ExampleWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * The paper's comparison table on one suite of targets: for every target and seed, the job runs
 * Evo-Merging with {@code --compare} (every black-box baseline and ablation, and our warm scaling,
 * each with the same evaluation budget, on the same fitness and test sets), and the service
 * computes the white-box merges (Task Arithmetic, TIES, DARE) over a grid chosen on the fitness
 * set, plus the zero-shot base model for reference. Results are aggregated per method as mean and
 * standard deviation over seeds. Not thread-safe.
 */
public final class ComparisonBench {

  /** The row order of the tables. */
  public static final List<String> METHODS = List.of("evo-merging", "warm-scaling", "lorahub", "uniform", "best-single",
      "random-search", "without-denoising", "without-scaling", "without-sign-flip", "task-arithmetic", "ties",
      "dare", "base (zero-shot)");

  private final BenchPlan.Comparison plan;
  private final String master;
  private final Path work;
  private final PrintWriter log;

  public ComparisonBench(BenchPlan.Comparison plan, String master, Path work, PrintWriter log) {
    this.plan = plan;
    this.master = master;
    this.work = work;
    this.log = log;
  }

  /**
   * One target of a suite: its fitness and test files and the adapters merged.
   *
   * @param adapters ids of the repository's adapters to merge; empty means all
   */
  public record Target(String name, String fitness, String test, List<String> adapters) {
    public Target {
      adapters = List.copyOf(adapters);
    }
  }

  /**
   * One method on one target (or on average over targets), over seeds. Immutable.
   *
   * @param kind {@code black-box}, {@code white-box} or {@code reference}
   * @param chosen the white-box grid point chosen per seed, or empty
   */
  public record MethodRow(String method, String kind, Stat accuracy, Stat macroF1, Stat fitnessLoss, Stat apiCalls,
      List<String> chosen) {
    public MethodRow {
      chosen = List.copyOf(chosen);
    }
  }

  /** One target's rows. Immutable. */
  public record TargetResult(String target, int adapters, int fitnessExamples, int testExamples, List<MethodRow> rows,
      double seconds) {
    public TargetResult {
      rows = List.copyOf(rows);
    }
  }

  /** A suite: every target and the average over targets. Immutable. */
  public record SuiteResult(String name, String description, List<TargetResult> targets, List<MethodRow> average,
      String skipped) {
    public SuiteResult {
      targets = List.copyOf(targets);
      average = List.copyOf(average);
    }

    public static SuiteResult skipped(String name, String description, String why) {
      return new SuiteResult(name, description, List.of(), List.of(), why);
    }
  }

  /** One (method, seed) measurement. */
  private record Score(double accuracy, double macroF1, double fitnessLoss, long apiCalls, String chosen) {}

  /** Runs every target of a suite against {@code model} (behind a fresh loopback service). */
  public SuiteResult run(String name, String description, MergeModel model, List<Target> targets, SparkSession spark)
      throws IOException {
    List<TargetResult> results = new ArrayList<>();
    List<Map<String, List<Score>>> perTarget = new ArrayList<>();
    try (BenchService service = BenchService.start(model, 64)) {
      for (Target given : targets) {
        Target target = capped(name, given);
        long start = System.nanoTime();
        Map<String, List<Score>> scores = target(name, target, service, model, spark);
        perTarget.add(scores);
        results.add(summary(target, model, scores, (System.nanoTime() - start) / 1e9));
      }
    }
    return new SuiteResult(name, description, results, average(perTarget), null);
  }

  private Map<String, List<Score>> target(String suite, Target target, BenchService service, MergeModel model,
      SparkSession spark) throws IOException {
    Map<String, List<Score>> scores = new LinkedHashMap<>();
    METHODS.forEach(m -> scores.put(m, new ArrayList<>()));
    EvoMergeConfig config = config(suite, target, plan.seeds().get(0), service);
    ServiceConfig client = service.client(config.service());
    Shards fitness = Shards.of(Shards.firstById(DataFiles.read(config.data().fitness()), plan.fitnessExamples()),
        config.data().shardSize());
    Shards test = Shards.of(testExamples(config.data().test()), config.data().shardSize());
    WhiteBoxGrid grid = new WhiteBoxGrid(MergeClient.of(client), model.adapters().size(), selected(model, target));
    Score base = score(grid.base(fitness, test));
    Score taskArithmetic = score(grid.choose(WhiteBoxGrid.grid(plan, StrategySpec.Kind.TASK_ARITHMETIC, 0), fitness, test));
    Score ties = score(grid.choose(WhiteBoxGrid.grid(plan, StrategySpec.Kind.TIES, 0), fitness, test));
    for (long seed : plan.seeds()) {
      log.printf("comparison: %s / %s, seed %d ...%n", suite, target.name(), seed);
      blackBox(config(suite, target, seed, service), client, spark).forEach((m, s) -> scores.get(m).add(s));
      scores.get("task-arithmetic").add(taskArithmetic);
      scores.get("ties").add(ties);
      scores.get("dare").add(score(grid.choose(WhiteBoxGrid.grid(plan, StrategySpec.Kind.DARE, seed), fitness, test)));
      scores.get("base (zero-shot)").add(base);
    }
    return scores;
  }

  private List<Example> testExamples(String path) {
    return Shards.sortedById(DataFiles.read(path));
  }

  /**
   * {@code target}, with its test split cut to the plan's first {@code testExamples} by id, written
   * under the work folder (quick runs only; never inside the project).
   */
  private Target capped(String suite, Target target) throws IOException {
    if (plan.testExamples() <= 0) {
      return target;
    }
    Path file = work.resolve("tests").resolve(suite.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + target.name() + ".jsonl");
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      ExampleWriter.write(Shards.firstById(DataFiles.read(target.test()), plan.testExamples()), out);
    }
    return new Target(target.name(), target.fitness(), file.toString(), target.adapters());
  }

  private Map<String, Score> blackBox(EvoMergeConfig config, ServiceConfig client, SparkSession spark)
      throws IOException {
    ResultJson result = new EvoMergeJob(config, spark, InstantSource.system())
        .run(client, Optional.empty(), new RunOptions(false, false, true, Integer.MAX_VALUE)).result()
        .orElseThrow(() -> new IllegalStateException("the comparison run stopped before its end"));
    Map<String, Score> out = new LinkedHashMap<>();
    out.put(result.best().method(), score(result.best()));
    result.compared().forEach(m -> out.put(m.method(), score(m)));
    log.printf("comparison:   %s%n", out.entrySet().stream().map(e -> String.format(java.util.Locale.ROOT,
        "%s %.3f", e.getKey(), e.getValue().accuracy())).collect(Collectors.joining(", ")));
    return out;
  }

  private EvoMergeConfig config(String suite, Target target, long seed, BenchService service) {
    List<String> overrides = new ArrayList<>(List.of(
        "search.seed=" + seed,
        "search.stage1.budget=" + plan.stage1Budget(),
        "search.stage2.budget=" + plan.stage2Budget(),
        "compare=[]",
        "service.url=" + service.baseUrl(),
        "data.fitness=" + target.fitness(),
        "data.test=" + target.test(),
        "data.maxFitnessExamples=" + plan.fitnessExamples(),
        "data.adapters=[" + String.join(",", target.adapters()) + "]",
        "spark.master=" + master,
        "output.dir=" + work.resolve("runs"),
        "output.runId=" + suite.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + target.name() + "-" + seed,
        "output.checkpoint=false"));
    return ConfigLoader.load(overrides);
  }

  private int[] selected(MergeModel model, Target target) {
    List<String> ids = model.adapters().stream().map(AdapterInfo::id).toList();
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (target.adapters().isEmpty() || target.adapters().contains(ids.get(i))) {
        chosen.add(i);
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  private static Score score(MethodResult m) {
    return new Score(m.test().accuracy(), m.test().macroF1(), m.fitnessLoss(), m.apiCalls(), "");
  }

  private static Score score(WhiteBoxGrid.Outcome o) {
    return new Score(o.test().accuracy(), o.test().macroF1(), o.fitnessLoss(), o.apiCalls(), o.chosen());
  }

  private TargetResult summary(Target target, MergeModel model, Map<String, List<Score>> scores, double seconds) {
    List<MethodRow> rows = new ArrayList<>();
    scores.forEach((method, list) -> rows.add(row(method, list)));
    int adapters = target.adapters().isEmpty() ? model.adapters().size() : target.adapters().size();
    int tests = testExamples(target.test()).size();
    return new TargetResult(target.name(), adapters, plan.fitnessExamples(), tests, rows, seconds);
  }

  private static MethodRow row(String method, List<Score> list) {
    return new MethodRow(method, kind(method),
        Stat.of(list.stream().mapToDouble(Score::accuracy).toArray()),
        Stat.of(list.stream().mapToDouble(Score::macroF1).toArray()),
        Stat.of(list.stream().mapToDouble(Score::fitnessLoss).toArray()),
        Stat.of(list.stream().mapToDouble(s -> s.apiCalls()).toArray()),
        list.stream().map(Score::chosen).filter(c -> !c.isEmpty()).distinct().toList());
  }

  /** Per method: the mean over targets of each seed's score, then mean and std over seeds. */
  private List<MethodRow> average(List<Map<String, List<Score>>> perTarget) {
    List<MethodRow> rows = new ArrayList<>();
    if (perTarget.isEmpty()) {
      return rows;
    }
    for (String method : METHODS) {
      int seeds = perTarget.get(0).get(method).size();
      List<Score> averaged = new ArrayList<>();
      for (int s = 0; s < seeds; s++) {
        int k = s;
        averaged.add(new Score(
            perTarget.stream().mapToDouble(t -> t.get(method).get(k).accuracy()).average().orElse(Double.NaN),
            perTarget.stream().mapToDouble(t -> t.get(method).get(k).macroF1()).average().orElse(Double.NaN),
            perTarget.stream().mapToDouble(t -> t.get(method).get(k).fitnessLoss()).average().orElse(Double.NaN),
            Math.round(perTarget.stream().mapToDouble(t -> t.get(method).get(k).apiCalls()).average().orElse(0)),
            ""));
      }
      rows.add(row(method, averaged));
    }
    return rows;
  }

  static String kind(String method) {
    return switch (method) {
      case "task-arithmetic", "ties", "dare" -> "white-box";
      case "base (zero-shot)" -> "reference";
      default -> "black-box";
    };
  }
}
