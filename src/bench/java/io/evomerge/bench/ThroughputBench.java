package io.evomerge.bench;

import io.evomerge.bench.internal.BenchService;
import io.evomerge.bench.internal.ServiceTime;

import io.evomerge.config.ServiceConfig;
import io.evomerge.data.Example;
import io.evomerge.data.Shards;
import io.evomerge.job.CallMetrics;
import io.evomerge.job.LocalCallMetrics;
import io.evomerge.job.CandidateEvaluator;
import io.evomerge.job.EvaluationSet;
import io.evomerge.job.LocalEvaluator;
import io.evomerge.job.SparkEvaluator;
import io.evomerge.merge.ControlVectors;
import io.evomerge.model.MergeModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Throughput against the physical limit: the reference service answers no sooner than {@code L}
 * ms after admitting a call and serves at most {@code C} calls at once (429 over it), so a
 * generation of {@code calls} calls cannot take less than {@code ceil(calls / C) * L}. Runs fixed
 * generations ({@code popSize x shards} calls each) through the job's {@link SparkEvaluator} with
 * the job's default settings and with each tuned setting, and a few calls through a sequential
 * {@link LocalEvaluator} (one request at a time). Not thread-safe; one run at a time.
 */
public final class ThroughputBench {

  private final BenchPlan.Throughput plan;
  private final ServiceConfig defaults;
  private final PrintWriter log;

  public ThroughputBench(BenchPlan.Throughput plan, ServiceConfig defaults, PrintWriter log) {
    this.plan = plan;
    this.defaults = defaults;
    this.log = log;
  }

  /** One setting's measurement. Immutable. */
  public record Row(String setting, int partitions, int maxInFlight, int generations, long callsPerGeneration,
      double limitMs, double msPerGeneration, double efficiency, long throttled, long retries) {}

  /** Every row, the sequential one last, and the speedups. Immutable. */
  public record Result(long latencyMs, int concurrency, int popSize, int shards, List<Row> rows,
      Row sequential, double speedupDefault, double speedupTuned, String tuned) {}

  public Result run(JavaSparkContext jsc, MergeModel model, List<Example> fitness) throws IOException {
    Shards shards = Shards.of(Shards.firstById(fitness, plan.shards() * plan.shardSize()), plan.shardSize());
    EvaluationSet set = new EvaluationSet.OfExamples(shards);
    List<Row> rows = new ArrayList<>();
    try (BenchService service = BenchService.start(new ServiceTime(model, plan.latencyMs(), plan.shardSize()), plan.concurrency())) {
      ServiceConfig base = service.client(defaults);
      Target target = new Target(service, set, model.adapters().size());
      warmUp(jsc, base, target);
      rows.add(spark(jsc, target, base, "default (partitions = " + jsc.defaultParallelism()
          + ", maxInFlight = " + base.inFlight() + ")", 0, base.inFlight()));
      for (int[] setting : plan.tuned()) {
        rows.add(spark(jsc, target, base, "tuned", setting[0], setting[1]));
      }
      Row sequential = sequential(target, inFlight(base, 1));
      return result(rows, sequential);
    }
  }

  private Result result(List<Row> rows, Row sequential) {
    Row best = rows.get(0);
    for (Row r : rows.subList(1, rows.size())) {
      if (best == rows.get(0) || r.efficiency() > best.efficiency()) {
        best = r;
      }
    }
    return new Result(plan.latencyMs(), plan.concurrency(), plan.popSize(), plan.shards(), rows, sequential,
        sequential.msPerGeneration() / rows.get(0).msPerGeneration(),
        sequential.msPerGeneration() / best.msPerGeneration(),
        best.setting() + " partitions " + best.partitions() + " x maxInFlight " + best.maxInFlight());
  }

  private static ServiceConfig inFlight(ServiceConfig s, int maxInFlight) {
    return new ServiceConfig(s.url(), s.urls(), s.dialect(), s.apiKey(), s.connectTimeoutMs(),
        s.requestTimeoutMs(), maxInFlight, s.sessionsPerReplica(), s.rateLimitPerSecond(), s.retry(),
        s.bmm(), s.embedded());
  }

