package io.evomerge.job.output;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a run asked of the merge service, over all methods and test scoring, counted as sent.
 * Immutable. Without faults every count but {@code examples} equals the planned calls; with
 * faults, retries and lost tasks add to {@code calls}, which the budget is charged.
 *
 * @param calls calls charged against {@code budget.maxApiCalls}: {@code sent + lostTaskCalls}
 * @param examples examples planned to be sent (deterministic)
 * @param retries attempts repeated after a transient error
 * @param failures calls that failed for good
 * @param sent HTTP attempts made by tasks that finished, retries included
 * @param answered calls the service answered with a result
 * @param lostTaskCalls calls charged in full for Spark task attempts that failed or were lost,
 *     whose own counts died with them, and for an evaluation a crashed attempt left in flight
 */
@JsonPropertyOrder({"calls", "examples", "retries", "failures", "sent", "answered", "lostTaskCalls"})
public record ApiUsage(long calls, long examples, long retries, long failures, long sent, long answered,
    long lostTaskCalls) {

  public ApiUsage {
    if (calls < 0 || examples < 0 || retries < 0 || failures < 0 || sent < 0 || answered < 0
        || lostTaskCalls < 0) {
      throw new IllegalArgumentException("API usage counts must be >= 0: " + calls + ", " + examples
          + ", " + retries + ", " + failures + ", " + sent + ", " + answered + ", " + lostTaskCalls);
    }
  }
}
