package io.evomerge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evomerge.bench.internal.BenchService;
import io.evomerge.bench.internal.ShippedPartition;
import io.evomerge.config.ServiceConfig;
import io.evomerge.data.Example;
import io.evomerge.data.Shards;
import io.evomerge.job.CallUsage;
import io.evomerge.job.CandidateScore;
import io.evomerge.job.EvaluationSet;
import io.evomerge.job.EvaluationTask;
import io.evomerge.job.JobState;
import io.evomerge.job.LocalCallMetrics;
import io.evomerge.job.MethodState;
import io.evomerge.job.ShardResult;
import io.evomerge.job.SparkEvaluator;
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
import io.evomerge.search.Method;
import io.evomerge.search.SearchSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The driver's cost per generation with a service of latency 0: the generation loop of the job
 * (ask, one Spark job over {@code candidates x shards} calls, reduce, tell, history rows,
 * checkpoint of the job state) with a clock around each step, in two shapes, a generation of each
 * in turn: <em>cached</em>, the job's {@link SparkEvaluator} (the set broadcast once per run, each
 * generation ships only its tasks, and the executors return only the losses),
 * and <em>shipped</em>, the job's former shape (each generation ships its tasks and every example
 * to the executors, which return every example's result). The Spark job's wall time
 * is split into the span of the service calls (the executors' run time, from the task metrics) and
 * the rest, which is scheduling: serialising and launching tasks and collecting their results. Not
 * thread-safe.
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
   * The two shapes measured side by side. Immutable.
   *
   * @param cached the job's shape: the set broadcast once, only the tasks shipped per generation
   * @param shipped the former shape: tasks and examples shipped every generation
   */
  public record Result(int generations, int candidates, int shards, int partitions, Shape cached, Shape shipped) {}

  /**
   * Milliseconds per generation of one shape, means over the timed generations. Immutable.
   *
   * @param total the whole generation
   * @param calls the service calls (first task started running to last task done, over all partitions)
   * @param scheduling the Spark job minus the calls
   * @param aggregation reducing shard results per candidate and building the history rows
   * @param optimizer ask + tell
   * @param checkpoint writing the job state atomically
   * @param deserialize the tasks' deserialisation on the executors, summed over the job's tasks
   * @param resultKiB the results the tasks sent back, summed over the job's tasks
   */
  public record Shape(double total, double calls, double scheduling, double aggregation, double optimizer,
      double checkpoint, double deserialize, double resultKiB) {

    /** Everything but the calls: what the driver adds per generation. */
    public double outsideService() {
      return scheduling + aggregation + optimizer + checkpoint;
    }
  }

  public Result run(JavaSparkContext jsc, MergeModel model, List<Example> fitness, Path work) throws IOException {
    Shards shards = Shards.of(Shards.firstById(fitness, plan.shards() * plan.shardSize()), plan.shardSize());
    EvaluationSet set = new EvaluationSet.OfExamples(shards, false);
    int partitions = jsc.defaultParallelism();
    Tasks metrics = new Tasks();
    jsc.sc().addSparkListener(metrics);
    try (BenchService service = BenchService.start(model, 64);
        SparkEvaluator evaluator = new SparkEvaluator(jsc, service.client(defaults), set,
            LocalCallMetrics.counters(), partitions)) {
      ServiceConfig client = service.client(defaults);
      var shipper = new ShippedPartition(client, new EvaluationSet.OfExamples(shards, true));
      Loop cached = new Loop(jsc, metrics, set, model.adapters().size(), work.resolve("driver-cached"),
          tasks -> evaluator.evaluateTasks(tasks, "cached"));
      Loop shipped = new Loop(jsc, metrics, set, model.adapters().size(), work.resolve("driver-shipped"),
          tasks -> jsc.parallelize(ShippedPartition.groups(tasks, partitions), partitions).mapPartitions(shipper)
              .collect());
      cached.generation();
      shipped.generation();
      for (int g = 0; g < plan.generations(); g++) {
        cached.add(cached.generation());
        shipped.add(shipped.generation());
      }
      Result result = new Result(plan.generations(), plan.popSize(), shards.count(), partitions, cached.mean(),
          shipped.mean());
      print("cached", result.cached());
      print("shipped", result.shipped());
      return result;
    } finally {
      jsc.sc().removeSparkListener(metrics);
    }
  }

  private void print(String shape, Shape s) {
    log.printf("driver (%s): %.1f ms per generation outside the service: scheduling %.1f (deserialising %.1f,"
            + " results %.0f KiB), aggregation %.1f, optimizer %.2f, checkpoint %.1f; calls %.1f, whole %.1f%n",
        shape, s.outsideService(), s.scheduling(), s.deserialize(), s.resultKiB(), s.aggregation(), s.optimizer(),
        s.checkpoint(), s.calls(), s.total());
  }

  /** The executors' side of each job, from the task metrics: run span, deserialisation, result size. */
  private static final class Tasks extends SparkListener {
    private long start = Long.MAX_VALUE;
    private long end = Long.MIN_VALUE;
    private long deserialize;
    private long resultBytes;

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
      long running = task.taskInfo().launchTime() + task.taskMetrics().executorDeserializeTime();
      start = Math.min(start, running);
      end = Math.max(end, running + task.taskMetrics().executorRunTime());
      deserialize += task.taskMetrics().executorDeserializeTime();
      resultBytes += task.taskMetrics().resultSize();
    }

    /** {calls span ms, deserialisation ms, result KiB} since the last call, once the listener bus is idle. */
    double[] take(JavaSparkContext jsc) {
      try {
        jsc.sc().listenerBus().waitUntilEmpty();
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("Spark's listener bus did not drain", e);
      }
      synchronized (this) {
        double[] taken = {end > start ? end - start : 0, deserialize, resultBytes / 1024.0};
        start = Long.MAX_VALUE;
        end = Long.MIN_VALUE;
        deserialize = 0;
        resultBytes = 0;
        return taken;
      }
    }
  }

  /** The job's generation loop, one method, with clocks. */
  private final class Loop {
    private final JavaSparkContext jsc;
    private final Tasks tasks;
    private final EvaluationSet set;
    private final CheckpointStore checkpoints;
    private final Function<List<EvaluationTask>, List<ShardResult>> evaluate;
    private final MergeSearch search;
    private final double[] sums = new double[8];
    private MethodState method;

    Loop(JavaSparkContext jsc, Tasks tasks, EvaluationSet set, int adapters, Path checkpoints,
        Function<List<EvaluationTask>, List<ShardResult>> evaluate) throws IOException {
      this.jsc = jsc;
      this.tasks = tasks;
      this.set = set;
      this.evaluate = evaluate;
      this.checkpoints = CheckpointStore.of(FileSystem.getLocal(new Configuration()),
          new org.apache.hadoop.fs.Path(checkpoints.toUri()));
      SearchSettings settings = SearchSettings.defaults().withSeed(plan.seed()).withMethod(Method.EVO_MERGING);
      this.search = new MergeSearch(settings, adapters);
      this.method = MethodState.start(Method.EVO_MERGING, search.start());
    }

    /** {total, calls, scheduling, aggregation, optimizer, checkpoint, deserialize, result KiB}, in ms. */
    double[] generation() throws IOException {
      tasks.take(jsc);
      long t0 = System.nanoTime();
      Generation generation = search.ask(method.search());
      List<ControlVectors> vectors = generation.candidates().stream().map(Candidate::vectors).toList();
      long t1 = System.nanoTime();
      List<ShardResult> results = evaluate.apply(EvaluationTask.grid(vectors, set.shardCount()));
      long t2 = System.nanoTime();
      double[] losses = CandidateScore.reduce(results, vectors.size(), set.shardCount()).stream()
          .mapToDouble(CandidateScore::meanLoss).toArray();
      long t3 = System.nanoTime();
      Step told = search.tell(method.search(), losses);
      long t4 = System.nanoTime();
      record(told);
      long t5 = System.nanoTime();
      checkpoints.save(new JobState("bench", "bench", List.of(method), CallUsage.ZERO, 0, null),
          MAPPER);
      long t6 = System.nanoTime();
      double[] executors = tasks.take(jsc);
      return new double[] {(t6 - t0) / 1e6, executors[0], (t2 - t1) / 1e6 - executors[0],
          (t3 - t2 + t5 - t4) / 1e6, (t1 - t0 + t4 - t3) / 1e6, (t6 - t5) / 1e6, executors[1], executors[2]};
    }

    void add(double[] generation) {
      for (int k = 0; k < sums.length; k++) {
        sums[k] += generation[k] / plan.generations();
      }
    }

    Shape mean() {
      return new Shape(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7]);
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
  }
}
