package io.evomerge.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evomerge.client.MergeClient;
import io.evomerge.config.Check;
import io.evomerge.config.ConfigException;
import io.evomerge.config.ConfigLoader;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.job.Meter.Metered;
import io.evomerge.job.output.ApiUsage;
import io.evomerge.job.output.HistoryRow;
import io.evomerge.job.output.HistoryWriter;
import io.evomerge.job.output.MethodResult;
import io.evomerge.job.output.ReportWriter;
import io.evomerge.job.output.ResultJson;
import io.evomerge.job.output.RunDirectory;
import io.evomerge.job.output.ScreeningResult;
import io.evomerge.job.output.StagedOutputs;
import io.evomerge.job.output.Timing;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.Json;
import io.evomerge.protocol.LimitsResponse;
import io.evomerge.report.ProgressLine;
import io.evomerge.report.RunProgress;
import io.evomerge.report.TestScore;
import io.evomerge.search.Evaluated;
import io.evomerge.search.MergeSearch;
import io.evomerge.search.Method;
import io.evomerge.selection.AdapterScreening;
import io.evomerge.selection.ScreeningPlan;
import io.evomerge.selection.ScreeningState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One EvoMerge run on a Spark session: checks the output folder, the data and the service's
 * limits; runs the screening of {@code selection} if it screens ({@link ScreeningRun}), then each
 * method's search ({@link SearchLoop}), checkpointing after every step; then writes the history,
 * {@code result.json} and {@code report.html} <em>before</em> scoring every method's best merge on
 * the test set (a failure there loses nothing, a resume scores only what is missing), and writes
 * them again with the scores.
 *
 * <p>Budget: {@code budget.maxApiCalls} and {@code budget.maxExamples} cover every evaluation call,
 * test scoring included, counted as sent (retries, and lost task attempts charged in full). Each
 * step is planned with headroom for retries and the test scoring reserved.
 */
public final class EvoMergeJob {

  private static final Logger LOG = LoggerFactory.getLogger(EvoMergeJob.class);
  private static final ObjectMapper MAPPER = Json.mapper();

  private final EvoMergeConfig config;
  private final SparkSession spark;
  private final InstantSource clock;

  public EvoMergeJob(EvoMergeConfig config, SparkSession spark, InstantSource clock) {
    this.config = config;
    this.spark = spark;
    this.clock = clock;
  }

  /**
   * Runs (or resumes) the run against the service {@code client} reaches, which accepts {@code
   * limits} where they are known.
   */
  public RunOutcome run(ServiceConfig client, Optional<LimitsResponse> limits, RunOptions options)
      throws IOException {
    Instant started = clock.instant();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String runId = runId(started, options);
    Preflight.outputFolder(config, hadoop);
    RunDirectory directory = RunDirectory.of(new Path(config.output().dir()), runId, hadoop);
    Optional<JobState> saved = saved(directory, runId, options);
    if (saved.isPresent() && saved.get().searched() && directory.hasResult()
        && saved.get().methods().stream().allMatch(m -> m.test() != null)) {
      LOG.info("run {} is finished and scored; its outputs are in {}: nothing to do", runId, directory.path());
      return outcome(directory, ResultJson.read(directory.fileSystem(), directory.resolve(RunDirectory.RESULT_JSON)));
    }
    try (Run run = new Run(client, limits, options, directory, saved, started)) {
      return run.run(saved.map(JobState::resumed).orElse(null));
    }
  }

  /** The run's state to resume; a resume without one, or of another configuration, is refused. */
  private Optional<JobState> saved(RunDirectory directory, String runId, RunOptions options) throws IOException {
    if (!options.resume() && !options.resumeIfAny()) {
      return Optional.empty();
    }
    Optional<JobState> saved;
    try {
      saved = directory.checkpoints().load(JobState.class, MAPPER);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException("--resume", "output.runId", Check.show(runId) + ": its checkpoint in "
          + directory.checkpoints().folder() + " cannot be read by this version (" + e.getOriginalMessage()
          + "); start a new run id instead of --resume", e);
    }
    if (saved.isEmpty() && options.resumeIfAny()) {
      LOG.info("run {} has no checkpoint yet: starting it", runId);
      return saved;
    }
    if (saved.isEmpty()) {
      throw new ConfigException("--resume", "output.runId", Check.show(runId) + " has no checkpoint in "
          + directory.checkpoints().folder() + ": nothing to resume; check the run id and output.dir,"
          + " or leave out --resume to start a new run");
    }
    if (!saved.get().fingerprint().equals(JobState.fingerprintOf(config))) {
      throw new ConfigException("--resume", "output.runId", Check.show(runId) + ": its checkpoint was"
          + " made with another search, comparison, data or service configuration; start a new run id"
          + " instead of --resume");
    }
    LOG.info("resuming run {} after {} service calls", runId, saved.get().calls());
    return saved;
  }

