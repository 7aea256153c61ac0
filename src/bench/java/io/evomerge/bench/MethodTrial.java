package io.evomerge.bench;

import io.evomerge.config.TestConfigs;
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
import io.evomerge.protocol.StrategySpec;
import io.evomerge.report.TestScore;
import io.evomerge.search.Evaluated;
import io.evomerge.search.Generation;
import io.evomerge.search.MergeSearch;
import io.evomerge.search.Method;
import io.evomerge.search.SearchSettings;
import io.evomerge.search.SearchState;
import io.evomerge.selection.ScreeningPlan;
import io.evomerge.selection.ScreeningState;
import io.evomerge.selection.ShardLoss;
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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The comparison's black-box part in one JVM, without Spark or HTTP: each method's search
 * ({@link MergeSearch}, the code the job runs) scored in-process by the reference model, on the
 * same fitness shards (first {@code fitnessExamples} dev examples by id, shards of 15) and test
 * split as {@link ComparisonBench}, at the same budgets. A fast way to compare methods on both
 * suites before a full {@code bench} run. Not thread-safe.
 *
 * <p>A row may name a merge rule and a screening after the method ({@link Row}), for example {@code
 * lorahub@concat} or {@code warm-scaling+screen8}.
 *
 * <p>{@code submit/evomerge bench --methods warm-scaling,lorahub} runs it (see {@link BenchCommand}).
 */
public final class MethodTrial {

  private static final int SHARD_SIZE = 15;

  /** One method on one target with one seed. */
  public record Outcome(String suite, String target, long seed, String method, double accuracy, double macroF1,
      double fitnessLoss, long apiCalls, int adapters, int testExamples, double seconds) {}

  /**
   * One row of the trial, {@code METHOD[@RULE][+screenK]}: the method, the service's merge rule
   * ({@code null}: its default, the paper's asymmetric rule; else a {@link StrategySpec} name such as
   * {@code concat}), and the top K of a screening ({@link ScreeningPlan}, initialShards 2,
   * keepFraction 0.5) that the method then searches (0: every adapter, no screening). Immutable.
   */
  public record Row(String id, Method method, StrategySpec rule, int topK) {

    public static Row of(String id) {
      String rest = id;
      int topK = 0;
      int plus = rest.indexOf('+');
      if (plus >= 0) {
        String screen = rest.substring(plus + 1);
        if (!screen.matches("screen[1-9][0-9]*")) {
          throw new IllegalArgumentException("--methods: '" + id + "': after '+' expected screenK (K > 0),"
              + " for example lorahub+screen8");
        }
        topK = Integer.parseInt(screen.substring("screen".length()));
        rest = rest.substring(0, plus);
      }
      int at = rest.indexOf('@');
      StrategySpec rule = at < 0 ? null : new StrategySpec(rest.substring(at + 1), null, null);
      return new Row(id, method(at < 0 ? rest : rest.substring(0, at)), rule, topK);
    }

    /** The method named {@code id}; the message lists the allowed names otherwise. */
    private static Method method(String id) {
      return Arrays.stream(Method.values()).filter(m -> m.id().equals(id)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("unknown method '" + id + "', expected one of: "
              + Arrays.stream(Method.values()).map(Method::id).collect(Collectors.joining(", "))));
    }

