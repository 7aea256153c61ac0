package io.evomerge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatTest {

  @Test
  void meanAndSampleStandardDeviation() {
    Stat s = Stat.of(1, 2, 3, 4);
    assertEquals(2.5, s.mean(), 1e-12);
    assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-12);
    assertEquals(4, s.n());
    assertEquals("2.50 ± 1.29", s.format(2));
  }

  @Test
  void oneValueHasNoSpreadAndNaNsAreSkipped() {
    Stat s = Stat.of(Double.NaN, 0.7);
    assertEquals(0.7, s.mean(), 1e-12);
    assertEquals(0.0, s.std());
    assertEquals(1, s.n());
  }

  @Test
  void nothingToAverageIsNotAvailable() {
    Stat s = Stat.of(Double.NaN);
    assertTrue(Double.isNaN(s.mean()));
    assertEquals("n/a", s.format(3));
  }
}
