package io.evomerge.bench.internal;

import io.evomerge.job.EvaluatePartition;
import io.evomerge.job.EvaluationTask;
import io.evomerge.job.ShardResult;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.util.CollectionAccumulator;

/**
 * The job's {@link EvaluatePartition}, with the span of its service calls (start and end, from
 * {@link System#nanoTime()}) added to an accumulator. In local mode the executors share the
 * driver's clock, so the driver can subtract the calls from the Spark job's wall time. Carries
 * exactly its inputs.
 */
public record TimedPartition(EvaluatePartition partition, CollectionAccumulator<Span> spans)
    implements FlatMapFunction<Iterator<List<EvaluationTask>>, ShardResult> {

  @Override
  public Iterator<ShardResult> call(Iterator<List<EvaluationTask>> tasks) throws Exception {
    long start = System.nanoTime();
    Iterator<ShardResult> results = partition.call(tasks);
    spans.add(new Span(start, System.nanoTime()));
    return results;
  }

  /** When one partition's calls started and ended, in nanoseconds of the JVM's clock. */
  public record Span(long start, long end) implements Serializable {}
}
