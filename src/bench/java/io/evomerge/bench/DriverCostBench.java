package io.evomerge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evomerge.bench.internal.BenchService;
import io.evomerge.bench.internal.TimedPartition;
import io.evomerge.bench.internal.TimedPartition.Span;

import io.evomerge.config.ServiceConfig;
import io.evomerge.data.Example;
import io.evomerge.data.Shards;
import io.evomerge.job.CallMetrics;
import io.evomerge.job.LocalCallMetrics;
import io.evomerge.job.CandidateEvaluator;
import io.evomerge.job.CandidateScore;
import io.evomerge.job.EvaluatePartition;
import io.evomerge.job.EvaluationSet;
import io.evomerge.job.EvaluationTask;
import io.evomerge.job.JobState;
import io.evomerge.job.MethodState;
import io.evomerge.job.ShardResult;
import io.evomerge.job.output.CheckpointStore;
import io.evomerge.job.output.HistoryRow;
import io.evomerge.merge.ControlVectors;
import io.evomerge.model.MergeModel;
import io.evomerge.protocol.Json;
import io.evomerge.search.Candidate;
import io.evomerge.search.Evaluated;
import io.evomerge.search.Generation;
import io.evomerge.search.MergeSearch;
import io.evomerge.search.MergeSearch.Step;
import io.evomerge.search.MergeSearches;
import io.evomerge.search.Method;
import io.evomerge.search.SearchSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The driver's cost per generation with a service of latency 0: the generation loop of the job
 * (ask, one Spark job over {@code candidates x shards}, reduce, tell, history rows, checkpoint of
 * the whole job state) with a clock around each step. The Spark job's wall time is split into the
 * span of the service calls (measured inside the partitions) and the rest, which is scheduling:
 * serialising and launching tasks and collecting their results. Not thread-safe.
 */
public final class DriverCostBench {

  private static final ObjectMapper MAPPER = Json.mapper();

  private final BenchPlan.Driver plan;
  private final ServiceConfig defaults;
  private final PrintWriter log;

  public DriverCostBench(BenchPlan.Driver plan, ServiceConfig defaults, PrintWriter log) {
    this.plan = plan;
    this.defaults = defaults;
    this.log = log;
  }

  /**
   * Milliseconds per generation, means over the timed generations. Immutable.
   *
   * @param total the whole generation
   * @param calls the service calls (first call started to last call ended, over all partitions)
   * @param scheduling the Spark job minus the calls
   * @param aggregation reducing shard results per candidate and building the history rows
   * @param optimizer ask + tell
   * @param checkpoint writing the job state atomically
   */
  public record Result(int generations, int candidates, int shards, int partitions, double total, double calls,
      double scheduling, double aggregation, double optimizer, double checkpoint) {

    /** Everything but the calls: what the driver adds per generation. */
    public double outsideService() {
      return scheduling + aggregation + optimizer + checkpoint;
    }
  }

  public Result run(JavaSparkContext jsc, MergeModel model, List<Example> fitness, Path work) throws IOException {
    Shards shards = Shards.of(Shards.firstById(fitness, plan.shards() * plan.shardSize()), plan.shardSize());
    try (BenchService service = BenchService.start(model, 64)) {
      ServiceConfig client = service.client(defaults);
      Loop loop = new Loop(jsc, client, new EvaluationSet.OfExamples(shards), model.adapters().size(),
          CheckpointStore.of(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(
              work.resolve("driver-checkpoint").toUri())));
      loop.generation();
      double[] sums = new double[6];
      for (int g = 0; g < plan.generations(); g++) {
        double[] t = loop.generation();
        for (int k = 0; k < sums.length; k++) {
          sums[k] += t[k] / plan.generations();
        }
      }
      Result result = new Result(plan.generations(), plan.popSize(), shards.count(), jsc.defaultParallelism(),
          sums[0], sums[1], sums[2], sums[3], sums[4], sums[5]);
      log.printf("driver: %.1f ms per generation: calls %.1f, scheduling %.1f, aggregation %.1f, optimizer %.2f,"
          + " checkpoint %.1f%n", result.total(), result.calls(), result.scheduling(), result.aggregation(),
          result.optimizer(), result.checkpoint());
      return result;
    }
  }

  /** The job's generation loop, one method, with clocks. */
  private final class Loop {
    private final JavaSparkContext jsc;
    private final EvaluationSet set;
    private final TimedPartition partition;
    private final CollectionAccumulator<Span> spans;
    private final CheckpointStore checkpoints;
    private final MergeSearch search;
    private MethodState method;

    Loop(JavaSparkContext jsc, ServiceConfig client, EvaluationSet set, int adapters, CheckpointStore checkpoints) {
      this.jsc = jsc;
      this.set = set;
      this.spans = jsc.sc().collectionAccumulator("bench.spans");
      this.partition = new TimedPartition(new EvaluatePartition(client, set, LocalCallMetrics.counters(), 0), spans);
      this.checkpoints = checkpoints;
      SearchSettings settings = SearchSettings.defaults().withSeed(plan.seed()).withMethod(Method.EVO_MERGING);
      this.search = MergeSearches.create(settings, adapters);
      this.method = MethodState.start(Method.EVO_MERGING, search.start());
    }

    /** {total, calls, scheduling, aggregation, optimizer, checkpoint} in ms. */
    double[] generation() throws IOException {
      long t0 = System.nanoTime();
      Generation generation = search.ask(method.search());
      List<ControlVectors> vectors = generation.candidates().stream().map(Candidate::vectors).toList();
      long t1 = System.nanoTime();
      spans.reset();
      List<EvaluationTask> tasks = EvaluationTask.grid(vectors, set.shardCount());
      var groups = set.groups(tasks, jsc.defaultParallelism());
      List<ShardResult> results = jsc.parallelize(groups, groups.size()).mapPartitions(partition).collect();
      long t2 = System.nanoTime();
      double[] losses = CandidateEvaluator.reduce(results, vectors.size(), set.shardCount()).stream()
          .mapToDouble(CandidateScore::meanLoss).toArray();
      long t3 = System.nanoTime();
      Step told = search.tell(method.search(), losses);
      long t4 = System.nanoTime();
      record(told);
      long t5 = System.nanoTime();
      checkpoints.save(JobState.start("bench", "bench", List.of(method)), MAPPER);
      long t6 = System.nanoTime();
      double calls = callSpan() / 1e6;
      return new double[] {(t6 - t0) / 1e6, calls, (t2 - t1) / 1e6 - calls, (t3 - t2 + t5 - t4) / 1e6,
          (t1 - t0 + t4 - t3) / 1e6, (t6 - t5) / 1e6};
    }

    private void record(Step told) {
      List<HistoryRow> history = new ArrayList<>();
      double best = told.state().best().fitness();
      int size = told.evaluated().size();
      long calls = method.calls() + (long) size * set.shardCount();
      for (Evaluated e : told.evaluated()) {
        history.add(HistoryRow.of("bench", Method.EVO_MERGING, e, best, calls, 0));
      }
      method = new MethodState(method.method(), told.state(), calls,
          method.examples() + size * set.examplesPerCandidate(), told.state().done(), false, null);
    }

    private long callSpan() {
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      for (Span s : spans.value()) {
        start = Math.min(start, s.start());
        end = Math.max(end, s.end());
      }
      return end > start ? end - start : 0;
    }
  }
}
