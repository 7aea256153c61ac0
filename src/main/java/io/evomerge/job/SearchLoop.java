package io.evomerge.job;

import io.evomerge.job.Meter.Metered;
import io.evomerge.job.output.HistoryRow;
import io.evomerge.merge.ControlVectors;
import io.evomerge.report.ProgressLine;
import io.evomerge.search.Generation;
import io.evomerge.search.MergeSearch;
import io.evomerge.search.MergeSearch.Step;
import io.evomerge.search.SearchSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Predicate;

/**
 * The generation loop of a run on the driver: ask, evaluate (metered), tell, and hand the new
 * {@link JobState} with the generation's history rows to the listener, which saves them. A
 * generation the budget rule refuses ends the method cleanly; {@code generationsLeft} ends this
 * invocation (to be resumed). Not thread-safe: one instance per invocation, on the driver.
 */
final class SearchLoop {

  /** Told around every generation; what it saves there survives a crash of the next one. */
  interface Listener {
    /** Before the evaluation of a generation: {@code state} reserves the calls it may send. */
    void beforeGeneration(JobState state) throws IOException;

    /** After it, with method {@code method}'s rows for the history and the progress line. */
    void onGeneration(JobState state, int method, int generation, List<HistoryRow> rows,
        ProgressLine progress) throws IOException;
  }

  /** What the loop needs beside the state. Immutable. */
  record Parts(SearchSettings settings, AdapterSelection adapters, CandidateEvaluator evaluator,
      Meter meter, Predicate<Stops.Next> byBudget, Listener listener, InstantSource clock) {}

  private final Parts parts;
  private final Instant started;
  private final ProgressView view;
  private int generationsLeft;

  /**
   * @param generationsLeft generations this invocation may run before it stops (to be resumed);
   *     {@link Integer#MAX_VALUE} for no limit
   */
  SearchLoop(Parts parts, ProgressView view, int generationsLeft) {
    this.parts = parts;
    this.started = parts.clock().instant();
    this.view = view;
    this.generationsLeft = generationsLeft;
  }

  /** Whether this invocation has run all the generations it was allowed. */
  boolean interrupted() {
    return generationsLeft <= 0;
  }

  /**
   * Runs method {@code index} of {@code state} until it finishes, the budget stops it, or this
   * invocation's generations are used up; returns the state reached.
   */
  JobState run(JobState state, int index) throws IOException {
    MethodState method = state.methods().get(index);
    MergeSearch search = new MergeSearch(parts.settings().withMethod(method.method()), parts.adapters().size());
    while (!method.finished() && generationsLeft > 0) {
      if (method.search().done()) {
        method = method.finish(false);
      } else {
        Generation generation = search.ask(method.search());
        long calls = parts.evaluator().callsFor(generation.size());
        long examples = parts.evaluator().examplesFor(generation.size());
        if (parts.byBudget().test(new Stops.Next(state, calls, examples))) {
          method = method.finish(true);
        } else {
          state = step(state, index, search, generation, calls, examples);
          method = state.methods().get(index);
          generationsLeft--;
          continue;
        }
      }
      state = state.with(index, method, CallUsage.ZERO);
    }
    return state;
  }

  private JobState step(JobState state, int index, MergeSearch search, Generation generation,
      long calls, long examples) throws IOException {
    MethodState method = state.methods().get(index);
    long reserve = Stops.withHeadroom(calls, state.usage().headroom(Stops.MIN_HEADROOM));
    parts.listener().beforeGeneration(state.reserving(reserve));
    List<ControlVectors> vectors = generation.candidates().stream()
        .map(c -> parts.adapters().expand(c.vectors())).toList();
    String label = view.label(index, method.method(), generation);
    Metered<List<CandidateScore>> scores = parts.meter().measure(calls, examples,
        () -> parts.evaluator().evaluate(vectors, label));
    Step told = search.tell(method.search(), scores.value().stream().mapToDouble(CandidateScore::meanLoss).toArray());
    JobState next = state.with(index, method.after(told.state(), scores.usage()), scores.usage());
    List<HistoryRow> rows = rows(next, method, told);
    parts.listener().onGeneration(next, index, generation.number(), rows, view.line(next, index, generation, told));
    return next;
  }

  private List<HistoryRow> rows(JobState state, MethodState method, Step told) {
    double bestSoFar = told.state().best().fitness();
    long elapsed = Duration.between(started, parts.clock().instant()).toMillis();
    return told.evaluated().stream()
        .map(e -> HistoryRow.of(state.runId(), method.method(), e, bestSoFar, state.calls(), elapsed))
        .toList();
  }
}