  /**
   * One attempt's wiring: reads the data, opens the service's sets, checks them against its
   * limits, wires Spark; then runs the screening, the searches and the test scoring, saving after
   * each step. Driver only.
   */
  private final class Run implements SearchLoop.Listener, ScreeningRun.Listener, AutoCloseable {
    final RunDirectory directory;
    final RunOptions options;
    final Instant started;
    final RunProgress progress = RunProgress.start(clock, config.budget().maxApiCalls());
    final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    final MergeClient driver;
    /** The adapters screened or searched before any screening: the repository, or data.adapters. */
    final AdapterSelection base;
    final Optional<ScreeningPlan> plan;
    /** The methods of the run, the searched one first (on a resume, those saved). */
    final List<Method> methods;
    final SparkEvaluator fitness;
    final Optional<SparkEvaluator> test;
    final Meter meter;
    final RunBudget budget = RunBudget.of(config.budget().maxApiCalls(), config.budget().maxExamples());
    /** Ends this invocation after {@code --stop-after-generations} steps. */
    final Stops.StepLimit steps;
    /** The adapters every method searches: {@code base}, or what the screening chose from it. */
    AdapterSelection adapters;
    ProgressView view;
    /** Where the provider keeps the searched method's best merge (dialect bmm), once searched. */
    String adapterDir;

    Run(ServiceConfig client, Optional<LimitsResponse> limits, RunOptions options, RunDirectory directory,
        Optional<JobState> saved, Instant started) {
      this.directory = directory;
      this.options = options;
      this.started = started;
      this.steps = new Stops.StepLimit(options.stopAfterGenerations());
      this.driver = MergeClient.of(client);
      RunSets sets = RunSets.open(config, driver, spark.sparkContext().hadoopConfiguration());
      this.base = sets.adapters();
      limits.ifPresent(l -> Preflight.againstLimits(config, l, sets, client.url()));
      try { // over the fitness set's shards (one per candidate in the bmm dialect)
        this.plan = config.selection().screens()
            ? Optional.of(ScreeningPlan.of(config.selection(), base.ids(), sets.fitness().shardCount()))
            : Optional.empty();
      } catch (IllegalArgumentException e) {
        throw new ConfigException("configuration", "selection.pinned", String.valueOf(e.getMessage())
            .replaceFirst("^pinned: ", ""), e);
      }
      LOG.info("repository: {} adapters, {} {}; fitness set {} examples per candidate, test set {}",
          base.repository().size(), plan.isPresent() ? "screening" : "searching", base.size(),
          sets.fitness().examplesPerCandidate(),
          sets.test().map(t -> t.examplesPerCandidate() + " examples").orElse("none"));
      CallMetrics metrics = CallMetrics.accumulators(jsc);
      LostTasks lost = new LostTasks();
      jsc.sc().addSparkListener(lost);
      this.meter = new Meter(metrics, lost);
      int partitions = config.spark().partitions();
      this.fitness = new SparkEvaluator(jsc, client, sets.fitness(), metrics, partitions);
      this.test = sets.test().map(set -> new SparkEvaluator(jsc, client, set, metrics, partitions));
      this.methods = saved.filter(JobState::started)
          .map(s -> s.methods().stream().map(MethodState::method).toList())
          .orElseGet(() -> config.methods(options.compare()));
    }

