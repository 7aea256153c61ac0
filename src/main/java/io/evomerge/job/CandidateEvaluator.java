package io.evomerge.job;

import io.evomerge.merge.ControlVectors;
import java.util.List;

/**
 * Scores candidates on one {@link EvaluationSet}: {@link SparkEvaluator} spreads the calls over
 * executors; the tests' LocalEvaluator makes them from this JVM. Both give identical scores.
 */
public interface CandidateEvaluator {

  /** One score per candidate, in order; {@code label} names the work in the Spark UI. */
  List<CandidateScore> evaluate(List<ControlVectors> candidates, String label);

  /** The set the candidates are scored on. */
  EvaluationSet set();

  /** Service calls that scoring {@code candidates} candidates makes (without retries). */
  default long callsFor(int candidates) {
    return (long) candidates * set().shardCount();
  }

  /** Examples that scoring {@code candidates} candidates sends. */
  default long examplesFor(int candidates) {
    return candidates * set().examplesPerCandidate();
  }
}
