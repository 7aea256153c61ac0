package io.evomerge.bench.internal;

import io.evomerge.client.MergeClient;
import io.evomerge.config.ServiceConfig;
import io.evomerge.job.EvaluationSet;
import io.evomerge.job.EvaluationTask;
import io.evomerge.job.ShardResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The shape the job had before it cached its evaluation set: every generation ships its tasks as
 * the partitions' data and the whole set (every example) inside the function. Kept here, in the
 * benchmark, to measure it against the job's cached shape. Carries exactly its inputs.
 */
public record ShippedPartition(ServiceConfig service, EvaluationSet set)
    implements FlatMapFunction<Iterator<List<EvaluationTask>>, ShardResult> {

  @Override
  public Iterator<ShardResult> call(Iterator<List<EvaluationTask>> groups) {
    MergeClient client = MergeClient.of(service);
    EvaluationSet.Part whole = set.parts(1).get(0);
    List<ShardResult> results = new ArrayList<>();
    while (groups.hasNext()) {
      results.addAll(whole.evaluate(client, groups.next()));
    }
    return results.iterator();
  }

  /** {@code tasks} in at most {@code partitions} contiguous groups, as {@code parallelize} cuts them. */
  public static List<List<EvaluationTask>> groups(List<EvaluationTask> tasks, int partitions) {
    int slices = Math.max(1, Math.min(partitions, tasks.size()));
    List<List<EvaluationTask>> groups = new ArrayList<>(slices);
    for (int i = 0; i < slices; i++) {
      groups.add(List.copyOf(tasks.subList(i * tasks.size() / slices, (i + 1) * tasks.size() / slices)));
    }
    return groups;
  }
}
