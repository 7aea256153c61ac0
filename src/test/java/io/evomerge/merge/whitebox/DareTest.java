package io.evomerge.merge.whitebox;

import static io.evomerge.merge.whitebox.TaskArithmeticTest.TASKS;
import static io.evomerge.merge.whitebox.TaskArithmeticTest.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.merge.MergedLora;
import org.junit.jupiter.api.Test;

/** DARE: a seeded drop-and-rescale mask before task arithmetic. */
class DareTest {

  @Test
  void densityOneIsTaskArithmetic() {
    assertEquals(new TaskArithmetic(TASKS).merge(weights(1, -0.5)), new Dare(TASKS, 1.0, 3).merge(weights(1, -0.5)));
  }

  @Test
  void theSameSeedGivesTheSameMergeAndAnotherSeedAnotherMask() {
    MergedLora one = new Dare(TASKS, 0.5, 11).merge(weights(1, 1));
    assertEquals(one, new Dare(TASKS, 0.5, 11).merge(weights(1, 1)));
    boolean differs = false;
    for (long seed = 12; seed < 20 && !differs; seed++) {
      differs = !one.equals(new Dare(TASKS, 0.5, seed).merge(weights(1, 1)));
    }
    assertTrue(differs, "eight other seeds all drew the same mask");
  }

  @Test
  void keptEntriesAreRescaledByOneOverDensity() {
    MergedLora merged = new Dare(TASKS, 0.25, 5).merge(weights(1, 0));
    for (int row = 0; row < 3; row++) {
      for (int col = 0; col < 3; col++) {
        double d = merged.delta(row, col);
        double full = TASKS.view(0)[row * 3 + col];
        assertTrue(d == 0 || Math.abs(d - 4 * full) < 1e-9, "entry " + row + "," + col + " = " + d);
      }
    }
    assertNotEquals(0.0, merged.delta(2, 0) + merged.delta(2, 2) + merged.delta(0, 0) + merged.delta(0, 2)
        + merged.delta(2, 1) + merged.delta(0, 1), "the mask dropped every non-zero entry");
  }
}