    /** The row this one varies: the method alone, with the default rule and no screening. */
    public String base() {
      return method.id();
    }
  }

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
          Row row = Row.of(method);
          AdapterSelection searched = adapters;
          long screeningCalls = 0;
          if (row.topK() > 0) {
            ScreeningPlan screening = ScreeningPlan.of(TestConfigs.topK(row.topK(), 2), adapters.ids(),
                fitness.count());
            searched = narrowed(adapters, screening.selection(screen(screening, model, adapters, fitness, row.rule())));
            screeningCalls = screening.totalCalls();
          }
          int spent = (int) ((screeningCalls + fitness.count() - 1) / fitness.count());
          SearchState state = search(settings(row.method(), seed, spent), model, searched, fitness, row.rule());
          Evaluated best = state.best();
          List<ExampleResult> results = model.evaluate(searched.expand(best.candidate().vectors()), test, row.rule());
          TestScore score = TestScore.of(test, results);
          Outcome o = new Outcome(suite, target.name(), seed, method, score.accuracy(), score.macroF1(), best.loss(),
              screeningCalls + (long) state.evaluations() * fitness.count(), searched.size(), test.size(),
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

  /**
   * The plan's budgets less {@code spent} evaluations (a screening's calls, rounded up to whole
   * evaluations of every shard), taken from stage 1's: the total is what LoraHub and warm scaling
   * spend, so a screened row sends at most as many calls as an unscreened one.
   */
  private SearchSettings settings(Method method, long seed, int spent) {
    SearchSettings d = SearchSettings.defaults();
    if (plan.stage1Budget() - spent < d.stage1().popSize()) {
      throw new IllegalArgumentException("the screening's " + spent + " evaluations do not fit stage 1's budget of "
          + plan.stage1Budget() + " (popSize " + d.stage1().popSize() + "); use more fitness examples or a larger K");
    }
    return new SearchSettings(seed, method, d.stage1().withBudget(plan.stage1Budget() - spent),
        d.stage2().withBudget(plan.stage2Budget()), d.scaleBound(), d.covariance());
  }

  /** Every round of {@code plan}, each (adapter, shard) pair scored as one call under {@code rule}. */
  private ScreeningState screen(ScreeningPlan plan, ReferenceModel model, AdapterSelection adapters, Shards fitness,
      StrategySpec rule) {
    ScreeningState state = ScreeningState.start(plan);
    for (ScreeningPlan.Round round = plan.round(state); !round.isEmpty(); round = plan.round(state)) {
      List<Future<ShardLoss>> scores = new ArrayList<>();
      for (ShardLoss.Pair pair : round.pairs()) {
        Shard shard = fitness.list().get(pair.shard());
        ControlVectors v = adapters.expand(plan.vectors(pair));
        scores.add(pool.submit(() -> new ShardLoss(pair.adapter(), pair.shard(),
            loss(model, v, List.of(shard), rule), shard.size())));
      }
      state = state.withScores(scores.stream().map(MethodTrial::join).toList());
    }
    return state;
  }

  /** {@code adapters} narrowed to {@code picked}, indices into its own selection. */
  private static AdapterSelection narrowed(AdapterSelection adapters, int[] picked) {
    int[] selected = adapters.selected();
    return new AdapterSelection(adapters.repository(), java.util.stream.IntStream.of(picked).map(i -> selected[i])
        .toArray());
  }

  private SearchState search(SearchSettings settings, ReferenceModel model, AdapterSelection adapters, Shards fitness,
      StrategySpec rule) {
    MergeSearch search = new MergeSearch(settings, adapters.size());
    SearchState state = search.start();
    while (!state.done()) {
      Generation g = search.ask(state);
      List<Future<Double>> losses = new ArrayList<>();
      for (var c : g.candidates()) {
        ControlVectors v = adapters.expand(c.vectors());
        losses.add(pool.submit(() -> loss(model, v, fitness.list(), rule)));
      }
      state = search.tell(state, losses.stream().mapToDouble(MethodTrial::join).toArray()).state();
    }
    return state;
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mean loss over every example of every shard, summed in shard order as the job does. */
  private static double loss(ReferenceModel model, ControlVectors v, List<Shard> shards, StrategySpec rule) {
    double sum = 0;
    int count = 0;
    for (Shard shard : shards) {
      for (ExampleResult r : model.evaluate(v, shard.examples(), rule)) {
        sum += r.loss();
        count++;
      }
    }
    return sum / count;
  }

  /** A suite's rows as {@link ComparisonBench} reports them, in its method order. */
  public SuiteResult suite(String name, String description, List<ComparisonBench.Target> targets,
      List<Outcome> outcomes, List<String> methods) {
    List<String> order = new ArrayList<>(ComparisonBench.METHODS.stream().filter(methods::contains).toList());
    methods.stream().filter(m -> !order.contains(m)).forEach(order::add);
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
          Optional<String> skipped = real.whySkipped();
          if (skipped.isPresent()) {
            log.println("suite B: " + skipped.get());
            md.append("### Suite B\n\n").append(skipped.get()).append("\n\n");
            writeDoc(out, head(plan, inputs.command(), methods, start) + md, suites, suite);
            continue;
          }
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
        writeDoc(out, head(plan, inputs.command(), methods, start) + md, suites, suite);
      }
    } finally {
      trial.pool.shutdown();
    }
    log.println("bench: wrote " + out);
  }

