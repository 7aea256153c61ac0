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
  void aStepLimitIsSpentAfterExactlyThatManyStepsAndAskingDoesNotCount() {
    var steps = new Stops.StepLimit(2);
    assertFalse(steps.spent());
    assertFalse(steps.spent(), "asking twice spends nothing");
    steps.count();
    assertFalse(steps.spent(), "one step run, one left");
    steps.count();
    assertTrue(steps.spent(), "a third step is refused");
    assertTrue(steps.spent(), "and stays refused");
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
    var set = new EvaluationSet.OfExamples(io.evomerge.data.Shards.of(LoopbackService.examples(7), 1));
    var tasks = EvaluationTask.grid(java.util.Collections.nCopies(3, io.evomerge.merge.ControlVectors.uniform(2)), 7);
    assertEquals("10,11", SparkEvaluator.plannedCalls(set.parts(2), tasks), "the parts' calls add up to the plan");
    assertEquals("3,3,3,3,3,3,3", SparkEvaluator.plannedCalls(set.parts(7), tasks), "as parallelize slices them");
    assertEquals("0,1", SparkEvaluator.plannedCalls(set.parts(2), tasks.subList(0, 1)), "one call, one partition");
    var sessions = SessionSetTest.set("s0", "s1");
    assertEquals("2,1", SparkEvaluator.plannedCalls(sessions.parts(8), EvaluationTask.grid(
        java.util.Collections.nCopies(3, io.evomerge.merge.ControlVectors.uniform(2)), 1)), "bmm: by session");
  }

  @Test
  void onAClusterEachTaskMaySendItsCallsAndItsShareOfTheHeadroom() {
    long total = 0;
    for (int i = 0; i < 7; i++) {
      total += LostTasks.shareOf((i + 1L) * 24 / 7 - i * 24L / 7, 24, 54); // parallelize's slices of 24 calls
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
