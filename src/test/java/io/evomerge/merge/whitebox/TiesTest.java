package io.evomerge.merge.whitebox;

import static io.evomerge.merge.whitebox.TaskArithmeticTest.TASKS;
import static io.evomerge.merge.whitebox.TaskArithmeticTest.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evomerge.adapter.LoraAdapter;
import io.evomerge.merge.MergedLora;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TIES: trim, elect sign, disjoint mean, on hand-checked entries. */
class TiesTest {

  @Test
  void densityOneWithOneAdapterIsThatAdapterTimesItsWeight() {
    MergedLora merged = new Ties(TASKS, 1.0).merge(weights(0.5, 0));
    assertEquals(3.0, merged.delta(0, 0), 1e-12);
    assertEquals(-2.0, merged.delta(0, 1) * 2, 1e-12);
  }

  @Test
  void agreeingEntriesAreAveragedAndDisagreeingOnesDropped() {
    // tau_first(1,*) = 0 (B row 1 is 0); tau_second(1,*) = 2*[1,-1,1]: only the second contributes.
    // Entry (2,0): first 2*2*3 = 12, second 2*(-1)*1 = -2: elected +, mean of agreeing = 12.
    // Entry (2,1): first 2*2*(-1) = -4, second 2*(-1)*(-1) = 2: elected -, value -4.
    MergedLora merged = new Ties(TASKS, 1.0).merge(weights(1, 1));
    assertEquals(2.0, merged.delta(1, 0), 1e-12);
    assertEquals(12.0, merged.delta(2, 0), 1e-12);
    assertEquals(-4.0, merged.delta(2, 1), 1e-12);
  }

  @Test
  void bothAgreeingGivesTheirMeanScaledByTheCommonWeight() {
    LoraAdapter first = TaskArithmeticTest.FIRST;
    LoraAdapter twin = new LoraAdapter("twin", first.task(), first.rank(), first.loraAlpha(), first.dim(),
        first.a(), first.b());
    TaskVectors same = TaskVectors.of(List.of(TaskArithmeticTest.FIRST, twin));
    MergedLora merged = new Ties(same, 1.0).merge(weights(0.7, 0.7));
    assertEquals(0.7 * 6, merged.delta(0, 0), 1e-6);
  }

  @Test
  void trimmingKeepsOnlyTheLargestMagnitudes() {
    // tau_first = 2*[1,0,2]^T[3,-1,2]: magnitudes 6,2,4 / 0,0,0 / 12,4,8. Keeping 2 of 9 (density
    // 2/9): 12 and 8 survive.
    MergedLora merged = new Ties(TASKS, 2.0 / 9).merge(weights(1, 0));
    assertEquals(12.0, merged.delta(2, 0), 1e-12);
    assertEquals(8.0, merged.delta(2, 2), 1e-12);
    assertEquals(0.0, merged.delta(0, 0), 1e-12);
    assertEquals(0.0, merged.delta(2, 1), 1e-12);
  }
}
