package io.evomerge.search;

import static io.evomerge.search.SyntheticMergeLoss.drive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evomerge.search.SyntheticMergeLoss.Driven;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Warm scaling: each adapter alone, then CMA-ES over beta from the best single adapter (wide
 * steps), then again from the best so far (narrow steps).
 */
class WarmScalingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int N = SyntheticMergeLoss.ADAPTERS;

  private static SearchSettings settings(int stage1Budget, int stage2Budget) {
    SearchSettings d = SearchSettings.defaults();
    return new SearchSettings(42, Method.WARM_SCALING, d.stage1().withBudget(stage1Budget),
        d.stage2().withBudget(stage2Budget), d.scaleBound(), d.covariance());
  }

  private static List<Generation> all(MergeSearch search) {
    return drive(search, search.start(), Integer.MAX_VALUE).asked();
  }

  @Test
  void itScoresEachAdapterAloneThenSpendsExactlyTheRestOfTheBudgetOnBeta() {
    MergeSearch search = new MergeSearch(settings(300, 600), N);
    assertEquals(900, search.plannedEvaluations(), "the same budget as every other black-box method");
    Driven driven = drive(search, search.start(), Integer.MAX_VALUE);
    List<Generation> gens = driven.asked();
    assertEquals(900, driven.state().evaluations());
    assertEquals(search.plannedGenerations(), gens.size());
    Generation single = gens.get(0);
    assertEquals("best-single", single.stage());
    assertEquals(N, single.size());
    java.util.Map<String, Integer> perStage = new java.util.LinkedHashMap<>();
    for (Generation g : gens.subList(1, gens.size())) {
      perStage.merge(g.stage(), g.size(), Integer::sum);
      g.candidates().forEach(c -> assertTrue(Arrays.stream(c.vectors().alpha()).allMatch(a -> a == 1.0)));
    }
    assertEquals(java.util.Map.of("scaling", 447, "refining", 447), perStage, "(900 - 6) / 2 each");
  }

  @Test
  void theScalingStageStartsFromTheBestSingleAdapter() {
    MergeSearch search = new MergeSearch(settings(300, 600), N);
    SearchState state = search.start();
    Generation single = search.ask(state);
    double[] losses = new double[N];
    Arrays.fill(losses, 1.0);
    losses[3] = 0.5;
    state = search.tell(state, losses).state();
    double[] expected = new double[N];
    expected[3] = 1.0;
    SearchState.StageState scaling = state.current();
    assertArrayEquals(expected, single.candidates().get(3).vectors().beta(), 0.0);
    assertArrayEquals(expected, scaling.fixed().beta(), 0.0, "the fixed part is the best single merge");
    assertArrayEquals(expected, scaling.cma().mean(), 0.0, "CMA-ES starts at the best single adapter");
    assertEquals(0.1, scaling.cma().sigma(), 1e-12, "twice stage2's sigma");
    while (state.evaluations() < N + 447) {
      state = search.tell(state, SyntheticMergeLoss.losses(search.ask(state))).state();
    }
    SearchState.StageState refining = state.current();
    double[] best = state.best().candidate().vectors().beta();
    assertArrayEquals(best, refining.fixed().beta(), 0.0, "the refining stage starts from the best of the scaling stage");
    assertArrayEquals(best, refining.cma().mean(), 0.0);
    assertEquals(0.03, refining.cma().sigma(), 1e-12, "0.6 x stage2's sigma");
  }

  @Test
  void theSameSeedGivesTheSameSearchAndARestoredSearchContinuesIdentically() throws Exception {
    MergeSearch search = new MergeSearch(settings(100, 200), N);
    List<Generation> once = all(search);
    assertEquals(once, all(new MergeSearch(settings(100, 200), N)));
    for (int stop : new int[] {1, 2, 7}) {
      SearchState saved = drive(search, search.start(), stop).state();
      SearchState restored = JSON.readValue(JSON.writeValueAsString(saved), SearchState.class);
      Driven original = drive(search, saved, Integer.MAX_VALUE);
      Driven resumed = drive(new MergeSearch(settings(100, 200), N), restored, Integer.MAX_VALUE);
      assertEquals(original.asked(), resumed.asked(), "after " + stop);
      assertEquals(JSON.writeValueAsString(original.state().best()), JSON.writeValueAsString(resumed.state().best()));
    }
    SearchSettings otherSeed = settings(100, 200).withSeed(43);
    List<Generation> other = all(new MergeSearch(otherSeed, N));
    assertEquals(once.get(0), other.get(0), "each adapter alone does not depend on the seed");
    assertNotEquals(once.get(1), other.get(1), "the scaling stage draws from the seed");
  }

  @Test
  void aSmallBudgetShrinksTheGenerationsAndOneThatCannotCoverEveryAdapterAloneIsRefused() {
    List<Generation> gens = all(new MergeSearch(settings(20, 20), 30));
    assertEquals(List.of(20, 10, 5, 5), gens.stream().map(Generation::size).toList(),
        "30 alone, then 10 = 5 + 5 in generations of 5: exactly the budget of 40");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MergeSearch(settings(20, 20), 37));
    assertTrue(e.getMessage().contains("search.stage1.budget + search.stage2.budget"), e.getMessage());
  }
}
