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
 * The executor side of a generation: makes the service calls of one partition's task groups and
 * returns one {@link ShardResult} per task. Carries exactly its inputs, and no secret: the client
 * reads the API key on the executor ({@code service.apiKey}: its environment or a secret file).
 * The HTTP client itself is per executor JVM (see {@link MergeClient}). Calls are idempotent, so
 * a task Spark runs twice changes nothing but the metrics.
 *
 * @param service the service and how to call it (no key inside)
 * @param set what is evaluated
 * @param metrics where the call counts go
 * @param ratePerSecond this task's share of {@code service.rateLimitPerSecond}; 0 = no limit
 */
public record EvaluatePartition(ServiceConfig service, EvaluationSet set, CallMetrics metrics, double ratePerSecond)
    implements FlatMapFunction<Iterator<List<EvaluationTask>>, ShardResult> {

  @Override
  public Iterator<ShardResult> call(Iterator<List<EvaluationTask>> groups) {
    List<List<EvaluationTask>> all = new ArrayList<>();
    groups.forEachRemaining(all::add);
    CallCounter counter = new CallCounter();
    MergeClient client = MergeClient.of(service, counter, ratePerSecond)
        .within(LostTasks.allowance(TaskContext.get(), all.stream().mapToLong(List::size).sum()));
    List<ShardResult> results = new ArrayList<>();
    try {
      for (List<EvaluationTask> group : all) {
        results.addAll(set.evaluate(client, group));
      }
      return results.iterator();
    } finally {
      metrics.add(counter.counts());
    }
  }
}
