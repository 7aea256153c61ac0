package io.evomerge.search;

import static io.evomerge.search.SyntheticMergeLoss.drive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evomerge.search.SyntheticMergeLoss.Driven;
import io.evomerge.merge.ControlVectors;
import io.evomerge.search.MergeSearch.Step;
import io.evomerge.search.cmaes.Covariance;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MergeSearchTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int N = SyntheticMergeLoss.ADAPTERS;

  private static SearchSettings settings(Method method) {
    return SearchSettings.defaults().withMethod(method);
  }

  private static Driven all(MergeSearch search, SearchState state) {
    return drive(search, state, Integer.MAX_VALUE);
  }

  private static Driven all(MergeSearch search) {
    return all(search, search.start());
  }

  private static Generation first(SearchSettings settings, int adapters) {
    MergeSearch search = new MergeSearch(settings, adapters);
    return search.ask(search.start());
  }

  private static Map<String, Integer> perStage(List<Generation> gens) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Generation g : gens) {
      counts.merge(g.stage(), g.size(), Integer::sum);
    }
    return counts;
  }

  @ParameterizedTest
  @EnumSource(Method.class)
  void eachMethodReportsTheGenerationsAndEvaluationsItRuns(Method method) {
    MergeSearch search = new MergeSearch(settings(method), N);
    int planned = search.plannedGenerations();
    int evaluations = search.plannedEvaluations();
    List<Generation> gens = all(search).asked();
    assertEquals(planned, gens.size(), "no stage stops early on this loss");
    assertEquals(evaluations, gens.stream().mapToInt(Generation::size).sum());
  }

  @Test
  void tellReturnsTheCandidatesWithTheirFitnessAndTheLastStageOneLineShowsStageOnesSigma() {
    MergeSearch search = new MergeSearch(settings(Method.EVO_MERGING), N);
    SearchState state = drive(search, search.start(), 19).state();
    Generation last = search.ask(state);
    assertEquals("denoising", last.stage());
    double[] losses = new double[last.size()];
    java.util.Arrays.fill(losses, 0.5);
    Step told = search.tell(state, losses);
    assertEquals(last.candidates(), told.evaluated().stream().map(Evaluated::candidate).toList());
    assertEquals(0.5 + last.candidates().get(3).penalty(), told.evaluated().get(3).fitness());
    assertEquals(0.05, told.state().current().cma().sigma(), "stage 2 starts at its own sigma");
    assertTrue(told.sigma() != 0.05 && told.sigma() > 0, "stage 1's own sigma: " + told.sigma());
  }

  @ParameterizedTest
  @EnumSource(Method.class)
  void eachMethodSpendsExactlyItsPlannedBudget(Method method) {
    MergeSearch search = new MergeSearch(settings(method), N);
    Driven run = all(search);
    List<Generation> gens = run.asked();
    Map<String, Integer> expected = switch (method) {
      case EVO_MERGING, WITHOUT_SIGN_FLIP -> Map.of("denoising", 400, "scaling", 800);
      case LORAHUB -> Map.of("lorahub", 1200);
      case UNIFORM -> Map.of("uniform", 1);
      case BEST_SINGLE -> Map.of("best-single", N);
      case RANDOM_SEARCH -> Map.of("random", 1200);
      case WITHOUT_DENOISING -> Map.of("scaling", 1200);
      case WITHOUT_SCALING -> Map.of("denoising", 1200);
      case WARM_SCALING -> Map.of("best-single", N, "scaling", (1200 - N) / 2, "refining", 1200 - N - (1200 - N) / 2);
    };
    assertEquals(expected, perStage(gens));
    assertEquals(expected.values().stream().mapToInt(Integer::intValue).sum(), run.state().evaluations());
    assertTrue(run.state().done());
    assertThrows(IllegalStateException.class, () -> search.ask(run.state()));
  }

  @ParameterizedTest
  @EnumSource(Method.class)
  void generationsAreNumberedGloballyAndNeverMixStages(Method method) {
    List<Generation> gens = all(new MergeSearch(settings(method), N)).asked();
    for (int g = 0; g < gens.size(); g++) {
      Generation gen = gens.get(g);
      assertEquals(g, gen.number());
      for (int k = 0; k < gen.size(); k++) {
        Candidate c = gen.candidates().get(k);
        assertEquals(gen.stage(), c.stage());
        assertEquals(g, c.generation());
        assertEquals(k, c.index());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Method.class)
  void theSameSeedAsksForTheSameCandidates(Method method) {
    List<Generation> a = all(new MergeSearch(settings(method), N)).asked();
    List<Generation> b = all(new MergeSearch(settings(method), N)).asked();
    assertEquals(a, b);
  }

  @ParameterizedTest
  @EnumSource(value = Method.class, names = {"UNIFORM", "BEST_SINGLE", "WARM_SCALING"}, mode = EnumSource.Mode.EXCLUDE)
  void anotherSeedAsksForOtherCandidates(Method method) {
    Generation a = first(settings(method), N);
    Generation b = first(settings(method).withSeed(43), N);
    assertNotEquals(a.candidates().get(0).vectors(), b.candidates().get(0).vectors());
  }

  @Test
  void aBudgetThatIsNotAMultipleOfThePopulationEndsWithASmallerGeneration() {
    SearchSettings s = settings(Method.EVO_MERGING);
    s = new SearchSettings(s.seed(), s.method(), s.stage1().withBudget(410), s.stage2().withBudget(45),
        s.scaleBound(), s.covariance());
    List<Generation> gens = all(new MergeSearch(s, N)).asked();
    assertEquals(Map.of("denoising", 410, "scaling", 45), perStage(gens));
    assertEquals(10, gens.get(20).size());
    assertEquals("denoising", gens.get(20).stage());
    assertEquals(5, gens.get(gens.size() - 1).size());
  }

  @Test
  void bestSingleAsksForEachAdapterAloneInGenerationsOfThePopulationSize() {
    List<Generation> gens = all(new MergeSearch(settings(Method.BEST_SINGLE), 45)).asked();
    assertEquals(List.of(20, 20, 5), gens.stream().map(Generation::size).toList());
    int i = 0;
    for (Generation g : gens) {
      for (Candidate c : g.candidates()) {
        double[] beta = new double[45];
        beta[i++] = 1.0;
        assertArrayEquals(beta, c.vectors().beta(), 0.0);
        assertTrue(java.util.Arrays.stream(c.vectors().alpha()).allMatch(a -> a == 1.0));
        assertEquals(0.0, c.penalty());
      }
    }
  }

  @Test
  void uniformAsksForTheUniformMergeOnce() {
    Driven run = all(new MergeSearch(settings(Method.UNIFORM), N));
    List<Generation> gens = run.asked();
    assertEquals(1, gens.size());
    assertEquals(ControlVectors.uniform(N), gens.get(0).candidates().get(0).vectors());
    assertEquals(SyntheticMergeLoss.loss(ControlVectors.uniform(N)), run.state().best().fitness());
  }

  @Test
  void randomSearchDrawsWithinTheBounds() {
    for (Generation g : all(new MergeSearch(settings(Method.RANDOM_SEARCH), N)).asked()) {
      for (Candidate c : g.candidates()) {
        for (int i = 0; i < N; i++) {
          assertTrue(c.vectors().alpha(i) >= 0 && c.vectors().alpha(i) <= 1);
          assertTrue(Math.abs(c.vectors().beta(i)) <= 1.5);
        }
      }
    }
  }

  @Test
  void evoMergingDenoisesWithBetaFixedThenScalesWithTheBestAlphaOfStageOne() {
    MergeSearch search = new MergeSearch(settings(Method.EVO_MERGING), N);
    Driven stage1 = drive(search, search.start(), 20);
    for (Generation g : stage1.asked()) {
      for (Candidate c : g.candidates()) {
        assertTrue(java.util.Arrays.stream(c.vectors().beta()).allMatch(b -> b == 1.0 / N));
        assertEquals(0.05 * mean(c.vectors().alpha()), c.penalty(), 1e-15);
      }
    }
    double[] stage1Alpha = stage1.state().best().candidate().vectors().alpha();
    for (Generation g : all(search, stage1.state()).asked()) {
      assertEquals("scaling", g.stage());
      for (Candidate c : g.candidates()) {
        assertArrayEquals(stage1Alpha, c.vectors().alpha(), 0.0);
        assertEquals(0.05 * mean(c.vectors().beta()), c.penalty(), 1e-15);
      }
    }
  }

  @Test
  void withoutSignFlipKeepsEveryBetaNonNegative() {
    for (Generation g : all(new MergeSearch(settings(Method.WITHOUT_SIGN_FLIP), N)).asked()) {
      for (Candidate c : g.candidates()) {
        assertTrue(java.util.Arrays.stream(c.vectors().beta()).allMatch(b -> b >= 0 && b <= 1.5));
      }
    }
  }

  @Test
  void loraHubSearchesBetaAroundZeroWithAlphaOne() {
    Generation first = first(settings(Method.LORAHUB), N);
    double sum = 0;
    for (Candidate c : first.candidates()) {
      assertTrue(java.util.Arrays.stream(c.vectors().alpha()).allMatch(a -> a == 1.0));
      sum += mean(c.vectors().beta());
    }
    assertEquals(0.0, sum / first.size(), 0.05);
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += Math.abs(v);
    }
    return s / x.length;
  }

  @Test
  void aRestoredSearchContinuesIdenticallyMidStageAcrossTheBoundaryAndInStageTwo() throws Exception {
    for (int stop : new int[] {0, 7, 20, 21, 45, 60}) {
      restoredSearchContinuesIdentically(Method.EVO_MERGING, stop);
    }
    restoredSearchContinuesIdentically(Method.WITHOUT_SIGN_FLIP, 20);
    restoredSearchContinuesIdentically(Method.RANDOM_SEARCH, 13);
    restoredSearchContinuesIdentically(Method.LORAHUB, 30);
    restoredSearchContinuesIdentically(Method.BEST_SINGLE, 0);
  }

  private void restoredSearchContinuesIdentically(Method method, int generations) throws Exception {
    SearchSettings s = settings(method);
    MergeSearch search = new MergeSearch(s, N);
    SearchState saved = drive(search, search.start(), generations).state();
    String json = JSON.writeValueAsString(saved);
    SearchState read = JSON.readValue(json, SearchState.class);

    assertEquals(json, JSON.writeValueAsString(read));
    Driven original = all(search, saved);
    Driven restored = all(new MergeSearch(s, N), read);
    assertEquals(original.asked(), restored.asked(), method + " after " + generations);
    assertEquals(original.state().best(), restored.state().best());
    assertEquals(original.state().evaluations(), restored.state().evaluations());
    assertEquals(JSON.writeValueAsString(original.state()), JSON.writeValueAsString(restored.state()));
    assertTrue(restored.state().done());
  }

  @Test
  void aStateAsksForTheSameGenerationHoweverOftenAndAfterAJsonRoundTrip() throws Exception {
    MergeSearch search = new MergeSearch(settings(Method.EVO_MERGING), N);
    SearchState state = drive(search, search.start(), 3).state();
    Generation pending = search.ask(state);
    String json = JSON.writeValueAsString(state);
    SearchState read = JSON.readValue(json, SearchState.class);
    assertEquals(pending, new MergeSearch(settings(Method.EVO_MERGING), N).ask(read));
    assertEquals(pending, search.ask(state));
  }

  @Test
  void askAndTellRefuseAStateOfAnotherMethodSeedOrRepository() throws Exception {
    SearchState state = new MergeSearch(settings(Method.EVO_MERGING), N).start();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MergeSearch(settings(Method.LORAHUB), N).ask(state));
    assertTrue(e.getMessage().contains("evo-merging") && e.getMessage().contains("lorahub"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new MergeSearch(settings(Method.EVO_MERGING).withSeed(1), N).ask(state));
    assertThrows(IllegalArgumentException.class,
        () -> new MergeSearch(settings(Method.EVO_MERGING), N + 1).tell(state, new double[20]));
  }

  @Test
  void tellRejectsAWrongCountANonFiniteLossAndATellOnADoneState() {
    MergeSearch search = new MergeSearch(settings(Method.EVO_MERGING), N);
    SearchState done = all(search).state();
    assertThrows(IllegalStateException.class, () -> search.tell(done, new double[20]));
    SearchState start = search.start();
    assertThrows(IllegalArgumentException.class, () -> search.tell(start, new double[19]));
    double[] losses = new double[20];
    losses[4] = Double.POSITIVE_INFINITY;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> search.tell(start, losses));
    assertTrue(e.getMessage().contains("candidate 4"), e.getMessage());
    assertNull(start.best());
    assertFalse(start.done());
  }

  @Test
  void autoCovarianceTurnsSeparableAboveTwoHundredAdapters() {
    SearchState small = new MergeSearch(settings(Method.EVO_MERGING), 200).start();
    SearchState large = new MergeSearch(settings(Method.EVO_MERGING), 201).start();
    assertEquals(Covariance.FULL, small.current().cma().settings().covariance());
    assertEquals(Covariance.SEPARABLE, large.current().cma().settings().covariance());
  }
}
