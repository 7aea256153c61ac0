package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopsTest {

  private static JobState spent(CallUsage usage) {
    return new JobState("r", "f", List.of(), usage, 0, null);
  }

  @Test
  void aGenerationIsPlannedWithTenPercentHeadroomAndTheTestReserve() {
    var byBudget = Stops.byBudget(RunBudget.of(150, 0), 34, 0);
    JobState afterThree = spent(new CallUsage(72, 72, 72, 0, 0, 0, 0));
    JobState afterFour = spent(new CallUsage(96, 96, 96, 0, 0, 0, 0));
    assertFalse(byBudget.test(new Stops.Next(afterThree, 24, 0)), "72 + 27 + 38 <= 150");
    assertTrue(byBudget.test(new Stops.Next(afterFour, 24, 0)), "96 + 27 + 38 > 150");
  }

  @Test
  void retriesAndLostTasksWidenTheHeadroomToTwiceWhatTheyCost() {
    CallUsage usage = new CallUsage(100, 110, 100, 10, 0, 15, 0);
    assertEquals(125, usage.spent());
    assertEquals(0.5, usage.headroom(Stops.MIN_HEADROOM), 1e-12);
    assertEquals(0.1, CallUsage.ZERO.headroom(Stops.MIN_HEADROOM));
    assertEquals(36, Stops.withHeadroom(24, 0.5));
  }

  @Test
  void aLostTaskIsChargedThePlannedCallsOfItsPartition() {
    long total = 0;
    for (int i = 0; i < 7; i++) {
      total += LostTasks.sliceOf(24, 7, i);
    }
    assertEquals(24, total, "the slices add up to the plan");
    assertEquals(3, LostTasks.sliceOf(24, 7, 0));
    assertEquals(4, LostTasks.sliceOf(24, 7, 2), "as parallelize slices: [10, 14)");
  }

  @Test
  void onAClusterEachTaskMaySendItsCallsAndItsShareOfTheHeadroom() {
    long total = 0;
    for (int i = 0; i < 7; i++) {
      total += LostTasks.shareOf(LostTasks.sliceOf(24, 7, i), 24, 54);
    }
    assertTrue(total <= 54 && total >= 54 - 7, "the shares add up to at most the reservation: " + total);
    assertEquals(3 + 3, LostTasks.shareOf(3, 24, 54), "3 calls and their share of 30 calls of headroom, rounded down");
    assertEquals(3, LostTasks.shareOf(3, -1, 54), "no plan known: the calls alone");
  }

  @Test
  void aResumeChargesTheCallsACrashedEvaluationHadReserved() {
    JobState crashed = spent(new CallUsage(48, 48, 48, 0, 0, 0, 0)).reserving(27);
    assertEquals(75, crashed.resumed().calls());
    assertEquals(0, crashed.resumed().reserved());
  }
}
