package io.evomerge.merge.whitebox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.evomerge.adapter.LoraAdapter;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergedLora;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Task Arithmetic on rank-1 adapters over 3-d embeddings, worked out by hand. */
class TaskArithmeticTest {

  // scale 2: tau_first = 2 * [1,0,2]^T [3,-1,2]
  static final LoraAdapter FIRST = new LoraAdapter("first", "", 1, 2.0, 3,
      new float[] {3, -1, 2}, new float[] {1, 0, 2});
  // tau_second = 2 * [0,1,-1]^T [1,-1,1]
  static final LoraAdapter SECOND = new LoraAdapter("second", "", 1, 2.0, 3,
      new float[] {1, -1, 1}, new float[] {0, 1, -1});
  static final TaskVectors TASKS = TaskVectors.of(List.of(FIRST, SECOND));

  static ControlVectors weights(double... beta) {
    return ControlVectors.of(new double[beta.length], beta);
  }

  @Test
  void taskVectorsAreTheScaledDenseProductsOfTheLoraFactors() {
    assertEquals(6f, TASKS.view(0)[0]);
    assertEquals(-4f, TASKS.view(0)[7]);
    assertEquals(-2f, TASKS.view(1)[3 + 1]);
  }

  @Test
  void mergesTheWeightedSumOfTaskVectorsAndIgnoresAlpha() {
    MergedLora merged = new TaskArithmetic(TASKS).merge(weights(1, -0.5));
    // (0,0): 6 - 0.5*0 = 6; (1,1): 0 - 0.5*(2*1*-1) = 1; (2,2): 2*2*2 - 0.5*(2*-1*1) = 9
    assertEquals(6.0, merged.delta(0, 0), 1e-12);
    assertEquals(1.0, merged.delta(1, 1), 1e-12);
    assertEquals(9.0, merged.delta(2, 2), 1e-12);
    MergedLora withAlpha = new TaskArithmetic(TASKS).merge(
        ControlVectors.of(new double[] {1, 0.3}, new double[] {1, -0.5}));
    assertEquals(merged, withAlpha);
  }

  @Test
  void theBilinearFormOfTheDenseMergeIsXTransposeDeltaY() {
    MergedLora merged = new TaskArithmetic(TASKS).merge(weights(1, 0));
    float[] x = {1, 2, 0};
    float[] y = {0, 1, 1};
    // x^T tau_first y = 2 * (x . [1,0,2]) * ([3,-1,2] . y) = 2 * 1 * 1 = 2
    assertEquals(2.0, merged.bilinear(x, y), 1e-12);
  }

  @Test
  void refusesVectorsOfAnotherLength() {
    assertThrows(IllegalArgumentException.class, () -> new TaskArithmetic(TASKS).merge(weights(1)));
  }
}
