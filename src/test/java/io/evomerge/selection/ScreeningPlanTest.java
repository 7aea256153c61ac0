package io.evomerge.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evomerge.config.SelectionSettings;
import io.evomerge.config.TestConfigs;
import io.evomerge.merge.ControlVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Successive-halving screening as a specification: its rounds, costs, choices and resumption. */
class ScreeningPlanTest {

  private static final int EXAMPLES = 10;

  private static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(i -> String.format("a%02d", i)).toList();
  }

  /** A screening run to the end; {@code calls} gets the pairs scored in each round. */
  private static ScreeningState run(ScreeningPlan plan, ToDoubleFunction<ShardLoss.Pair> loss, List<Integer> calls) {
    ScreeningState state = ScreeningState.start(plan);
    for (ScreeningPlan.Round round = plan.round(state); !round.isEmpty(); round = plan.round(state)) {
      assertEquals(calls.size(), round.index(), "rounds come in order");
      calls.add(round.pairs().size());
      state = state.withScores(scores(round.pairs(), loss));
    }
    return state;
  }

  private static List<ShardLoss> scores(List<ShardLoss.Pair> pairs, ToDoubleFunction<ShardLoss.Pair> loss) {
    return pairs.stream().map(p -> new ShardLoss(p.adapter(), p.shard(), loss.applyAsDouble(p), EXAMPLES)).toList();
  }

  /** Adapter i's true loss is 1 + i/10 for i odd and 3 - i/100 for i even, plus shard noise of at most 0.05. */
  private static double noisy(ShardLoss.Pair p) {
    if (p.isBase()) {
      return 1.5;
    }
    double truth = p.adapter() % 2 == 1 ? 1 + p.adapter() / 10.0 : 3 - p.adapter() / 100.0;
    return truth + new SplittableRandom(p.adapter() * 31L + p.shard()).nextDouble(-0.05, 0.05);
  }

  @Test
  void topKZeroSelectsEveryAdapterWithoutACall() {
    ScreeningPlan plan = ScreeningPlan.of(SelectionSettings.all(), ids(5), 4);
    assertEquals(0, plan.rounds());
    assertEquals(0, plan.totalCalls());
    assertTrue(plan.round(ScreeningState.start(plan)).isEmpty());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, plan.selection(ScreeningState.start(plan)));
  }

  @Test
  void aTopKAsLargeAsTheRepositoryNeedsNoScreening() {
    ScreeningPlan plan = ScreeningPlan.of(TestConfigs.topK(5, 2), ids(5), 4);
    assertEquals(0, plan.rounds());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, plan.selection(ScreeningState.start(plan)));
  }

  @Test
  void eachRoundKeepsTheBetterHalfAndDoublesTheShardsUntilTheTopKAreClear() {
    ScreeningPlan plan = ScreeningPlan.of(TestConfigs.topK(2, 1), ids(16), 8);
    assertEquals(List.of(new ScreeningPlan.Stage(16, 0, 1), new ScreeningPlan.Stage(8, 1, 2),
        new ScreeningPlan.Stage(4, 2, 4)), plan.stages());
    List<Integer> calls = new ArrayList<>();
    ScreeningState state = run(plan, ScreeningPlanTest::noisy, calls);
    assertEquals(List.of(17, 9, 10), calls, "every adapter of the round and the base model on each new shard");
    assertEquals(36, plan.totalCalls());
    // The odd adapters are best: 1, 3, 5, 7, ... in that order.
    assertArrayEquals(new int[] {1, 3}, plan.selection(state));
    List<AdapterScreening> ranking = state.ranking();
    assertEquals(16, ranking.size());
    assertEquals(List.of(1, 3, 5, 7), ranking.subList(0, 4).stream().map(AdapterScreening::adapter).toList());
    assertEquals(4, ranking.get(0).shards());
    assertEquals(4 * EXAMPLES, ranking.get(0).examples());
    assertEquals(1, ranking.get(15).shards(), "eliminated in the first round");
    assertEquals(1.5, ranking.get(0).baseLoss(), 1e-12);
    assertTrue(ranking.get(0).delta() < -0.3, "adapter 1 alone beats the base model");
  }

  @Test
  void callsOfEachRoundAreKnownBeforeItStarts() {
    ScreeningPlan plan = ScreeningPlan.of(TestConfigs.topK(10, 2), ids(100), 20);
    List<Integer> calls = new ArrayList<>();
    run(plan, ScreeningPlanTest::noisy, calls);
    assertEquals(plan.rounds(), calls.size());
    for (int r = 0; r < plan.rounds(); r++) {
      assertEquals(plan.stages().get(r).calls(), (long) calls.get(r), "round " + r);
    }
    assertEquals(plan.totalCalls(), calls.stream().mapToLong(Integer::longValue).sum());
    int[] sizes = IntStream.range(0, 20).map(s -> s == 19 ? 7 : 15).toArray();
    assertEquals(101L * 2 * 15, plan.examplesOfRound(0, sizes));
  }

  @Test
  void whenShardsRunOutTheTopKOfTheLastRoundAreChosen() {
    ScreeningPlan plan = ScreeningPlan.of(TestConfigs.topK(2, 1), ids(16), 2);
    assertEquals(List.of(new ScreeningPlan.Stage(16, 0, 1), new ScreeningPlan.Stage(8, 1, 2)), plan.stages());
    ScreeningState state = run(plan, ScreeningPlanTest::noisy, new ArrayList<>());
    assertArrayEquals(new int[] {1, 3}, plan.selection(state));
  }

  @Test
  void tiesAreBrokenByAdapterIndex() {
    ScreeningPlan plan = ScreeningPlan.of(TestConfigs.topK(3, 1), ids(12), 6);
    ScreeningState state = run(plan, p -> 0.7, new ArrayList<>());
    assertArrayEquals(new int[] {0, 1, 2}, plan.selection(state));
  }

  @Test
  void theSameInputsGiveTheSameScreeningAndSelection() {
    ScreeningPlan plan = ScreeningPlan.of(TestConfigs.topK(4, 2), ids(40), 10);
    ScreeningState first = run(plan, ScreeningPlanTest::noisy, new ArrayList<>());
    ScreeningState second = run(ScreeningPlan.of(TestConfigs.topK(4, 2), ids(40), 10), ScreeningPlanTest::noisy,
        new ArrayList<>());
    assertEquals(first, second);
    assertArrayEquals(plan.selection(first), plan.selection(second));
  }

  @Test
  void pinnedAdaptersAreNeverScreenedAndAlwaysSelected() {
    SelectionSettings settings = TestConfigs.topK(2, 1, "a14", "a03");
    ScreeningPlan plan = ScreeningPlan.of(settings, ids(16), 8);
    assertArrayEquals(new int[] {3, 14}, plan.pinned());
    assertEquals(14, plan.candidates().length);
    List<ShardLoss.Pair> asked = new ArrayList<>();
    ScreeningState state = ScreeningState.start(plan);
    for (ScreeningPlan.Round round = plan.round(state); !round.isEmpty(); round = plan.round(state)) {
      asked.addAll(round.pairs());
      state = state.withScores(scores(round.pairs(), ScreeningPlanTest::noisy));
    }
    assertFalse(asked.stream().anyMatch(p -> p.adapter() == 3 || p.adapter() == 14));
    assertArrayEquals(new int[] {1, 3, 5, 14}, plan.selection(state));
  }

  @Test
  void anAdapterIsScoredAloneAtAlphaOneBetaOneAndTheBaseWithEveryBetaZero() {
    ScreeningPlan plan = ScreeningPlan.of(TestConfigs.topK(1, 2), ids(3), 2);
    assertEquals(ControlVectors.of(new double[] {0, 1, 0}, new double[] {0, 1, 0}),
        plan.vectors(new ShardLoss.Pair(1, 0)));
    assertEquals(ControlVectors.of(new double[3], new double[3]), plan.vectors(new ShardLoss.Pair(ScreeningPlan.BASE, 1)));
  }

  @Test
  void anUnknownPinnedAdapterIsRejectedNamingTheKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScreeningPlan.of(TestConfigs.topK(2, 2, "nope"), ids(4), 3));
    assertTrue(e.getMessage().startsWith("pinned: 'nope' is not an adapter"), e.getMessage());
  }

  @Test
  void theStateRoundTripsThroughJsonAndResumesMidRound() throws Exception {
    ScreeningPlan plan = ScreeningPlan.of(TestConfigs.topK(3, 2), ids(20), 10);
    ScreeningState straight = run(plan, ScreeningPlanTest::noisy, new ArrayList<>());
    ScreeningState state = ScreeningState.start(plan);
    state = state.withScores(scores(plan.round(state).pairs(), ScreeningPlanTest::noisy));
    List<ShardLoss.Pair> second = plan.round(state).pairs();
    state = state.withScores(scores(second.subList(0, 5), ScreeningPlanTest::noisy));
    ObjectMapper json = new ObjectMapper();
    String text = json.writeValueAsString(state);
    ScreeningState restored = json.readValue(text, ScreeningState.class);
    assertEquals(state, restored);
    assertTrue(text.startsWith("{\"plan\":\"screening/topK=3,") && text.contains("\"scores\":[{\"adapter\":-1,"), text);
    assertEquals(second.subList(5, second.size()), plan.round(restored).pairs(), "only the missing pairs");
    for (ScreeningPlan.Round round = plan.round(restored); !round.isEmpty(); round = plan.round(restored)) {
      restored = restored.withScores(scores(round.pairs(), ScreeningPlanTest::noisy));
    }
    assertEquals(straight, restored);
    assertArrayEquals(plan.selection(straight), plan.selection(restored));
  }

  @Test
  void theOrderScoresArriveInDoesNotMatter() {
    ScreeningPlan plan = ScreeningPlan.of(TestConfigs.topK(3, 2), ids(10), 4);
    List<ShardLoss> first = scores(plan.round(ScreeningState.start(plan)).pairs(), ScreeningPlanTest::noisy);
    List<ShardLoss> reversed = new ArrayList<>(first);
    java.util.Collections.reverse(reversed);
    assertEquals(ScreeningState.start(plan).withScores(first), ScreeningState.start(plan).withScores(reversed));
  }

  @Test
  void aScoreWithoutAFiniteLossOrWithoutExamplesIsRefusedNamingThePair() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShardLoss(4, 2, Double.NaN, 10));
    assertTrue(e.getMessage().contains("adapter 4 on shard 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ShardLoss(4, 2, 0.3, 0));
    assertThrows(IllegalArgumentException.class, () -> new ShardLoss(-2, 0, 0.3, 10));
  }

  @Test
  void aStateOfAnotherPlanOrAPairScoredTwiceIsRefused() {
    ScreeningPlan plan = ScreeningPlan.of(TestConfigs.topK(3, 2), ids(10), 4);
    ScreeningPlan other = ScreeningPlan.of(TestConfigs.topK(4, 2), ids(10), 4);
    assertThrows(IllegalArgumentException.class, () -> other.round(ScreeningState.start(plan)));
    ShardLoss once = new ShardLoss(2, 0, 0.5, EXAMPLES);
    assertThrows(IllegalArgumentException.class,
        () -> ScreeningState.start(plan).withScores(List.of(once, new ShardLoss(2, 0, 0.6, EXAMPLES))));
    assertThrows(IllegalStateException.class, () -> plan.selection(ScreeningState.start(plan)));
  }
}