  /** Writes {@code text} after {@code done}, saying which of {@code suites} are not measured yet. */
  private static void writeDoc(Path out, String text, List<String> suites, String done) throws IOException {
    List<String> left = suites.subList(suites.indexOf(done) + 1, suites.size());
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, text + (left.isEmpty() ? ""
        : "**Suite " + String.join(", ", left) + ": not measured; the run had not finished it when this file"
            + " was written.**\n"), StandardCharsets.UTF_8);
  }

  private static String head(BenchPlan.Comparison plan, String command, List<String> methods, long start) {
    boolean variants = methods.stream().map(Row::of).anyMatch(r -> r.rule() != null || r.topK() > 0);
    return (variants ? "# EvoMerge black-box methods under both merge rules and with screening (in-process)\n\n"
        : "# EvoMerge comparison of black-box methods (in-process)\n\n")
        + "Generated by `" + command + "`" + String.format(Locale.ROOT, ", %.1f minutes of wall time."
            + " Do not edit: run the command again.%n%n", (System.nanoTime() - start) / 6e10)
        + "Only the black-box methods named in the command: each searched by the job's own code"
        + " (`MergeSearch`) and scored in one JVM by the reference model, without Spark or HTTP, on the same"
        + " fitness set as the full `bench` (the first " + plan.fitnessExamples() + " dev examples by id, in"
        + " shards of " + SHARD_SIZE + ") and the same test splits, with the same budget for every searching"
        + " method: " + (plan.stage1Budget() + plan.stage2Budget()) + " candidate evaluations ("
        + plan.stage1Budget() + " + " + plan.stage2Budget() + "); seeds " + plan.seeds() + ". API calls are"
        + " the fitness-set calls of the search (evaluations x shards), as in BENCHMARKS.md, where the white-box"
        + " merges and the ablations are, from the last full `bench` run.\n\n" + (variants ? VARIANTS : "");
  }

  private static final String VARIANTS = "A row `METHOD@concat` is the method with the reference service's"
      + " provider-side rule `concat` (merge.ConcatMerge: the exact rank-sum of every adapter's update, where a"
      + " negative weight truly subtracts an adapter) in place of its default, the paper's rule (AsymmetricMerge,"
      + " under which a negative beta is only a sign relative to the others); the rule is used for every call of"
      + " the row, search and test. A row `METHOD+screenK` first screens the target's adapters as the job's"
      + " `selection: {topK: K, initialShards: 2, keepFraction: 0.5}` does (package `selection`: each adapter"
      + " alone and the base model, one call per shard, successive halving), then the method searches the top K"
      + " only. Equal budget: the screening's calls are counted in the row's API calls, and the search's budget"
      + " is cut by the same calls rounded up to whole evaluations (calls / fitness shards), taken from stage 1's"
      + " budget, so a screened row never sends more calls than its unscreened one. K = 8 of 22: the paper's"
      + " own runs merge 5 to 7 adapters, and 8 keeps one or two more than that for targets that need them, while"
      + " the screening (22 adapters + base on 2 shards, then the best 11 + base on 2 more: 70 calls, 7"
      + " evaluations of 10 shards) costs under 1% of the budget. Each suite's variant lines say what the rule"
      + " or the screening is worth against the method's own default row.\n\n";
}
