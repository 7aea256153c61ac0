package io.evomerge.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evomerge.client.MergeClient;
import io.evomerge.config.ConfigLoader;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.job.output.ApiUsage;
import io.evomerge.job.output.HistoryRow;
import io.evomerge.job.output.HistoryWriter;
import io.evomerge.job.output.MethodResult;
import io.evomerge.job.output.ReportWriter;
import io.evomerge.job.output.ResultJson;
import io.evomerge.job.output.ResultJsonFile;
import io.evomerge.job.output.RunDirectory;
import io.evomerge.job.output.StagedOutputs;
import io.evomerge.job.output.Timing;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.Json;
import io.evomerge.report.TestScore;
import io.evomerge.search.Evaluated;
import io.evomerge.search.MergeSearches;
import io.evomerge.search.Method;
import io.evomerge.search.SearchSnapshot;
import java.io.IOException;
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
 * One EvoMerge run on a Spark session: reads and checks the data, fetches the repository, runs
 * the configured method (and with {@code --compare} the others) generation by generation on the
 * executors, checkpointing after each, then scores every method's best merge on the test set and
 * writes {@code result.json}, {@code history/} and {@code report.html} under
 * {@code <output.dir>/<run-id>/}.
 *
 * <p>Budget: {@code budget.maxApiCalls} and {@code budget.maxExamples} cover every evaluation call
 * the run makes, test-set scoring included; the test-set calls are reserved up front.
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

  /** Runs (or resumes) the run against the service {@code client} reaches. */
  public RunOutcome run(ServiceConfig client, RunOptions options) throws IOException {
    Instant started = clock.instant();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    RunInputs inputs = RunInputs.read(config, hadoop);
    MergeClient driver = MergeClient.of(client);
    RunSets sets = RunSets.open(config, driver, inputs);
    AdapterSelection adapters = sets.adapters();
    LOG.info("repository: {} adapters, searching {}; fitness set {} examples per candidate, test set {}",
        adapters.repository().size(), adapters.size(), sets.fitness().examplesPerCandidate(),
        sets.test().map(t -> t.examplesPerCandidate() + " examples").orElse("none"));

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    CallMetrics metrics = CallMetrics.accumulators(jsc);
    int partitions = config.spark().partitions();
    var fitness = new SparkEvaluator(jsc, client, sets.fitness(), metrics, partitions);
    Optional<CandidateEvaluator> test = sets.test()
        .map(set -> new SparkEvaluator(jsc, client, set, metrics, partitions));

    String runId = runId(started);
    RunDirectory directory = RunDirectory.of(new Path(config.output().dir()), runId, hadoop);
    JobState state = initialState(directory, runId, options, adapters.size());
    SearchLoop loop = new SearchLoop(config.search(), adapters, fitness, clock,
        (s, progress) -> checkpoint(directory, s, progress), options.stopAfterGenerations());
    RunBudget limits = RunBudget.of(config.budget().maxApiCalls(), config.budget().maxExamples());
    int methods = state.methods().size();
    for (int i = 0; i < methods && !loop.interrupted(); i++) {
      state = loop.run(state, i, limits, test.map(t -> t.callsFor(methods)).orElse(0L),
          test.map(t -> t.examplesFor(methods)).orElse(0L));
    }
    if (!state.methods().get(methods - 1).finished()) {
      LOG.info("stopped after the allowed generations; checkpoint in {}; continue with --resume",
          directory.checkpoints().folder());
      return new RunOutcome(runId, directory.path().toString(), Optional.empty());
    }
    checkpoint(directory, state, null);
    ResultJson result = finish(state, adapters, inputs, test, metrics, started);
    write(directory, result, state);
    LOG.info("outputs written to {}", directory.path());
    return new RunOutcome(runId, directory.path().toString(), Optional.of(result));
  }

  private JobState initialState(RunDirectory directory, String runId, RunOptions options, int adapters)
      throws IOException {
    String fingerprint = JobState.fingerprintOf(config);
    if (options.resume()) {
      Optional<JobState> saved = directory.checkpoints().load(JobState.class, MAPPER);
      if (saved.isPresent()) {
        if (!saved.get().fingerprint().equals(fingerprint)) {
          throw new IllegalArgumentException("run " + runId + ": its checkpoint was made with another "
              + "search, data or service configuration; start a new run id instead of --resume");
        }
        LOG.info("resuming run {} after {} service calls", runId, saved.get().calls());
        return saved.get();
      }
      LOG.info("no checkpoint for run {}: starting it", runId);
    }
    List<MethodState> methods = new ArrayList<>();
    for (Method method : methodsOf(options)) {
      var search = MergeSearches.create(config.search().withMethod(method), adapters);
      methods.add(MethodState.start(method, (SearchSnapshot) search.snapshot()));
    }
    return new JobState(runId, fingerprint, methods);
  }

  private List<Method> methodsOf(RunOptions options) {
    List<Method> methods = new ArrayList<>();
    methods.add(config.search().method());
    if (options.compare()) {
      methods.addAll(config.comparedMethods());
    }
    return methods;
  }

  private void checkpoint(RunDirectory directory, JobState state, Object progress) throws IOException {
    if (config.output().checkpoint()) {
      directory.checkpoints().save(state, MAPPER);
    }
    if (progress != null) {
      LOG.info("{}", progress);
    }
  }

  private ResultJson finish(JobState state, AdapterSelection adapters, RunInputs inputs,
      Optional<CandidateEvaluator> test, CallMetrics metrics, Instant started) {
    List<MethodState> scored = state.methods().stream().filter(m -> best(m).isPresent()).toList();
    List<ControlVectors> bests = scored.stream()
        .map(m -> adapters.expand(best(m).orElseThrow().candidate().vectors())).toList();
    List<TestScore> tests = testScores(bests, inputs, test);
    List<MethodResult> results = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      MethodState m = scored.get(i);
      Evaluated best = best(m).orElseThrow();
      results.add(MethodResult.of(m.methodEnum(), adapters.ids(), best.candidate().vectors(),
          best.fitness(), best.loss(), tests.get(i), m.calls(), m.history().size()));
    }
    var calls = metrics.total();
    long testCalls = test.map(t -> t.callsFor(bests.size())).orElse(0L);
    long testExamples = test.map(t -> t.examplesFor(bests.size())).orElse(0L);
    ApiUsage usage = new ApiUsage(state.calls() + testCalls, state.examples() + testExamples,
        calls.retries(), calls.failures());
    return new ResultJson(state.runId(), config.search().seed(), results.get(0),
        results.subList(1, results.size()), usage, ConfigLoader.toTree(config),
        Timing.of(started, clock.instant()));
  }

  /** Each best merge scored on the test set, in order; unmeasured where there is none. */
  private static List<TestScore> testScores(List<ControlVectors> bests, RunInputs inputs,
      Optional<CandidateEvaluator> test) {
    if (test.isEmpty()) {
      return bests.stream().map(b -> TestScore.lossOnly(0, Double.NaN)).toList();
    }
    LOG.info("scoring the best merge of {} method(s) on the test set ({} calls)", bests.size(),
        test.get().callsFor(bests.size()));
    return test.get().evaluate(bests, "test set").stream()
        .map(score -> score.results().isEmpty()
            ? TestScore.lossOnly((int) test.get().set().examplesPerCandidate(), score.meanLoss())
            : TestScore.of(inputs.test().orElseThrow().examples(), score.results()))
        .toList();
  }

  private static Optional<Evaluated> best(MethodState method) {
    return Optional.ofNullable(method.search().best()).map(SearchSnapshot.Best::toEvaluated);
  }

  private void write(RunDirectory directory, ResultJson result, JobState state) throws IOException {
    List<HistoryRow> history = state.methods().stream().flatMap(m -> m.history().stream()).toList();
    try (StagedOutputs out = directory.stageOutputs()) {
      HistoryWriter.of(spark).write(history, out.path());
      ResultJsonFile.write(directory.fileSystem(), out.resolve(RunDirectory.RESULT_JSON), result);
      ReportWriter.write(directory.fileSystem(), out.resolve(RunDirectory.REPORT_HTML), result, history);
      out.commit();
    }
  }

  private String runId(Instant started) {
    if (!config.output().runId().isBlank()) {
      return config.output().runId();
    }
    return config.search().method().id() + "-" + config.search().seed() + "-"
        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
  }

}
