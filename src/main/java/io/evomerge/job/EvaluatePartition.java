package io.evomerge.job;

import io.evomerge.client.CallCounter;
import io.evomerge.client.MergeClient;
import io.evomerge.config.ServiceConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The executor side of an evaluation: makes the calls of the tasks its partition's {@link
 * EvaluationSet.Part parts} own, one {@link ShardResult} per task. Carries no secret: the client
 * reads the API key on the executor. Calls are idempotent, so a task Spark runs twice changes
 * nothing but the metrics.
 *
 * @param tasks every task of the evaluation: each part picks its own
 * @param ratePerSecond this task's share of {@code service.rateLimitPerSecond}; 0 = no limit
 */
public record EvaluatePartition(ServiceConfig service, List<EvaluationTask> tasks, CallMetrics metrics,
    double ratePerSecond) implements FlatMapFunction<Iterator<EvaluationSet.Part>, ShardResult> {

  public EvaluatePartition {
    tasks = List.copyOf(tasks);
  }

  @Override
  public Iterator<ShardResult> call(Iterator<EvaluationSet.Part> parts) {
    List<EvaluationSet.Part> owned = new ArrayList<>();
    parts.forEachRemaining(owned::add);
    long planned = owned.stream().mapToLong(part -> part.pick(tasks).size()).sum();
    CallCounter counter = new CallCounter();
    MergeClient client = MergeClient.of(service, counter, ratePerSecond)
        .within(LostTasks.allowance(TaskContext.get(), planned));
    List<ShardResult> results = new ArrayList<>();
    try {
      for (EvaluationSet.Part part : owned) {
        results.addAll(part.evaluate(client, part.pick(tasks)));
      }
      return results.iterator();
    } finally {
      metrics.add(counter.counts());
    }
  }
}
