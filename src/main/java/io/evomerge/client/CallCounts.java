package io.evomerge.client;

import java.io.Serializable;

/**
 * What a client's calls cost, each number from its own accumulator. Every HTTP attempt ends as
 * exactly one of an answer, a retry or a failure, so {@code attempts = answers + retries +
 * failures} once every call has finished, less the calls a spent {@link SendAllowance} refused.
 * {@code attempts} is what the service may have received: the job charges it to the budget.
 * Immutable.
 *
 * @param attempts HTTP attempts sent (retries included)
 * @param answers attempts answered with a 2xx
 * @param retries attempts that failed transiently and were followed by another attempt
 * @param failures calls that failed for good (refused, or out of patience)
 */
public record CallCounts(long attempts, long answers, long retries, long failures) implements Serializable {

  public CallCounts plus(CallCounts other) {
    return new CallCounts(attempts + other.attempts, answers + other.answers,
        retries + other.retries, failures + other.failures);
  }
}