    /** Runs what is left of the run after {@code state} (null: all of it). */
    RunOutcome run(JobState state) throws IOException {
      if (state == null) {
        state = new JobState(directory.runId(), JobState.fingerprintOf(config), List.of(), CallUsage.ZERO, 0,
            plan.map(ScreeningState::start).orElse(null));
      }
      if (plan.isPresent()) {
        state = screening(state).run(state);
        if (!plan.get().isDone(state.screening())) {
          save(state);
          return stopped(options.stopAfterGenerations() + " screening round(s)");
        }
        int[] within = base.selected();
        adapters = new AdapterSelection(base.repository(),
            Arrays.stream(plan.get().selection(state.screening())).map(i -> within[i]).toArray());
        LOG.info("screening chose {} of {} adapters for every method: {}", adapters.size(), base.size(),
            String.join(", ", adapters.ids()));
      } else {
        adapters = base;
      }
      view = new ProgressView(progress, config.search(), methods, adapters.size(), fitness, testCalls(1));
      if (!state.started()) {
        state = state.withMethods(methods.stream().map(m -> MethodState.start(m,
            new MergeSearch(config.search().withMethod(m), adapters.size()).start())).toList());
      }
      LOG.info("search: {} method(s), {} calls planned{}", methods.size(), view.plannedCalls(), budgetNote());
      progress.measureFrom(state.calls());
      state = new SearchLoop(new SearchLoop.Parts(config.search(), adapters, fitness,
          byBudget(methods.size()), steps, this, clock), view).run(state);
      save(state);
      for (int i = 0; i < methods.size(); i++) {
        if (state.methods().get(i).stoppedByBudget()) {
          LOG.info("{}: the next generation would not fit the budget; the method ends here", view.phase(i));
        }
      }
      if (!state.searched()) {
        return stopped("the allowed generations");
      }
      adapterDir = best(state.methods().get(0))
          .flatMap(b -> fitness.set().materialize(driver, adapters.expand(b.candidate().vectors()))).orElse(null);
      if (adapterDir != null) {
        LOG.info("the best merge is kept on the provider: adapter_dir {}", adapterDir);
      }
      List<HistoryRow> history = directory.readHistory(
          state.methods().stream().map(m -> m.search().generation()).toList());
      write(directory, result(state), history, true);
      state = scoreTests(state);
      ResultJson result = result(state);
      write(directory, result, history, false);
      LOG.info("outputs written to {} (elapsed {})", directory.path(), ProgressLine.clock(progress.elapsed()));
      return outcome(directory, result);
    }

    private RunOutcome stopped(String after) {
      LOG.info("stopped after {}; checkpoint in {}; continue with --resume", after, directory.checkpoints().folder());
      return new RunOutcome(directory.runId(), directory.path().toString(), Optional.empty());
    }

    /** Calls the test scoring of {@code methods} methods makes. */
    long testCalls(long methods) {
      return test.map(t -> t.callsFor((int) methods)).orElse(0L);
    }

    /** The budget rule, with the test scoring of {@code methods} methods reserved. */
    Predicate<Stops.Next> byBudget(int methods) {
      return Stops.byBudget(budget, testCalls(methods), test.map(t -> t.examplesFor(methods)).orElse(0L));
    }

    private String budgetNote() {
      return config.budget().maxApiCalls() > 0 ? " (budget " + config.budget().maxApiCalls() + ")" : "";
    }

    /**
     * The screening's rounds from {@code state}; before the first round, the whole screening with
     * the test scoring's reserve must fit the budget, or the run fails before any call.
     */
    ScreeningRun screening(JobState state) {
      ScreeningPlan p = plan.orElseThrow();
      long testCalls = testCalls(methods.size());
      long testExamples = test.map(t -> t.examplesFor(methods.size())).orElse(0L);
      long examples = ScreeningRun.plannedExamples(p, ScreeningRun.shardSizes(fitness.set()));
      long withHeadroom = Stops.withHeadroom(p.totalCalls(), Stops.MIN_HEADROOM);
      if (state.screening().scores().isEmpty() && !budget.allows(withHeadroom + testCalls, examples + testExamples)) {
        throw new ConfigException("configuration", "budget.maxApiCalls", "the screening of selection.topK "
            + config.selection().topK() + " plans " + p.totalCalls() + " calls (" + examples + " examples) in "
            + p.rounds() + " rounds, " + withHeadroom + " with headroom for retries, and test scoring reserves "
            + testCalls + " calls: that does not fit budget.maxApiCalls " + config.budget().maxApiCalls()
            + " / budget.maxExamples " + config.budget().maxExamples() + "; raise the budget, or lower"
            + " selection.initialShards or raise selection.topK");
      }
      LOG.info("screening: {} adapters ({} pinned), top {}, {} rounds, {} calls planned{}", p.candidates().length,
          p.pinned().length, config.selection().topK(), p.rounds(), p.totalCalls(), budgetNote());
      return new ScreeningRun(new ScreeningRun.Parts(p, base, fitness, byBudget(methods.size()), steps, this));
    }

