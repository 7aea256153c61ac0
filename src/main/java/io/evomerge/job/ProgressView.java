package io.evomerge.job;

import io.evomerge.report.ProgressLine;
import io.evomerge.report.RunProgress;
import io.evomerge.search.Evaluated;
import io.evomerge.search.Generation;
import io.evomerge.search.MergeSearch;
import io.evomerge.search.MergeSearch.Step;
import io.evomerge.search.Method;
import io.evomerge.search.SearchSettings;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The progress view of a run: its phase (method i of n, stage, test scoring), the calls charged
 * and the time left for every call still planned; names the Spark jobs after the phases.
 * Not thread-safe (driver).
 */
final class ProgressView {

  private final RunProgress progress;
  private final List<Method> methods;
  private final int[] generations;
  private final int[] evaluations;
  private final CandidateEvaluator fitness;
  private final long testCallsPerMethod;

  ProgressView(RunProgress progress, SearchSettings settings, List<Method> methods, int adapters,
      CandidateEvaluator fitness, long testCallsPerMethod) {
    this.progress = progress;
    this.methods = List.copyOf(methods);
    this.generations = new int[methods.size()];
    this.evaluations = new int[methods.size()];
    for (int i = 0; i < methods.size(); i++) {
      MergeSearch plan = new MergeSearch(settings.withMethod(methods.get(i)), adapters);
      generations[i] = plan.plannedGenerations();
      evaluations[i] = plan.plannedEvaluations();
    }
    this.fitness = fitness;
    this.testCallsPerMethod = testCallsPerMethod;
  }

  /** The phase of method {@code index}: {@code method 2/4 lorahub}. */
  String phase(int index) {
    return "method " + (index + 1) + "/" + methods.size() + " " + methods.get(index).id();
  }

  /** The Spark job description of a generation. */
  String label(int index, Generation generation) {
    return phase(index) + ": " + generation.stage() + " generation " + (generation.number() + 1)
        + "/" + generations[index];
  }

  /** The line after {@code generation} of method {@code index}. */
  ProgressLine line(JobState state, int index, Generation generation, Step told) {
    double mean = told.evaluated().stream().mapToDouble(Evaluated::fitness).average().orElse(Double.NaN);
    String phase = (index + 1) + "/" + methods.size() + " " + methods.get(index).id() + "/" + generation.stage();
    return progress.line(phase, generation.number(), generations[index],
        told.state().best().fitness(), mean, told.sigma(), state.calls(),
        remainingCalls(state));
  }

  /** Calls still planned: the unfinished searches' candidates, and test scoring not yet done. */
  long remainingCalls(JobState state) {
    long remaining = 0;
    for (int i = 0; i < state.methods().size(); i++) {
      MethodState m = state.methods().get(i);
      if (!m.finished()) {
        remaining += fitness.callsFor(Math.max(0, evaluations[i] - m.search().evaluations()));
      }
      if (m.test() == null) {
        remaining += testCallsPerMethod;
      }
    }
    return remaining;
  }

  /** Calls the whole run plans, from its start. */
  long plannedCalls() {
    return IntStream.of(evaluations).mapToLong(e -> fitness.callsFor(e) + testCallsPerMethod).sum();
  }
}
