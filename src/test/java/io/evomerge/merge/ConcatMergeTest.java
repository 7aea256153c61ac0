package io.evomerge.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evomerge.adapter.LoraAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The provider-side {@code concat} rule: the exact weighted sum of each adapter's own update. */
class ConcatMergeTest {

  // lora_alpha 2, r 1: scale 2 (the adapters of AsymmetricMergeTest).
  private static final LoraAdapter FIRST = new LoraAdapter("first", "", 1, 2.0, 3,
      new float[] {3, -1, 2}, new float[] {1, 0, 2});
  private static final LoraAdapter SECOND = new LoraAdapter("second", "", 1, 2.0, 3,
      new float[] {1, -1, 1}, new float[] {0, 1, -1});
  private static final ConcatMerge RULE = new ConcatMerge(List.of(FIRST, SECOND));

  private static ControlVectors vectors(double[] alpha, double... beta) {
    return ControlVectors.of(alpha, beta);
  }

  private static void assertDelta(double[][] expected, MergedLora merged) {
    for (int i = 0; i < expected.length; i++) {
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j], merged.delta(i, j), 1e-9, "delta_W[" + i + "][" + j + "]");
      }
    }
  }

  private static double[][] negated(MergedLora m, int dim) {
    double[][] out = new double[dim][dim];
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        out[i][j] = -m.delta(i, j);
      }
    }
    return out;
  }

  @Test
  void oneAdapterAtMinusOneIsTheNegationOfPlusOneUnlikeUnderThePapersRule() {
    double[] ones = {1, 1};
    MergedLora plus = RULE.merge(vectors(ones, 0, 1));
    MergedLora minus = RULE.merge(vectors(ones, 0, -1));
    assertDelta(negated(plus, 3), minus);
    assertEquals(2.0, plus.delta(1, 0)); // 2 * B2[1] * A2[0] = 2 * 1 * 1
    AsymmetricMerge paper = new AsymmetricMerge(List.of(FIRST, SECOND));
    assertEquals(paper.merge(vectors(ones, 0, 1)).delta(1, 0), paper.merge(vectors(ones, 0, -1)).delta(1, 0));
  }

  @Test
  void hasNoCrossTermsSoFlippingEverySignNegatesTheUpdate() {
    double[] ones = {1, 1};
    MergedLora both = RULE.merge(vectors(ones, 1, 1));
    // tau_1 + tau_2 at (1, 0): 2*(0*3) + 2*(1*1) = 2; the paper's rule gives 8 here (cross terms).
    assertEquals(2.0, both.delta(1, 0), 1e-12);
    assertDelta(negated(both, 3), RULE.merge(vectors(ones, -1, -1)));
  }

  @Test
  void equalsTheDenseSumOfPerAdapterDeltasWithSparsifiedA() {
    SplittableRandom random = new SplittableRandom(11);
    List<LoraAdapter> adapters = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      adapters.add(new LoraAdapter("a" + i, "", 2, 4.0, 6, floats(random, 12), floats(random, 12)));
    }
    double[] alpha = {1, 0.5, 0, 0.25, 0.75};
    double[] beta = {0.7, -1.2, 3, 0, -0.4};
    MergedLora merged = new ConcatMerge(adapters).merge(vectors(alpha, beta));
    assertEquals(3 * 2, merged.rank(), "adapters 0, 1 and 4 are used (2: alpha 0, 3: beta 0)");
    double[][] dense = new double[6][6];
    for (int i = 0; i < adapters.size(); i++) {
      MergedLora own = new AsymmetricMerge(List.of(adapters.get(i)))
          .merge(vectors(new double[] {alpha[i]}, 1));
      for (int r = 0; r < 6; r++) {
        for (int c = 0; c < 6; c++) {
          dense[r][c] += beta[i] * own.delta(r, c);
        }
      }
    }
    assertDelta(dense, merged);
  }

  @Test
  void withNothingToMergeTheUpdateIsZero() {
    MergedLora merged = RULE.merge(vectors(new double[] {0, 1}, 1, 0));
    assertDelta(new double[3][3], merged);
    assertEquals(1, merged.rank());
  }

  @Test
  void aVectorOfTheWrongLengthIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> RULE.merge(ControlVectors.uniform(3)));
  }

  private static float[] floats(SplittableRandom random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextDouble(-1, 1);
    }
    return out;
  }
}
