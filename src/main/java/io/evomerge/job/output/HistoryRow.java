package io.evomerge.job.output;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.evomerge.merge.ControlVectors;
import io.evomerge.report.ConvergencePoint;
import io.evomerge.search.Evaluated;
import io.evomerge.search.Method;
import java.util.Objects;

/**
 * One evaluated candidate of a run, as the {@code history/} table stores it. Immutable. Jackson
 * round-trips it, so a job may keep its rows in JSON until the end of the run.
 *
 * @param runId the run
 * @param method the method id, for example {@code evo-merging}
 * @param stage the stage that asked for the candidate
 * @param generation its generation over the whole search, from 0
 * @param index its position in the generation, from 0
 * @param vectors the {@code alpha} and {@code beta} sent, one entry per adapter
 * @param loss mean loss on the fitness set
 * @param penalty the stage's regularisation term
 * @param fitness {@code loss + penalty}
 * @param bestSoFar the best fitness of the method after this candidate
 * @param apiCalls merge-service calls of the run so far, cumulative
 * @param elapsedMs milliseconds since the run started when the candidate's generation finished
 */
@JsonPropertyOrder({"runId", "method", "stage", "generation", "index", "vectors", "loss",
    "penalty", "fitness", "bestSoFar", "apiCalls", "elapsedMs"})
public record HistoryRow(String runId, String method, String stage, int generation, int index,
    ControlVectors vectors, double loss, double penalty, double fitness, double bestSoFar,
    long apiCalls, long elapsedMs) {

  public HistoryRow {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(vectors, "vectors");
    if (generation < 0 || index < 0 || apiCalls < 0 || elapsedMs < 0) {
      throw new IllegalArgumentException("generation, index, apiCalls and elapsedMs must be >= 0");
    }
  }

  /** The row of {@code evaluated}, with the run's counters at the end of its generation. */
  public static HistoryRow of(
      String runId, Method method, Evaluated evaluated, double bestSoFar, long apiCalls, long elapsedMs) {
    var c = evaluated.candidate();
    return new HistoryRow(runId, method.id(), c.stage(), c.generation(), c.index(), c.vectors(),
        evaluated.loss(), c.penalty(), evaluated.fitness(), bestSoFar, apiCalls, elapsedMs);
  }

  /** The point this row adds to the convergence chart. */
  public ConvergencePoint toConvergencePoint() {
    return new ConvergencePoint(stage, generation, fitness, bestSoFar);
  }
}
