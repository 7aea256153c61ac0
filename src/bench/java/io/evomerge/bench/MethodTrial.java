package io.evomerge.bench;

import io.evomerge.data.DataFiles;
import io.evomerge.data.Example;
import io.evomerge.data.Shard;
import io.evomerge.data.Shards;
import io.evomerge.encoder.MiniLmEncoder;
import io.evomerge.job.AdapterSelection;
import io.evomerge.merge.ControlVectors;
import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.AdapterInfo;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.report.TestScore;
import io.evomerge.search.Evaluated;
import io.evomerge.search.Generation;
import io.evomerge.search.MergeSearch;
import io.evomerge.search.MergeSearches;
import io.evomerge.search.Method;
import io.evomerge.search.SearchSettings;
import io.evomerge.search.SearchState;
import io.evomerge.search.StageSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.evomerge.bench.ComparisonBench.MethodRow;
import io.evomerge.bench.ComparisonBench.SuiteResult;
import io.evomerge.bench.ComparisonBench.TargetResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The comparison's black-box part in one JVM, without Spark or HTTP: each method's search
 * ({@link MergeSearches}, the code the job runs) scored in-process by the reference model, on the
 * same fitness shards (first {@code fitnessExamples} dev examples by id, shards of 15) and test
 * split as {@link ComparisonBench}, at the same budgets. A fast way to compare methods on both
 * suites before a full {@code bench} run. Not thread-safe.
 *
 * <p>{@code submit/evomerge bench --methods warm-scaling,lorahub} runs it (see {@link BenchCommand}).
 */
public final class MethodTrial {

  private static final int SHARD_SIZE = 15;

  /** One method on one target with one seed. */
  public record Outcome(String suite, String target, long seed, String method, double accuracy, double macroF1,
      double fitnessLoss, long apiCalls, int adapters, int testExamples, double seconds) {}

  private final BenchPlan.Comparison plan;
  private final PrintWriter log;
  private final ExecutorService pool;

