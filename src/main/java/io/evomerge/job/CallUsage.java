package io.evomerge.job;

/**
 * What a run has asked of the merge service, counted as sent; the budget is charged {@link
 * #spent()}. Immutable.
 *
 * @param planned calls the driver planned (one per candidate and shard), without retries
 * @param sent HTTP attempts that finished tasks reported, retries included
 * @param answered calls the service answered with a result
 * @param retries attempts repeated after a transient error
 * @param failures calls that failed for good
 * @param lostTaskCalls calls charged for failed or lost task attempts
 * @param examples examples planned to be sent (deterministic)
 */
public record CallUsage(
    long planned, long sent, long answered, long retries, long failures, long lostTaskCalls, long examples) {

  public static final CallUsage ZERO = new CallUsage(0, 0, 0, 0, 0, 0, 0);

  /** Sent, plus the calls charged for lost task attempts (whose own counts died with them). */
  public long spent() {
    return sent + lostTaskCalls;
  }

  public CallUsage plus(CallUsage o) {
    return new CallUsage(planned + o.planned, sent + o.sent, answered + o.answered, retries + o.retries,
        failures + o.failures, lostTaskCalls + o.lostTaskCalls, examples + o.examples);
  }

  /**
   * The share to add to a plan for what retries and lost tasks have cost so far: twice the
   * measured overhead, and at least {@code minimum}.
   */
  double headroom(double minimum) {
    double overhead = planned == 0 ? 0 : Math.max(0, spent() - planned) / (double) planned;
    return Math.max(minimum, 2 * overhead);
  }
}
