package io.evomerge.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.merge.ControlVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Evo-Merging on {@link SyntheticMergeLoss}, with the paper's release settings (popsize 20, sigma
 * 0.05, budgets 400 + 800, penalty 0.05): it must find the subtracted adapter and silence the two
 * noisy ones, and the ablation without sign flip must stay at least 0.2 worse.
 */
class EvoMergingSyntheticTest {

  private static Evaluated bestOf(Method method, long seed) {
    SearchSettings s = SearchSettings.defaults().withMethod(method).withSeed(seed);
    MergeSearch search = new MergeSearch(s, SyntheticMergeLoss.ADAPTERS);
    return SyntheticMergeLoss.runToEnd(search).best();
  }

  @ParameterizedTest
  @ValueSource(longs = {42, 1, 2})
  void evoMergingSubtractsTheOpposedAdapterAndSilencesTheNoisyOnes(long seed) {
    Evaluated best = bestOf(Method.EVO_MERGING, seed);
    ControlVectors v = best.candidate().vectors();

    assertEquals("scaling", best.candidate().stage());
    assertTrue(v.beta(3) < -0.4, "beta_3 = " + v.beta(3));
    assertTrue(v.alpha(4) < 0.1, "alpha_4 = " + v.alpha(4));
    assertTrue(v.alpha(5) < 0.1, "alpha_5 = " + v.alpha(5));
    for (int i = 0; i < 4; i++) {
      assertTrue(v.alpha(i) > 0.7, "alpha_" + i + " = " + v.alpha(i));
    }
    assertTrue(best.loss() < 0.51, "loss " + best.loss() + " (optimum 0.5)");
  }

  @ParameterizedTest
  @ValueSource(longs = {42, 1, 2})
  void withoutSignFlipCannotReachTheLossOfEvoMerging(long seed) {
    Evaluated evo = bestOf(Method.EVO_MERGING, seed);
    Evaluated noFlip = bestOf(Method.WITHOUT_SIGN_FLIP, seed);

    assertTrue(noFlip.candidate().vectors().beta(3) >= 0);
    assertTrue(noFlip.loss() >= 0.75, "without sign flip: " + noFlip.loss());
    assertTrue(noFlip.loss() - evo.loss() > 0.2,
        "gap " + (noFlip.loss() - evo.loss()) + " between " + noFlip.loss() + " and " + evo.loss());
  }
}
