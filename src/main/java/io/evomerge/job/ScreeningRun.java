package io.evomerge.job;

import io.evomerge.job.Meter.Metered;
import io.evomerge.selection.AdapterScreening;
import io.evomerge.selection.ScreeningPlan;
import io.evomerge.selection.ScreeningState;
import io.evomerge.selection.ShardLoss;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The screening of {@code selection} on the driver: one Spark job per round of the {@link
 * ScreeningPlan}, each (adapter, shard) pair one service call, reduced in a fixed order to {@link
 * ShardLoss}es and added to the {@link JobState} with the calls they cost. A resumed run continues
 * with the pairs still missing, so an interrupted round is finished, never repeated. Not
 * thread-safe: one instance per invocation, on the driver.
 */
final class ScreeningRun {

  /** Told around every round; what it saves there survives a crash of the next one. */
  interface Listener {
    /** Evaluates {@code work}, a round planned as {@code next}: reserved, saved, metered. */
    <T> Metered<T> evaluate(Stops.Next next, Supplier<T> work) throws IOException;

    /** After a round, with its progress line. */
    void onRound(JobState state, String line) throws IOException;
  }

  /**
   * What the screening needs beside the state. Immutable.
   *
   * @param base the adapters screened (the repository, or {@code data.adapters})
   */
  record Parts(ScreeningPlan plan, AdapterSelection base, SparkEvaluator evaluator,
      Predicate<Stops.Next> byBudget, Stops.StepLimit steps, Listener listener) {}

  private final Parts parts;

  ScreeningRun(Parts parts) {
    this.parts = parts;
  }

  /** Examples of each shard of {@code set} (a session counts as one shard of all its examples). */
  static int[] shardSizes(EvaluationSet set) {
    if (set instanceof EvaluationSet.OfExamples examples) {
      return examples.shards().list().stream().mapToInt(s -> s.size()).toArray();
    }
    return new int[] {(int) set.examplesPerCandidate()};
  }

  /** Examples the whole plan sends. */
  static long plannedExamples(ScreeningPlan plan, int[] sizes) {
    return IntStream.range(0, plan.rounds()).mapToLong(r -> plan.examplesOfRound(r, sizes)).sum();
  }

  /**
   * Runs the rounds still missing from {@code state.screening()} until it is done or the step limit
   * ends this invocation; returns the state reached. A round the budget cannot take is an error:
   * the screening must finish before any search can start.
   */
  JobState run(JobState state) throws IOException {
    ScreeningPlan plan = parts.plan();
    int[] sizes = shardSizes(parts.evaluator().set());
    while (!parts.steps().spent()) {
      ScreeningPlan.Round round = plan.round(state.screening());
      Stops.Next next = new Stops.Next(state, round.pairs().size(),
          round.pairs().stream().mapToLong(p -> sizes[p.shard()]).sum());
      if (round.isEmpty()) {
        return state;
      }
      if (parts.byBudget().test(next)) {
        throw new IllegalStateException("screening round " + (round.index() + 1) + "/" + plan.rounds()
            + " (" + next.calls() + " calls, " + next.examples() + " examples) does not fit what is left of the"
            + " budget after " + state.calls() + " calls (retries and lost tasks took more than planned); raise"
            + " budget.maxApiCalls or budget.maxExamples and --resume, or lower selection.topK /"
            + " selection.initialShards");
      }
      state = round(next, round);
      parts.steps().count();
    }
    return state;
  }

  private JobState round(Stops.Next next, ScreeningPlan.Round round) throws IOException {
    ScreeningPlan plan = parts.plan();
    List<ShardLoss.Pair> pairs = round.pairs();
    List<EvaluationTask> tasks = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      tasks.add(new EvaluationTask(i, pairs.get(i).shard(), parts.base().expand(plan.vectors(pairs.get(i)))));
    }
    ScreeningPlan.Stage stage = plan.stages().get(round.index());
    String label = "screening round " + (round.index() + 1) + "/" + plan.rounds() + ": " + stage.adapters()
        + " adapters and the base model on shards " + stage.fromShard() + ".." + (stage.toShard() - 1);
    Metered<List<ShardResult>> scored = parts.listener().evaluate(next,
        () -> parts.evaluator().evaluateTasks(tasks, label));
    List<ShardLoss> scores = new ArrayList<>(pairs.size());
    for (ShardResult result : scored.value()) {
      scores.add(loss(pairs.get(result.candidate()), result, parts.evaluator().set()));
    }
    ScreeningState screening = next.state().screening().withScores(scores);
    JobState after = next.state().withScreening(screening, scored.usage());
    parts.listener().onRound(after, line(round, stage, screening, after));
    return after;
  }

  /** The mean loss of one task's result, over its examples (a session's loss as it is). */
  static ShardLoss loss(ShardLoss.Pair pair, ShardResult result, EvaluationSet set) {
    if (result.losses().length == 0) {
      return new ShardLoss(pair.adapter(), pair.shard(), result.sessionLoss(), (int) set.examplesPerCandidate());
    }
    double sum = 0;
    for (double loss : result.losses()) {
      sum += loss;
    }
    return new ShardLoss(pair.adapter(), pair.shard(), sum / result.losses().length, result.losses().length);
  }

  private String line(ScreeningPlan.Round round, ScreeningPlan.Stage stage, ScreeningState next, JobState state) {
    List<AdapterScreening> ranking = next.ranking();
    String best = ranking.isEmpty() ? "-" : String.format(Locale.ROOT, "%s (loss %.4f, base %.4f)",
        parts.base().ids().get(ranking.get(0).adapter()), ranking.get(0).loss(), ranking.get(0).baseLoss());
    return String.format(Locale.ROOT, "[screening] round %d/%d: %d adapters + base on shards %d..%d,"
        + " %d calls; best so far %s; calls %d", round.index() + 1, parts.plan().rounds(), stage.adapters(),
        stage.fromShard(), stage.toShard() - 1, round.pairs().size(), best, state.calls());
  }
}
