package io.evomerge.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.adapter.LoraAdapter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paper's rule on rank-1 adapters over 3-d embeddings, worked out by hand. */
class AsymmetricMergeTest {

  // lora_alpha 2, r 1: scale 2.
  private static final LoraAdapter FIRST = new LoraAdapter("first", "", 1, 2.0, 3,
      new float[] {3, -1, 2}, new float[] {1, 0, 2});
  // All |A| entries tie.
  private static final LoraAdapter SECOND = new LoraAdapter("second", "", 1, 2.0, 3,
      new float[] {1, -1, 1}, new float[] {0, 1, -1});
  private static final AsymmetricMerge RULE = new AsymmetricMerge(List.of(FIRST, SECOND));

  @Test
  void sparsifiesOnlyAAndScalesBothByBeta() {
    // A: 1*[3,0,0] + (-0.5)*[1,-1,0] = [2.5, 0.5, 0]   (second: tie broken by lower index)
    // B: [1,0,2] + (-0.5)*[0,1,-1]   = [1, -0.5, 2.5]  (B is never sparsified)
    MergedLora merged = RULE.merge(ControlVectors.of(new double[] {1.0 / 3, 2.0 / 3}, new double[] {1, -0.5}));
    assertArrayEquals(new double[] {2.5, 0.5, 0}, merged.a());
    assertArrayEquals(new double[] {1, -0.5, 2.5}, merged.b());
    assertEquals(2.0, merged.scale());
    double[][] expected = {{5, 1, 0}, {-2.5, -0.5, 0}, {12.5, 2.5, 0}};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(expected[i][j], merged.delta(i, j), 1e-12, "delta_W[" + i + "][" + j + "]");
      }
    }
  }

  @Test
  void alphaZeroRemovesTheUpdateEvenThoughBStaysDense() {
    MergedLora merged = RULE.merge(ControlVectors.of(new double[] {0, 0}, new double[] {1, 1}));
    assertArrayEquals(new double[3], merged.a());
    assertArrayEquals(new double[] {1, 1, 1}, merged.b());
    assertEquals(0.0, merged.bilinear(new float[] {1, 2, 3}, new float[] {-1, 0.5f, 2}));
  }

  @Test
  void alphaOneWithOneBetaGivesThatAdapterAlone() {
    MergedLora merged = RULE.merge(ControlVectors.of(new double[] {1, 1}, new double[] {1, 0}));
    // delta_W = 2 * [1,0,2]^T [3,-1,2]
    assertEquals(6.0, merged.delta(0, 0));
    assertEquals(-4.0, merged.delta(2, 1));
    assertEquals(0.0, merged.delta(1, 2));
  }

  @Test
  void aNegativeBetaFlipsTheSignOfBothFactorsSoASingleAdapterKeepsItsUpdate() {
    MergedLora plus = RULE.merge(ControlVectors.of(new double[] {1, 1}, new double[] {0, 1}));
    MergedLora minus = RULE.merge(ControlVectors.of(new double[] {1, 1}, new double[] {0, -1}));
    assertArrayEquals(new double[] {-1, 1, -1}, minus.a());
    assertArrayEquals(new double[] {0, -1, 1}, minus.b());
    // beta^2 = 1 either way: (-B)(-A) = BA, as the rule prescribes for one adapter.
    assertEquals(plus.delta(1, 0), minus.delta(1, 0));
    // With two adapters the cross terms do change sign: (B1 - B2)(A1 - A2) != (B1 + B2)(A1 + A2).
    MergedLora sum = RULE.merge(ControlVectors.of(new double[] {1, 1}, new double[] {1, 1}));
    MergedLora diff = RULE.merge(ControlVectors.of(new double[] {1, 1}, new double[] {1, -1}));
    // (B1+B2)(A1+A2): row 1 = 2 * 1 * [4,-2,3];  (B1-B2)(A1-A2): row 1 = 2 * -1 * [2,0,1]
    assertEquals(8.0, sum.delta(1, 0));
    assertEquals(-4.0, diff.delta(1, 0));
  }

  @Test
  void sparsificationIsPerTensorNotPerRow() {
    LoraAdapter rank2 = new LoraAdapter("r2", "", 2, 2.0, 2, new float[] {0.1f, 5, 4, 0.2f},
        new float[] {1, 0, 0, 1});
    MergedLora merged = new AsymmetricMerge(List.of(rank2))
        .merge(ControlVectors.of(new double[] {0.5}, new double[] {1}));
    assertArrayEquals(new double[] {0, 5, 4, 0}, merged.a());
  }

  @Test
  void aVectorOfTheWrongLengthIsRejectedNamingBothSizes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RULE.merge(ControlVectors.uniform(3)));
    assertTrue(e.getMessage().contains("3 entries") && e.getMessage().contains("2 adapters"), e.getMessage());
  }

  @Test
  void adaptersOfDifferentShapesCannotBeMerged() {
    LoraAdapter other = new LoraAdapter("other", "", 1, 4.0, 3, new float[3], new float[3]);
    assertThrows(IllegalArgumentException.class, () -> new AsymmetricMerge(List.of(FIRST, other)));
  }
}