  private void warmUp(JavaSparkContext jsc, ServiceConfig base, Target target) {
    new SparkEvaluator(jsc, base, target.set(), LocalCallMetrics.counters(), 0)
        .evaluate(candidates(new SplittableRandom(1), 2, target.adapters()), "warm-up");
  }

  private Row spark(JavaSparkContext jsc, Target target, ServiceConfig base, String name, int partitions,
      int inFlight) {
    CallMetrics metrics = CallMetrics.accumulators(jsc);
    SparkEvaluator evaluator = new SparkEvaluator(jsc, inFlight(base, inFlight), target.set(), metrics,
        partitions);
    int used = partitions > 0 ? partitions : jsc.defaultParallelism();
    return measure(target, evaluator, metrics, name, used, inFlight, plan.generations(), plan.popSize());
  }

  private Row sequential(Target target, ServiceConfig one) {
    CallMetrics metrics = LocalCallMetrics.counters();
    LocalEvaluator evaluator = new LocalEvaluator(one, target.set(), metrics);
    EvaluationSet set = target.set();
    Row measured = measure(target, evaluator, metrics, "sequential (LocalEvaluator, maxInFlight = 1)", 1, 1, 1,
        plan.sequentialCandidates());
    double scale = (double) plan.popSize() / plan.sequentialCandidates();
    long calls = (long) plan.popSize() * set.shardCount();
    double perGeneration = measured.msPerGeneration() * scale;
    return new Row(measured.setting() + (scale == 1 ? "" : ", " + plan.sequentialCandidates()
        + " candidates timed, scaled to " + plan.popSize()), 1, 1, measured.generations(), calls,
        limitMs(calls), perGeneration, limitMs(calls) / perGeneration, measured.throttled(), measured.retries());
  }

  private Row measure(Target target, CandidateEvaluator evaluator, CallMetrics metrics, String name,
      int partitions, int inFlight, int generations, int candidates) {
    SplittableRandom random = new SplittableRandom(plan.seed());
    BenchService service = target.service();
    long throttledBefore = service.evaluateAnswers(429);
    long start = System.nanoTime();
    for (int g = 0; g < generations; g++) {
      evaluator.evaluate(candidates(random, candidates, target.adapters()), "throughput " + name + " generation " + g);
    }
    double ms = (System.nanoTime() - start) / 1e6 / generations;
    long calls = (long) candidates * evaluator.set().shardCount();
    Row row = new Row(name, partitions, inFlight, generations, calls, limitMs(calls), ms, limitMs(calls) / ms,
        service.evaluateAnswers(429) - throttledBefore, metrics.total().retries());
    log.printf("throughput: %s: %d partitions x %d in flight: %.0f ms per generation of %d calls, limit %.0f ms,"
        + " efficiency %.3f, %d answered 429%n", name, partitions, inFlight, ms, calls, row.limitMs(),
        row.efficiency(), row.throttled());
    return row;
  }

  private double limitMs(long calls) {
    return Math.ceil((double) calls / plan.concurrency()) * plan.latencyMs();
  }

  /** Random control vectors: alpha in [0.5, 1], beta in [-0.2, 0.2]. */
  static List<ControlVectors> candidates(SplittableRandom random, int count, int adapters) {
    List<ControlVectors> out = new ArrayList<>(count);
    for (int c = 0; c < count; c++) {
      double[] alpha = new double[adapters];
      double[] beta = new double[adapters];
      for (int i = 0; i < adapters; i++) {
        alpha[i] = random.nextDouble(0.5, 1.0);
        beta[i] = random.nextDouble(-0.2, 0.2);
      }
      out.add(ControlVectors.of(alpha, beta));
    }
    return out;
  }

  /** Where the calls go: the service, the evaluation set, the repository's size. */
  private record Target(BenchService service, EvaluationSet set, int adapters) {}
}
