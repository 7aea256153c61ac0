package io.evomerge.search.cmaes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.search.cmaes.Bounds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoxTransformTest {

  private final BoxTransform unit = new BoxTransform(Bounds.of(1, 0, 1));

  @Test
  void isTheIdentityAwayFromTheBounds() {
    for (double x = 0.06; x < 0.9; x += 0.01) {
      assertEquals(x, unit.apply(x, 0), 0.0);
    }
  }

  @Test
  void mapsEveryRealIntoTheBox() {
    SplittableRandom r = new SplittableRandom(1);
    for (int k = 0; k < 10_000; k++) {
      double x = (r.nextDouble() - 0.5) * 1e4;
      double y = unit.apply(x, 0);
      assertTrue(y >= 0 && y <= 1, x + " -> " + y);
    }
  }

  @Test
  void theInverseOfAFeasiblePointMapsBackToIt() {
    for (double y = 0; y <= 1.0; y += 0.001) {
      assertEquals(y, unit.apply(unit.inverse(y, 0), 0), 1e-12);
    }
  }

  @Test
  void aStartOnTheUpperBoundGoesToTheFlatPointBeyondItAsInPycma() {
    // pycma: au = min((u - l) / 2, max(1, |u|) / 20) = 0.05, inverse(u) = u + au
    assertEquals(1.05, unit.inverse(1.0, 0), 1e-15);
    assertEquals(unit.apply(1.05 + 0.03, 0), unit.apply(1.05 - 0.03, 0), 1e-15);
  }

  @Test
  void reachesBothBoundsExactly() {
    assertEquals(0.0, unit.apply(-0.05, 0), 0.0);
    assertEquals(1.0, unit.apply(1.05, 0), 0.0);
  }

  @Test
  void theMarginIsPycmasMarginWidth2() {
    // max(1, |b|) / 20, at most half the range: 0.075 at +-1.5 (the older (1 + |b|) / 20 gave 0.125)
    BoxTransform wide = new BoxTransform(Bounds.of(1, -1.5, 1.5));
    assertEquals(-1.5 - 0.075, wide.inverse(-1.5, 0), 1e-15);
    assertEquals(1.5, wide.apply(wide.inverse(1.5, 0), 0), 0.0);
    assertEquals(-1.5 + 0.075, wide.apply(-1.5 + 0.075, 0), 0.0);
    BoxTransform far = new BoxTransform(Bounds.of(1, 40, 41));
    assertEquals(41 + 0.5, far.inverse(41, 0), 1e-12);
  }
}
