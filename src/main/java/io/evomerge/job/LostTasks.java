package io.evomerge.job;

import io.evomerge.client.SendAllowance;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.SparkEnv;
import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilled;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Charges lost Spark task attempts, on the driver, and gives each task its allowance of sends, on
 * the executor. An attempt that fails with an exception or is killed still reports what it sent
 * through the call accumulators; one whose executor was lost takes its counts with it, yet its
 * calls may have reached the service, so it is charged its allowance (its planned calls, and with
 * {@link #allow} its share of the headroom). {@link SparkEvaluator} sets {@value #PLANNED_CALLS}
 * before each evaluation job: each partition's calls in order ({@code 12,8}), task {@code i} of a
 * stage planning entry {@code i}. Events arrive asynchronously: {@link #awaitJobs} waits for a
 * job's end. Thread-safe.
 *
 * <p>The calls the driver reserved for an evaluation, {@value #ALLOWED_CALLS}, bound what its
 * tasks send, retries included, so that a driver that crashes mid-evaluation (its resume charges
 * the saved reservation) never let the service count more. In local mode all tasks share the
 * whole reservation; on a cluster each task gets its {@link #shareOf share}, which its attempts
 * share within one executor JVM.
 */
final class LostTasks extends SparkListener {

  /** Local property: the calls each partition of the next evaluation job plans, comma-separated. */
  static final String PLANNED_CALLS = "evomerge.plannedCalls";

  /** Local property: the calls the next evaluation job may send, and its unique id. */
  static final String ALLOWED_CALLS = "evomerge.allowedCalls";

  private static final AtomicLong EVALUATIONS = new AtomicLong();

  private final Map<Integer, Stage> stages = new ConcurrentHashMap<>();
  private final AtomicLong charged = new AtomicLong();
  private final AtomicLong jobsEnded = new AtomicLong();
  private final Map<Integer, Boolean> plannedJobs = new ConcurrentHashMap<>();

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    if (planned(start.properties()) != null) {
      plannedJobs.put(start.jobId(), true);
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    long[] calls = planned(submitted.properties());
    if (calls != null) {
      long total = LongStream.of(calls).sum();
      String allowed = submitted.properties().getProperty(ALLOWED_CALLS);
      long reserved = allowed == null ? total : Long.parseLong(allowed.split(" ")[0]);
      stages.put(submitted.stageInfo().stageId(), new Stage(calls, total, reserved));
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    TaskEndReason reason = end.reason();
    if (reason instanceof Success$ || reason instanceof ExceptionFailure || reason instanceof TaskKilled) {
      return; // these attempts reported their counts
    }
    Stage plan = stages.get(end.stageId());
    if (plan != null) {
      charged.addAndGet(shareOf(plan.calls()[end.taskInfo().index()], plan.planned(), plan.reserved()));
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    if (plannedJobs.remove(end.jobId()) != null) {
      synchronized (this) {
        jobsEnded.incrementAndGet();
        notifyAll();
      }
    }
  }

  /** Calls charged so far for failed or lost task attempts. */
  long charged() {
    return charged.get();
  }

  /** Evaluation jobs whose end has been seen. */
  long jobsEnded() {
    return jobsEnded.get();
  }

  /** Waits until {@code count} evaluation jobs have ended, or {@code timeout} passed. */
  synchronized void awaitJobs(long count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (jobsEnded.get() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /**
   * Lets the evaluation jobs {@code jsc} starts from this thread send at most {@code calls} calls
   * together, each under a new id.
   */
  static void allow(JavaSparkContext jsc, long calls) {
    jsc.setLocalProperty(ALLOWED_CALLS, calls + " " + jsc.sc().applicationId() + "#" + EVALUATIONS.incrementAndGet());
  }

  /**
   * The allowance of {@code task}, which plans {@code calls} calls: unlimited when its job has
   * none; the job's whole one in local mode; else the task's {@link #shareOf share}.
   */
  static SendAllowance allowance(TaskContext task, long calls) {
    String allowed = task == null ? null : task.getLocalProperty(ALLOWED_CALLS);
    if (allowed == null) {
      return SendAllowance.UNLIMITED;
    }
    String[] reservedAndId = allowed.split(" ");
    long reserved = Long.parseLong(reservedAndId[0]);
    if ("driver".equals(SparkEnv.get().executorId())) { // local mode
      return SendAllowance.shared(reservedAndId[1], reserved);
    }
    long[] planned = planned(task.getLocalProperty(PLANNED_CALLS));
    long total = planned == null ? 0 : LongStream.of(planned).sum();
    long share = shareOf(calls, total, reserved);
    return SendAllowance.shared(reservedAndId[1] + "/" + task.partitionId(), share);
  }

  /**
   * A task's share of {@code reserved}: its {@code calls} of the job's {@code planned} and their
   * share of the headroom, rounded down, so the shares add up to at most {@code reserved}.
   */
  static long shareOf(long calls, long planned, long reserved) {
    return planned <= 0 ? calls : calls + calls * Math.max(0, reserved - planned) / planned;
  }

  /** An evaluation stage: each task's planned calls, their sum, and the calls reserved for them. */
  private record Stage(long[] calls, long planned, long reserved) {}

  private static long[] planned(Properties properties) {
    return planned(properties == null ? null : properties.getProperty(PLANNED_CALLS));
  }

  /** Each partition's planned calls, from {@value #PLANNED_CALLS}'s value; null when it is not set. */
  private static long[] planned(String value) {
    return value == null ? null : Arrays.stream(value.split(",")).mapToLong(Long::parseLong).toArray();
  }
}
