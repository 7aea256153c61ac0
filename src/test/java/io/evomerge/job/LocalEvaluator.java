package io.evomerge.job;

import io.evomerge.config.ServiceConfig;
import io.evomerge.merge.ControlVectors;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates from this JVM, through the same {@link EvaluatePartition} the executors run, as one
 * partition. Test code: for the tests, and the sequential baseline of the benchmarks in
 * src/bench/java ({@code maxInFlight = 1}).
 */
public final class LocalEvaluator implements CandidateEvaluator {

  private final ServiceConfig service;
  private final EvaluationSet set;
  private final CallMetrics metrics;

  public LocalEvaluator(ServiceConfig service, EvaluationSet set, CallMetrics metrics) {
    this.service = service;
    this.set = set;
    this.metrics = metrics;
  }

  @Override
  public List<CandidateScore> evaluate(List<ControlVectors> candidates, String label) {
    List<EvaluationTask> tasks = EvaluationTask.grid(candidates, set.shardCount());
    var partition = new EvaluatePartition(service, tasks, metrics, service.rateLimitPerSecond());
    List<ShardResult> results = new ArrayList<>(tasks.size());
    partition.call(set.parts(1).iterator()).forEachRemaining(results::add);
    return CandidateScore.reduce(results, candidates.size(), set.shardCount());
  }

  @Override
  public EvaluationSet set() {
    return set;
  }
}
