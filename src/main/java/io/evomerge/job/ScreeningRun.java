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

/**
 * The screening of {@code selection} on the driver: one Spark job per round of the {@link
 * ScreeningPlan}, each (adapter, shard) pair one service call, reduced in a fixed order to {@link
 * ShardLoss}es, added to the {@link JobState} with the calls they cost, and handed to the
 * listener, which checkpoints them. A resumed run continues with the pairs still missing, so an
 * interrupted round is finished, never repeated. Each round is checked against the budget before
 * it starts. Not thread-safe: one instance per invocation, on the driver.
 */
final class ScreeningRun {

  /** Told around every round; what it saves there survives a crash of the next one. */
  interface Listener {
    /** Before the calls of a round: {@code state} reserves the calls it may send. */
    void beforeGeneration(JobState state) throws IOException;

    /** After a round, with its progress line. */
    void onRound(JobState state, String line) throws IOException;
  }

  /**
   * What the screening needs beside the state. Immutable.
   *
   * @param plan the rounds, over the adapters of {@code base}
   * @param base the adapters screened (the repository, or {@code data.adapters}); widens each
   *     pair's vectors to the whole repository
   * @param stop ends this invocation before a round (to be resumed)
   */
  record Parts(ScreeningPlan plan, AdapterSelection base, SparkEvaluator evaluator, Meter meter,
      Predicate<Stops.Next> byBudget, Predicate<Stops.Next> stop, Listener listener) {}

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
    long total = 0;
    for (int r = 0; r < plan.rounds(); r++) {
      total += plan.examplesOfRound(r, sizes);
    }
    return total;
  }

  /**
   * Runs the rounds still missing from {@code state.screening()} until it is done or {@code stop}
   * ends this invocation; returns the state reached. A round the budget cannot take is an error:
   * the screening must finish before any search can start.
   */
  JobState run(JobState state) throws IOException {
    ScreeningPlan plan = parts.plan();
    int[] sizes = shardSizes(parts.evaluator().set());
    while (true) {
      ScreeningPlan.Round round = plan.round(state.screening());
      long calls = round.pairs().size();
      long examples = round.pairs().stream().mapToLong(p -> sizes[p.shard()]).sum();
      if (round.isEmpty() || parts.stop().test(new Stops.Next(state, calls, examples))) {
        return state;
      }
      if (parts.byBudget().test(new Stops.Next(state, calls, examples))) {
        throw new IllegalStateException("screening round " + (round.index() + 1) + "/" + plan.rounds()
            + " (" + calls + " calls, " + examples + " examples) does not fit what is left of the budget after "
            + state.calls() + " calls (retries and lost tasks took more than planned); raise budget.maxApiCalls"
            + " or budget.maxExamples and --resume, or lower selection.topK / selection.initialShards");
      }
      state = round(state, round, calls, examples);
    }
  }

  private JobState round(JobState state, ScreeningPlan.Round round, long calls, long examples)
      throws IOException {
    ScreeningPlan plan = parts.plan();
    long reserve = Stops.withHeadroom(calls, state.usage().headroom(Stops.MIN_HEADROOM));
    parts.listener().beforeGeneration(state.reserving(reserve));
    List<ShardLoss.Pair> pairs = round.pairs();
    List<EvaluationTask> tasks = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      tasks.add(new EvaluationTask(i, pairs.get(i).shard(), parts.base().expand(plan.vectors(pairs.get(i)))));
    }
    ScreeningPlan.Stage stage = plan.stages().get(round.index());
    String label = "screening round " + (round.index() + 1) + "/" + plan.rounds() + ": " + stage.adapters()
        + " adapters and the base model on shards " + stage.fromShard() + ".." + (stage.toShard() - 1);
    Metered<List<ShardResult>> scored = parts.meter().measure(calls, examples,
        () -> parts.evaluator().evaluateTasks(tasks, label));
    List<ShardLoss> scores = new ArrayList<>(pairs.size());
    for (ShardResult result : scored.value()) {
      ShardLoss.Pair pair = pairs.get(result.candidate());
      scores.add(loss(pair, result, parts.evaluator().set()));
    }
    ScreeningState next = state.screening().withScores(scores);
    JobState after = state.withScreening(next, scored.usage());
    parts.listener().onRound(after, line(round, stage, next, after));
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
