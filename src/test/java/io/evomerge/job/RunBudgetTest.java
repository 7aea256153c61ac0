package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunBudgetTest {

  @Test
  void zeroMeansUnlimited() {
    assertTrue(RunBudget.of(0, 0).spend(1_000_000, 1_000_000).allows(1_000_000, 1_000_000));
  }

  @Test
  void aPlanThatReachesTheLimitExactlyFitsAndOneMoreCallDoesNot() {
    RunBudget budget = RunBudget.of(100, 0).spend(60, 900);
    assertTrue(budget.allows(40, 0));
    assertFalse(budget.allows(41, 0));
  }

  @Test
  void anEvaluationMaySendUpToTwiceItsReservationWhereTheBudgetCanSpareIt() {
    assertEquals(54, RunBudget.of(150, 0).spend(48, 0).allowance(27, 0), "twice, within what is left");
    assertEquals(40, RunBudget.of(150, 0).spend(76, 0).allowance(27, 34), "what is left after the test reserve");
    assertEquals(27, RunBudget.of(150, 0).spend(100, 0).allowance(27, 34), "never less than the reservation");
    assertEquals(54, RunBudget.of(0, 0).spend(100, 0).allowance(27, 34), "no budget: twice");
  }

  @Test
  void theExampleLimitIsCheckedOnItsOwn() {
    RunBudget budget = RunBudget.of(0, 300).spend(10, 150);
    assertTrue(budget.allows(10, 150));
    assertFalse(budget.allows(1, 151));
  }
}