    @Override
    public void onRound(JobState state, String line) throws IOException {
      save(state);
      LOG.info("{}", line);
    }

    /** Stops listening to the Spark context, which may outlive the run, and drops the cached sets. */
    @Override
    public void close() {
      jsc.sc().removeSparkListener(meter.lost());
      fitness.close();
      test.ifPresent(SparkEvaluator::close);
    }

    /**
     * Evaluates {@code work} (a generation, a screening round or a test scoring), planned as {@code
     * next}: reserves its calls with headroom, widened to what the budget can spare ({@link
     * RunBudget#allowance}), saves the reservation (a resume after a crash charges it) and makes it
     * the evaluation's allowance of sends; then meters what it sent.
     */
    @Override
    public <T> Metered<T> evaluate(Stops.Next next, Supplier<T> work) throws IOException {
      JobState state = next.state();
      if (config.budget().maxApiCalls() > 0) {
        long reserve = Stops.withHeadroom(next.calls(), state.usage().headroom(Stops.MIN_HEADROOM));
        // Kept for test scoring after this evaluation (which is one of them once the searches ended).
        long untested = !state.started() ? methods.size()
            : state.methods().stream().filter(m -> m.test() == null).count() - (state.searched() ? 1 : 0);
        JobState reserving = state.reserving(budget.spend(state.calls(), 0).allowance(reserve, testCalls(untested)));
        save(reserving);
        LostTasks.allow(jsc, reserving.reserved());
      }
      return meter.measure(next.calls(), next.examples(), work);
    }

    @Override
    public void onGeneration(JobState state, int method, int generation, List<HistoryRow> rows,
        ProgressLine line) throws IOException {
      directory.appendHistory(method, generation, rows);
      save(state);
      LOG.info("{}", line);
      if (line.timeLeft() == null && progress.firstGeneration() != null) {
        LOG.info("the first generation took {} s with one-off costs (Spark's first job, the service's"
            + " first merges); the estimate of time left starts with the next one",
            progress.firstGeneration().toMillis() / 1000.0);
      }
    }

    void save(JobState state) throws IOException {
      if (config.output().checkpoint()) {
        directory.checkpoints().save(state, MAPPER);
      }
    }

    /**
     * Scores each method's best merge not yet scored, one Spark job each, saving after each; a
     * method without a best merge, or whose scoring no longer fits the budget, is marked unscored.
     */
    JobState scoreTests(JobState state) throws IOException {
      long missing = state.methods().stream().filter(m -> m.test() == null).count();
      if (missing > 0 && test.isPresent()) {
        LOG.info("test scoring: the best merge of {} method(s), {} calls", missing, testCalls(missing));
      }
      Predicate<Stops.Next> byBudget = byBudget(0);
      int done = 0;
      for (int i = 0; i < state.methods().size(); i++) {
        MethodState method = state.methods().get(i);
        Optional<Evaluated> best = best(method);
        if (method.test() != null) {
          continue;
        }
        if (test.isEmpty() || best.isEmpty()
            || byBudget.test(new Stops.Next(state, test.get().callsFor(1), test.get().examplesFor(1)))) {
          if (test.isPresent() && best.isPresent()) {
            LOG.warn("test scoring of {} does not fit the budget that is left: skipped", method.method().id());
          }
          state = state.with(i, method.withTest(TestScore.lossOnly(0, Double.NaN)), CallUsage.ZERO);
          continue;
        }
        SparkEvaluator set = test.get();
        ControlVectors vectors = adapters.expand(best.get().candidate().vectors());
        String label = "test scoring: " + view.phase(i);
        Metered<List<CandidateScore>> scored = evaluate(new Stops.Next(state, set.callsFor(1), set.examplesFor(1)),
            () -> set.evaluate(List.of(vectors), label));
        CandidateScore score = scored.value().get(0);
        TestScore testScore = set.set() instanceof EvaluationSet.OfExamples examples && !score.results().isEmpty()
            ? TestScore.of(examples.shards().examples(), score.results())
            : TestScore.lossOnly((int) set.set().examplesPerCandidate(), score.meanLoss());
        state = state.with(i, method.withTest(testScore), scored.usage());
        save(state);
        Duration left = progress.timeLeft(state.calls(), view.remainingCalls(state));
        LOG.info("test scoring {}/{}: {} accuracy {} loss {} calls {} elapsed {} eta {}", ++done, missing,
            method.method().id(), number(testScore.accuracy()), number(testScore.loss()), state.calls(),
            ProgressLine.clock(progress.elapsed()), left == null ? "-" : ProgressLine.clock(left));
      }
      save(state);
      return state;
    }