  public MethodTrial(BenchPlan.Comparison plan, PrintWriter log, int threads) {
    this.plan = plan;
    this.log = log;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "method-trial");
      t.setDaemon(true);
      return t;
    });
  }

  /** Every method on every target and seed of one suite. */
  public List<Outcome> run(String suite, ReferenceModel model, List<ComparisonBench.Target> targets,
      List<Long> seeds, List<String> methods) {
    List<Outcome> out = new ArrayList<>();
    List<String> ids = model.adapters().stream().map(AdapterInfo::id).toList();
    for (ComparisonBench.Target target : targets) {
      AdapterSelection adapters = AdapterSelection.of(ids, target.adapters());
      Shards fitness = Shards.of(Shards.firstById(DataFiles.read(target.fitness()), plan.fitnessExamples()),
          SHARD_SIZE);
      List<Example> test = Shards.sortedById(DataFiles.read(target.test()));
      if (plan.testExamples() > 0) {
        test = test.subList(0, Math.min(plan.testExamples(), test.size()));
      }
      for (long seed : seeds) {
        for (String method : methods) {
          long start = System.nanoTime();
          SearchState searched = search(settings(method, seed), model, adapters, fitness);
          Evaluated best = searched.best().toEvaluated();
          List<ExampleResult> results = model.evaluate(adapters.expand(best.candidate().vectors()), test);
          TestScore score = TestScore.of(test, results);
          Outcome o = new Outcome(suite, target.name(), seed, method, score.accuracy(), score.macroF1(), best.loss(),
              (long) searched.evaluations() * fitness.count(), adapters.size(), test.size(),
              (System.nanoTime() - start) / 1e9);
          out.add(o);
          log.printf(Locale.ROOT, "trial %s %-22s seed %d %-28s acc %.4f loss %.4f (%.0f s)%n", suite, target.name(),
              seed, method, o.accuracy(), o.fitnessLoss(), (System.nanoTime() - start) / 1e9);
          log.flush();
        }
      }
    }
    return out;
  }

  private SearchSettings settings(String method, long seed) {
    SearchSettings d = SearchSettings.defaults();
    return new SearchSettings(seed, Method.of(method), d.stage1().withBudget(plan.stage1Budget()),
        d.stage2().withBudget(plan.stage2Budget()), d.scaleBound(), d.covariance());
  }

  private SearchState search(SearchSettings settings, ReferenceModel model, AdapterSelection adapters, Shards fitness) {
    MergeSearch search = MergeSearches.create(settings, adapters.size());
    SearchState state = search.start();
    while (!state.done()) {
      Generation g = search.ask(state);
      List<Future<Double>> losses = new ArrayList<>();
      for (var c : g.candidates()) {
        ControlVectors v = adapters.expand(c.vectors());
        losses.add(pool.submit(() -> loss(model, v, fitness)));
      }
      double[] told = new double[losses.size()];
      for (int k = 0; k < told.length; k++) {
        try {
          told[k] = losses.get(k).get();
        } catch (InterruptedException | ExecutionException e) {
          throw new IllegalStateException(e);
        }
      }
      state = search.tell(state, told).state();
    }
    return state;
  }

  /** The mean loss over every example of every shard, summed in shard order as the job does. */
  private static double loss(ReferenceModel model, ControlVectors v, Shards fitness) {
    double sum = 0;
    int count = 0;
    for (Shard shard : fitness.list()) {
      for (ExampleResult r : model.evaluate(v, shard.examples())) {
        sum += r.loss();
        count++;
      }
    }
    return sum / count;
  }

  /** A suite's rows as {@link ComparisonBench} reports them, in its method order. */
  public SuiteResult suite(String name, String description, List<ComparisonBench.Target> targets,
      List<Outcome> outcomes, List<String> methods) {
    List<String> order = ComparisonBench.METHODS.stream().filter(methods::contains).toList();
    List<TargetResult> results = new ArrayList<>();
    for (ComparisonBench.Target t : targets) {
      List<Outcome> own = outcomes.stream().filter(o -> o.target().equals(t.name())).toList();
      results.add(new TargetResult(t.name(), own.get(0).adapters(), plan.fitnessExamples(), own.get(0).testExamples(),
          order.stream().map(m -> row(m, own.stream().filter(o -> o.method().equals(m)).toList())).toList(),
          own.stream().mapToDouble(Outcome::seconds).sum()));
    }
    List<MethodRow> average = new ArrayList<>();
    for (String m : order) {
      List<Outcome> perSeed = new ArrayList<>();
      for (long seed : plan.seeds()) {
        List<Outcome> os = outcomes.stream().filter(o -> o.method().equals(m) && o.seed() == seed).toList();
        perSeed.add(new Outcome(name, "average", seed, m, os.stream().mapToDouble(Outcome::accuracy).average().orElse(Double.NaN),
            os.stream().mapToDouble(Outcome::macroF1).average().orElse(Double.NaN),
            os.stream().mapToDouble(Outcome::fitnessLoss).average().orElse(Double.NaN),
            Math.round(os.stream().mapToLong(Outcome::apiCalls).average().orElse(0)), 0, 0, 0));
      }
      average.add(row(m, perSeed));
    }
    return new SuiteResult(name, description, results, average, null);
  }

  private static MethodRow row(String method, List<Outcome> list) {
    return new MethodRow(method, ComparisonBench.kind(method),
        Stat.of(list.stream().mapToDouble(Outcome::accuracy).toArray()),
        Stat.of(list.stream().mapToDouble(Outcome::macroF1).toArray()),
        Stat.of(list.stream().mapToDouble(Outcome::fitnessLoss).toArray()),
        Stat.of(list.stream().mapToDouble(Outcome::apiCalls).toArray()), List.of());
  }

  /**
   * Runs {@code methods} on {@code suites} ({@code A}, {@code B}) at {@code plan}'s budgets and
   * seeds, and writes the comparison section to {@code out}; {@code command} is quoted in it.
   * Suite B's adapters are trained into {@code inputs.work()} once and read from there afterwards.
   */
  public static void write(BenchPlan.Comparison plan, List<String> suites, List<String> methods,
      Benchmarks.Inputs inputs, Path out, PrintWriter log) throws IOException {
    MethodTrial trial = new MethodTrial(plan, log, Integer.getInteger("evomerge.trial.threads", 2));
    long start = System.nanoTime();
    StringBuilder md = new StringBuilder();
    try {
      for (String suite : suites) {
        ReferenceModel model;
        List<ComparisonBench.Target> targets;
        String description;
        if (suite.equals("A")) {
          model = ReferenceModel.load(inputs.repository());
          targets = Benchmarks.suiteATargets(inputs.tasks());
          description = Benchmarks.suiteADescription(model);
        } else {
          RealDataSuite real = new RealDataSuite(inputs.datasets(), plan, log);
          Path repo = inputs.work().resolve("suite-b-repository");
          if (!Files.isDirectory(repo)) {
            real.train(real.present(), MiniLmEncoder.sharedCached(), repo);
          }
          model = ReferenceModel.load(repo); // as written (F32), whether trained now or before
          targets = real.targets(real.present());
          description = Benchmarks.suiteBDescription(inputs.datasets());
        }
        List<Outcome> outcomes = trial.run(suite, model, targets, plan.seeds(), methods);
        MarkdownReport.suite(md, trial.suite(suite, description, targets, outcomes, methods));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, head(plan, inputs.command(), start) + md, StandardCharsets.UTF_8);
      }
    } finally {
      trial.pool.shutdown();
    }
    log.println("bench: wrote " + out);
  }

  private static String head(BenchPlan.Comparison plan, String command, long start) {
    return "# EvoMerge comparison of black-box methods (in-process)\n\n"
        + "Generated by `" + command + "`" + String.format(Locale.ROOT, ", %.1f minutes of wall time."
            + " Do not edit: run the command again.%n%n", (System.nanoTime() - start) / 6e10)
        + "Only the black-box methods named in the command: each searched by the job's own code"
        + " (`MergeSearches`) and scored in one JVM by the reference model, without Spark or HTTP, on the same"
        + " fitness set as the full `bench` (the first " + plan.fitnessExamples() + " dev examples by id, in"
        + " shards of " + SHARD_SIZE + ") and the same test splits, with the same budget for every searching"
        + " method: " + (plan.stage1Budget() + plan.stage2Budget()) + " candidate evaluations ("
        + plan.stage1Budget() + " + " + plan.stage2Budget() + "); seeds " + plan.seeds() + ". API calls are"
        + " the fitness-set calls of the search (evaluations x shards), as in BENCHMARKS.md, where the white-box"
        + " merges and the ablations are, from the last full `bench` run.\n\n";
  }
}
