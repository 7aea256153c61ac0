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
import java.util.function.Supplier;

/**
 * The generation loop of a run on the driver: ask, evaluate (metered), tell, and hand the new
 * {@link JobState} with the generation's history rows to the listener, which saves them. A
 * generation {@code byBudget} refuses ends its method cleanly; {@code steps} ends this invocation
 * (to be resumed). Not thread-safe: one instance per invocation, on the driver.
 */
final class SearchLoop {

  /** Told around every generation; what it saves there survives a crash of the next one. */
  interface Listener {
    /** Evaluates {@code work}, a generation planned as {@code next}: reserved, saved, metered. */
    <T> Metered<T> evaluate(Stops.Next next, Supplier<T> work) throws IOException;

    /** After it, with method {@code method}'s rows for the history and the progress line. */
    void onGeneration(JobState state, int method, int generation, List<HistoryRow> rows,
        ProgressLine progress) throws IOException;
  }

  /** What the loop needs beside the state. Immutable. */
  record Parts(SearchSettings settings, AdapterSelection adapters, CandidateEvaluator evaluator,
      Predicate<Stops.Next> byBudget, Stops.StepLimit steps, Listener listener, InstantSource clock) {}

  private final Parts parts;
  private final Instant started;
  private final ProgressView view;

  SearchLoop(Parts parts, ProgressView view) {
    this.parts = parts;
    this.started = parts.clock().instant();
    this.view = view;
  }

  /**
   * Runs the methods of {@code state} in order, each until it finishes or the budget ends it,
   * until all are finished or the step limit ends this invocation; returns the state reached.
   */
  JobState run(JobState state) throws IOException {
    for (int index = 0; index < state.methods().size(); index++) {
      MethodState method = state.methods().get(index);
      MergeSearch search = new MergeSearch(parts.settings().withMethod(method.method()), parts.adapters().size());
      while (!method.finished()) {
        if (parts.steps().spent()) {
          return state;
        }
        if (method.search().done()) {
          method = method.finish(false);
        } else {
          Generation generation = search.ask(method.search());
          Stops.Next next = new Stops.Next(state, parts.evaluator().callsFor(generation.size()),
              parts.evaluator().examplesFor(generation.size()));
          if (parts.byBudget().test(next)) {
            method = method.finish(true);
          } else {
            state = step(next, index, search, generation);
            parts.steps().count();
            method = state.methods().get(index);
            continue;
          }
        }
        state = state.with(index, method, CallUsage.ZERO);
      }
    }
    return state;
  }

  private JobState step(Stops.Next next, int index, MergeSearch search, Generation generation) throws IOException {
    JobState state = next.state();
    MethodState method = state.methods().get(index);
    List<ControlVectors> vectors = generation.candidates().stream()
        .map(c -> parts.adapters().expand(c.vectors())).toList();
    String label = view.label(index, generation);
    Metered<List<CandidateScore>> scores = parts.listener().evaluate(next,
        () -> parts.evaluator().evaluate(vectors, label));
    Step told = search.tell(method.search(), scores.value().stream().mapToDouble(CandidateScore::meanLoss).toArray());
    JobState after = state.with(index, method.after(told.state(), scores.usage()), scores.usage());
    double bestSoFar = told.state().best().fitness();
    long elapsed = Duration.between(started, parts.clock().instant()).toMillis();
    List<HistoryRow> rows = told.evaluated().stream()
        .map(e -> HistoryRow.of(after.runId(), method.method(), e, bestSoFar, after.calls(), elapsed)).toList();
    parts.listener().onGeneration(after, index, generation.number(), rows, view.line(after, index, generation, told));
    return after;
  }
}
