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
import io.evomerge.job.output.CheckpointStore;
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
import io.evomerge.report.ProgressLine;
import io.evomerge.report.RunProgress;
import io.evomerge.report.TestScore;
import io.evomerge.search.Evaluated;
import io.evomerge.search.MergeSearch;
import io.evomerge.search.Method;
import io.evomerge.selection.AdapterScreening;
import io.evomerge.selection.ScreeningPlan;
import io.evomerge.selection.ScreeningState;
import io.evomerge.config.SelectionSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One EvoMerge run on a Spark session: checks the output folder, reads and checks the data,
 * fetches the repository, checks the run against the service's limits, runs the configured
 * screening of {@code selection} when it has {@code topK > 0} ({@link ScreeningRun}: one Spark
 * job per round, checkpointed), then the configured method (and with {@code --compare} the others,
 * over the same selected adapters) generation by generation on the executors,
 * checkpointing after each; then writes the history, {@code result.json} and {@code report.html}
 * <em>before</em> scoring every method's best merge on the test set (a failure there loses
 * nothing, and a resume scores only what is missing), and writes them again with the scores.
 *
 * <p>Budget: {@code budget.maxApiCalls} and {@code budget.maxExamples} cover every evaluation call
 * the run makes, test-set scoring included, counted as sent (retries, and failed Spark task
 * attempts charged their planned calls in full). Each generation is planned with headroom for
 * retries and with the test-set calls reserved; the run stops cleanly when the next one cannot
 * fit.
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

  /** Runs (or resumes) the run against the service {@code client} reaches, its limits unknown. */
  public RunOutcome run(ServiceConfig client, RunOptions options) throws IOException {
    return run(client, LimitsSource.unknown(), options);
  }

  /** Runs (or resumes) the run against the service {@code client} reaches, which accepts {@code limits}. */
  public RunOutcome run(ServiceConfig client, LimitsSource limits, RunOptions options) throws IOException {
    Instant started = clock.instant();
    RunProgress progress = RunProgress.start(clock, config.budget().maxApiCalls());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String runId = runId(started, options);
    Preflight.outputFolder(config, hadoop);
    RunDirectory directory = RunDirectory.of(new Path(config.output().dir()), runId, hadoop);
    Optional<JobState> saved = saved(directory, runId, options);
    if (saved.isPresent() && complete(saved.get()) && directory.hasResult()) {
      LOG.info("run {} is finished and scored; its outputs are in {}: nothing to do", runId, directory.path());
      return outcome(directory, ResultJson.read(directory.fileSystem(), directory.resolve(RunDirectory.RESULT_JSON)));
    }
    try (Run run = new Run(client, limits, options, directory, saved, progress)) {
      return run(run, saved, started, progress);
    }
  }

  private RunOutcome run(Run run, Optional<JobState> saved, Instant started, RunProgress progress)
      throws IOException {
    RunDirectory directory = run.directory;
    String runId = directory.runId();
    JobState state = saved.map(JobState::resumed).orElse(null);
    int roundsRun = 0;
    if (run.plan.isPresent()) {
      ScreeningPlan plan = run.plan.get();
      if (state == null) {
        state = JobState.screening(runId, JobState.fingerprintOf(config), ScreeningState.start(plan));
      }
      ScreeningRun screening = run.screening(state);
      state = screening.run(state, run.options.stopAfterGenerations());
      roundsRun = screening.roundsRun();
      if (!plan.isDone(state.screening())) {
        run.save(state);
        return stopped(directory, roundsRun + " screening round(s)");
      }
      run.select(selected(run.base, plan.selection(state.screening())), state);
    } else {
      run.select(run.base, state);
    }
    if (state == null || !state.started()) {
      List<MethodState> methods = run.view.methods().stream().map(m -> MethodState.start(m,
          new MergeSearch(config.search().withMethod(m), run.adapters.size()).start())).toList();
      state = state == null ? JobState.start(runId, JobState.fingerprintOf(config), methods) : state.withMethods(methods);
    }
    state = run.search(state, run.options.stopAfterGenerations() - roundsRun);
    if (!state.searched()) {
      return stopped(directory, "the allowed generations");
    }
    run.materialize(state);
    List<HistoryRow> history = directory.historyLog().read(
        state.methods().stream().map(m -> m.search().generation()).toList());
    write(directory, result(state, run, started), history, true);
    state = run.scoreTests(state);
    ResultJson result = result(state, run, started);
    write(directory, result, history, false);
    LOG.info("outputs written to {} (elapsed {})", directory.path(), ProgressLine.clock(progress.elapsed()));
    return outcome(directory, result);
  }

  private static RunOutcome stopped(RunDirectory directory, String after) {
    LOG.info("stopped after {}; checkpoint in {}; continue with --resume", after, directory.checkpoints().folder());
    return new RunOutcome(directory.runId(), directory.path().toString(), Optional.empty());
  }

  private static RunOutcome outcome(RunDirectory directory, ResultJson result) {
    return new RunOutcome(directory.runId(), directory.path().toString(), Optional.of(result));
  }

  /** {@code chosen}, indices into {@code base}'s adapters, as a selection of the repository. */
  private static AdapterSelection selected(AdapterSelection base, int[] chosen) {
    int[] within = base.selected();
    return new AdapterSelection(base.repository(), java.util.Arrays.stream(chosen).map(i -> within[i]).toArray());
  }

  /** Whether every method of {@code state} has ended its search and, where there is a test set, been scored. */
  private static boolean complete(JobState state) {
    return state.searched() && state.methods().stream().allMatch(m -> m.test() != null);
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
   * The screening of {@code selection} over {@code base} (every adapter, or {@code data.adapters})
   * on the fitness set's shards (one per candidate in the bmm dialect); empty when it screens
   * nothing. A pinned id the repository lacks is a configuration error.
   */
  private Optional<ScreeningPlan> screeningPlan(AdapterSelection base, EvaluationSet fitness) {
    SelectionSettings settings = config.selection();
    if (!settings.screens()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ScreeningPlan.of(settings, base.ids(), fitness.shardCount()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("configuration", "selection.pinned", String.valueOf(e.getMessage())
          .replaceFirst("^pinned: ", ""), e);
    }
  }

  /** The budget rule, with the test scoring of {@code methods} methods reserved. */
  private java.util.function.Predicate<Stops.Next> byBudget(Optional<SparkEvaluator> test, int methods) {
    return Stops.byBudget(RunBudget.of(config.budget().maxApiCalls(), config.budget().maxExamples()),
        test.map(t -> t.callsFor(methods)).orElse(0L), test.map(t -> t.examplesFor(methods)).orElse(0L));
  }

  private String budgetNote() {
    return config.budget().maxApiCalls() > 0 ? " (budget " + config.budget().maxApiCalls() + ")" : "";
  }

  /**
   * One attempt's wiring: reads the data, opens the service's sets, checks them against its
   * limits, wires Spark; then what it evaluates on, how it meters, where it saves. Driver only.
   */
  private final class Run implements SearchLoop.Listener, ScreeningRun.Listener, AutoCloseable {
    final RunDirectory directory;
    final CheckpointStore checkpoints;
    final RunInputs inputs;
    /** The adapters screened or searched before any screening: the repository, or data.adapters. */
    final AdapterSelection base;
    final Optional<ScreeningPlan> plan;
    final List<Method> methods;
    final RunProgress progress;
    final SparkEvaluator fitness;
    final Optional<SparkEvaluator> test;
    final Meter meter;
    final RunOptions options;
    final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    final LostTasks lost;
    final ServiceConfig service;
    /** Where the provider keeps the best merge (dialect bmm), once {@link #materialize}d. */
    String adapterDir;
    /** The adapters every method searches; set by {@link #select} (after the screening). */
    AdapterSelection adapters;
    ProgressView view;

    Run(ServiceConfig client, LimitsSource limits, RunOptions options, RunDirectory directory,
        Optional<JobState> saved, RunProgress progress) {
      this.service = client;
      this.directory = directory;
      this.checkpoints = directory.checkpoints();
      this.options = options;
      this.progress = progress;
      this.inputs = RunInputs.read(config, spark.sparkContext().hadoopConfiguration());
      RunSets sets = RunSets.open(config, MergeClient.of(client), inputs);
      this.base = sets.adapters();
      limits.limits().ifPresent(l ->
          Preflight.againstLimits(config, l, inputs, base.repository().size(), client.url()));
      this.plan = screeningPlan(base, sets.fitness());
      LOG.info("repository: {} adapters, {} {}; fitness set {} examples per candidate, test set {}",
          base.repository().size(), plan.isPresent() ? "screening" : "searching", base.size(),
          sets.fitness().examplesPerCandidate(),
          sets.test().map(t -> t.examplesPerCandidate() + " examples").orElse("none"));
      CallMetrics metrics = CallMetrics.accumulators(jsc);
      this.lost = LostTasks.on(jsc);
      this.meter = Meter.of(metrics, lost);
      int partitions = config.spark().partitions();
      this.fitness = new SparkEvaluator(jsc, client, sets.fitness(), metrics, partitions);
      this.test = sets.test().map(set -> new SparkEvaluator(jsc, client, set, metrics, partitions));
      this.methods = saved.filter(JobState::started)
          .map(s -> s.methods().stream().map(MethodState::method).toList())
          .orElseGet(() -> config.methods(options.compare()));
    }

    /** Fixes the adapters every method searches, and the progress view over them. */
    void select(AdapterSelection selected, JobState state) {
      this.adapters = selected;
      List<Method> run = state != null && state.started()
          ? state.methods().stream().map(MethodState::method).toList() : methods;
      this.view = new ProgressView(progress, config.search(), run, selected.size(), fitness,
          test.map(t -> t.callsFor(1)).orElse(0L));
      if (plan.isPresent()) {
        LOG.info("screening chose {} of {} adapters for every method: {}", selected.size(), base.size(),
            String.join(", ", selected.ids()));
      }
    }

    /**
     * The screening's rounds from {@code state}; before the first round, the whole screening with
     * the test scoring's reserve must fit the budget, or the run fails before any call.
     */
    ScreeningRun screening(JobState state) {
      ScreeningPlan p = plan.orElseThrow();
      int methodCount = state.started() ? state.methods().size() : methods.size();
      long testCalls = test.map(t -> t.callsFor(methodCount)).orElse(0L);
      long testExamples = test.map(t -> t.examplesFor(methodCount)).orElse(0L);
      RunBudget budget = RunBudget.of(config.budget().maxApiCalls(), config.budget().maxExamples());
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
      return new ScreeningRun(new ScreeningRun.Parts(p, base, fitness, meter, byBudget(test, methodCount), this));
    }

    @Override
    public void beforeRound(JobState state) throws IOException {
      beforeGeneration(state);
    }

    @Override
    public void onRound(JobState state, String line) throws IOException {
      save(state);
      LOG.info("{}", line);
    }

    /** Keeps the searched method's best merge on the provider, where the dialect has that (bmm). */
    void materialize(JobState state) {
      adapterDir = best(state.methods().get(0)).flatMap(b -> fitness.set().materialize(MergeClient.of(service),
          adapters.expand(b.candidate().vectors()))).orElse(null);
      if (adapterDir != null) {
        LOG.info("the best merge is kept on the provider: adapter_dir {}", adapterDir);
      }
    }

    /** Stops listening to the Spark context, which may outlive the run, and drops the cached sets. */
    @Override
    public void close() {
      jsc.sc().removeSparkListener(lost);
      fitness.close();
      test.ifPresent(SparkEvaluator::close);
    }

    JobState search(JobState state, int generationsLeft) throws IOException {
      int count = state.methods().size();
      var parts = new SearchLoop.Parts(config.search(), adapters, fitness, meter, byBudget(test, count), this, clock);
      SearchLoop loop = new SearchLoop(parts, view, generationsLeft);
      LOG.info("search: {} method(s), {} calls planned{}", count, view.plannedCalls(), budgetNote());
      view.progress().measureFrom(state.calls());
      for (int i = 0; i < count && !loop.interrupted(); i++) {
        state = loop.run(state, i);
        if (state.methods().get(i).stoppedByBudget()) {
          LOG.info("{}: the next generation would not fit the budget; the method ends here", view.phase(i));
        }
      }
      save(state);
      return state;
    }

    /**
     * Widens the reservation to what the budget can spare ({@link RunBudget#allowance}), saves it
     * (a resume after a crash charges it) and makes it the evaluation's allowance of sends.
     */
    @Override
    public void beforeGeneration(JobState state) throws IOException {
      if (config.budget().maxApiCalls() > 0) {
        // Kept for test scoring after this evaluation (which is one of them once the searches ended).
        long untested = !state.started() ? methods.size()
            : state.methods().stream().filter(m -> m.test() == null).count() - (state.searched() ? 1 : 0);
        long kept = test.map(t -> t.callsFor((int) untested)).orElse(0L);
        JobState reserving = state.reserving(RunBudget.of(config.budget().maxApiCalls(), 0)
            .spend(state.calls(), 0).allowance(state.reserved(), kept));
        save(reserving);
        LostTasks.allow(jsc, reserving.reserved());
      }
    }

    @Override
    public void onGeneration(JobState state, int method, int generation, List<HistoryRow> rows,
        ProgressLine progress) throws IOException {
      directory.historyLog().append(method, generation, rows);
      save(state);
      LOG.info("{}", progress);
      if (progress.timeLeft() == null && view.progress().firstGeneration() != null) {
        LOG.info("the first generation took {} s with one-off costs (Spark's first job, the service's"
            + " first merges); the estimate of time left starts with the next one",
            view.progress().firstGeneration().toMillis() / 1000.0);
      }
    }

    void save(JobState state) throws IOException {
      if (config.output().checkpoint()) {
        checkpoints.save(state, MAPPER);
      }
    }

    /**
     * Scores each method's best merge not yet scored, one Spark job each, saving after each; a
     * method without a best merge, or whose scoring no longer fits the budget, is marked unscored.
     */
    JobState scoreTests(JobState state) throws IOException {
      long missing = state.methods().stream().filter(m -> m.test() == null).count();
      if (missing > 0) {
        test.ifPresent(set -> LOG.info("test scoring: the best merge of {} method(s), {} calls", missing,
            set.callsFor((int) missing)));
      }
      var byBudget = byBudget(Optional.empty(), 0);
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
        state = scoreOne(state, i, best.get(), test.get());
        LOG.info("test scoring {}/{}: {} accuracy {} loss {} calls {} elapsed {} eta {}", ++done, missing,
            method.method().id(), number(state.methods().get(i).test().accuracy()),
            number(state.methods().get(i).test().loss()), state.calls(),
            ProgressLine.clock(view.progress().elapsed()), eta(state));
      }
      save(state);
      return state;
    }

    private JobState scoreOne(JobState state, int i, Evaluated best, CandidateEvaluator set) throws IOException {
      MethodState method = state.methods().get(i);
      beforeGeneration(state.reserving(Stops.withHeadroom(set.callsFor(1), state.usage().headroom(Stops.MIN_HEADROOM))));
      ControlVectors vectors = adapters.expand(best.candidate().vectors());
      String label = "test scoring: " + view.phase(i);
      Metered<List<CandidateScore>> scored = meter.measure(set.callsFor(1), set.examplesFor(1),
          () -> set.evaluate(List.of(vectors), label));
      CandidateScore score = scored.value().get(0);
      TestScore testScore = score.results().isEmpty()
          ? TestScore.lossOnly((int) set.set().examplesPerCandidate(), score.meanLoss())
          : TestScore.of(inputs.test().orElseThrow().examples(), score.results());
      JobState next = state.with(i, method.withTest(testScore), scored.usage());
      save(next);
      return next;
    }

    private String eta(JobState state) {
      Duration left = view.progress().timeLeft(state.calls(), view.remainingCalls(state));
      return left == null ? "-" : ProgressLine.clock(left);
    }
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.format(java.util.Locale.ROOT, "%.4f", value) : "-";
  }

  private ResultJson result(JobState state, Run run, Instant started) {
    List<MethodResult> results = new ArrayList<>();
    for (MethodState m : state.methods()) {
      Optional<Evaluated> best = best(m);
      if (best.isPresent()) {
        TestScore test = m.test() == null ? TestScore.lossOnly(0, Double.NaN) : m.test();
        results.add(MethodResult.of(m.method(), run.adapters.ids(), best.get().candidate().vectors(),
            best.get().fitness(), best.get().loss(), test, m.calls(), m.evaluations()));
      }
    }
    CallUsage u = state.usage();
    ApiUsage usage = new ApiUsage(u.spent(), u.examples(), u.retries(), u.failures(), u.sent(),
        u.answered(), u.lostTaskCalls());
    return new ResultJson(state.runId(), config.search().seed(), results.get(0),
        results.subList(1, results.size()), screening(state, run), usage, ConfigLoader.toTree(config),
        Timing.of(started, clock.instant()), run.adapterDir);
  }

  /** The screening for result.json; null when the run screened nothing. */
  private ScreeningResult screening(JobState state, Run run) {
    if (run.plan.isEmpty() || state.screening() == null) {
      return null;
    }
    ScreeningPlan plan = run.plan.get();
    List<String> ids = run.base.ids();
    java.util.Set<String> selected = new java.util.HashSet<>(run.adapters.ids());
    List<ScreeningResult.Adapter> ranking = new ArrayList<>();
    int rank = 1;
    for (AdapterScreening a : state.screening().ranking()) {
      String id = ids.get(a.adapter());
      ranking.add(new ScreeningResult.Adapter(id, rank++, a.shards(), a.examples(), a.loss(), a.baseLoss(),
          a.delta(), selected.contains(id)));
    }
    return new ScreeningResult(config.selection().topK(), config.selection().pinned(), plan.rounds(),
        plan.totalCalls(), run.adapters.ids(), ranking);
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
        HistoryWriter.of(spark).write(history, out.path());
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
