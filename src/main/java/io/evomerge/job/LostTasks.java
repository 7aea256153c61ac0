package io.evomerge.job;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.Success$;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Charges every lost Spark task attempt its planned calls, on the driver. An attempt that fails
 * with an exception or is killed reports what it sent through the call accumulators, which count
 * failed values ({@link CallMetrics#accumulators}); an attempt whose executor was lost (or that
 * ended any other way) takes its counts with it, yet its calls may have reached the service, so
 * the budget must pay for them: this listener charges the calls the attempt was planned to make.
 *
 * <p>How it knows the plan: {@link SparkEvaluator} sets the local property {@value #PLANNED_CALLS}
 * before each evaluation job, the calls of each partition in order ({@code 12,8}); task {@code i}
 * of a stage of that job is charged entry {@code i}. Listener events arrive asynchronously:
 * {@link #awaitJobs} waits until the job's end (posted after all its task ends) has been seen.
 * Thread-safe.
 */
final class LostTasks extends SparkListener {

  /** Local property: the calls each partition of the next evaluation job plans, comma-separated. */
  static final String PLANNED_CALLS = "evomerge.plannedCalls";

  private final Map<Integer, String[]> stages = new ConcurrentHashMap<>();
  private final AtomicLong charged = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private final AtomicLong jobsEnded = new AtomicLong();
  private final Map<Integer, Boolean> plannedJobs = new ConcurrentHashMap<>();

  /** A listener registered on {@code jsc}. */
  static LostTasks on(JavaSparkContext jsc) {
    LostTasks listener = new LostTasks();
    jsc.sc().addSparkListener(listener);
    return listener;
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    if (planned(start.properties()) != null) {
      plannedJobs.put(start.jobId(), true);
    }
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    String[] planned = planned(submitted.properties());
    if (planned != null) {
      stages.put(submitted.stageInfo().stageId(), planned);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    if (end.reason() instanceof Success$ || reportedItsCounts(end.reason())) {
      return;
    }
    String[] plan = stages.get(end.stageId());
    if (plan != null) {
      failedAttempts.incrementAndGet();
      charged.addAndGet(Long.parseLong(plan[end.taskInfo().index()]));
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

  /** Failed or lost task attempts seen so far. */
  long failedAttempts() {
    return failedAttempts.get();
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

  /** Whether an attempt that ended for {@code reason} sent its call counts back (see the class comment). */
  static boolean reportedItsCounts(TaskEndReason reason) {
    return reason instanceof ExceptionFailure || reason instanceof TaskKilled;
  }

  private static String[] planned(Properties properties) {
    String value = properties == null ? null : properties.getProperty(PLANNED_CALLS);
    return value == null ? null : value.split(",");
  }
}