    private ResultJson result(JobState state) {
      List<MethodResult> results = new ArrayList<>();
      for (MethodState m : state.methods()) {
        Optional<Evaluated> best = best(m);
        if (best.isPresent()) {
          TestScore test = m.test() == null ? TestScore.lossOnly(0, Double.NaN) : m.test();
          results.add(MethodResult.of(m.method(), adapters.ids(), best.get().candidate().vectors(),
              best.get().fitness(), best.get().loss(), test, m.calls(), m.search().evaluations()));
        }
      }
      CallUsage u = state.usage();
      ApiUsage usage = new ApiUsage(u.spent(), u.examples(), u.retries(), u.failures(), u.sent(),
          u.answered(), u.lostTaskCalls());
      return new ResultJson(state.runId(), config.search().seed(), results.get(0),
          results.subList(1, results.size()), screeningResult(state), usage, ConfigLoader.toTree(config),
          Timing.of(started, clock.instant()), adapterDir);
    }

    /** The screening for result.json; null when the run screened nothing. */
    private ScreeningResult screeningResult(JobState state) {
      if (plan.isEmpty() || state.screening() == null) {
        return null;
      }
      List<String> ids = base.ids();
      Set<String> selected = new HashSet<>(adapters.ids());
      List<ScreeningResult.Adapter> ranking = new ArrayList<>();
      for (AdapterScreening a : state.screening().ranking()) {
        String id = ids.get(a.adapter());
        ranking.add(new ScreeningResult.Adapter(id, ranking.size() + 1, a.shards(), a.examples(), a.loss(),
            a.baseLoss(), a.delta(), selected.contains(id)));
      }
      return new ScreeningResult(config.selection().topK(), config.selection().pinned(), plan.get().rounds(),
          plan.get().totalCalls(), adapters.ids(), ranking);
    }
  }

  private static RunOutcome outcome(RunDirectory directory, ResultJson result) {
    return new RunOutcome(directory.runId(), directory.path().toString(), Optional.of(result));
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "-";
  }

  private static Optional<Evaluated> best(MethodState method) {
    return Optional.ofNullable(method.search().best());
  }

  /**
   * Writes the outputs: with {@code withHistory}, the history tables (Parquet and CSV) too; the
   * rest ({@code result.json}, {@code report.html}) every time.
   */
  private void write(RunDirectory directory, ResultJson result, List<HistoryRow> history, boolean withHistory)
      throws IOException {
    Instant from = clock.instant();
    LOG.info("writing outputs{}: {}", withHistory ? " before test scoring" : "",
        withHistory ? "history/ (Parquet), history.csv, result.json, report.html" : "result.json, report.html");
    spark.sparkContext().setJobGroup("evomerge", "writing outputs: history", false);
    try (StagedOutputs out = directory.stageOutputs()) {
      if (withHistory) {
        HistoryWriter.write(spark, history, out.path());
      }
      ResultJson.write(directory.fileSystem(), out.resolve(RunDirectory.RESULT_JSON), result);
      ReportWriter.write(directory.fileSystem(), out.resolve(RunDirectory.REPORT_HTML), result, history);
      out.commit();
    } finally {
      spark.sparkContext().clearJobGroup();
    }
    LOG.info("outputs written in {} ms", Duration.between(from, clock.instant()).toMillis());
  }

  private String runId(Instant started, RunOptions options) {
    if (!config.output().runId().isBlank()) {
      return config.output().runId();
    }
    if (options.resume()) {
      throw new ConfigException("--resume", "output.runId", "must name the run to resume, for example"
          + " --resume --set output.runId=evo-merging-42-20261122-171457");
    }
    return config.search().method().id() + "-" + config.search().seed() + "-"
        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
  }
}
