package io.evomerge.search.cmaes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class CmaEsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static CmaEsSettings settings(int n, Covariance cov) {
    double[] x0 = new double[n];
    Arrays.fill(x0, 0.9);
    return new CmaEsSettings(x0, 0.3, 12, Bounds.of(n, -1, 1), cov);
  }

  private static double shiftedEllipsoid(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - 0.3 + 0.1 * i;
      s += Math.pow(100, i / (x.length - 1.0)) * d * d + 0.5 * d * (x[(i + 1) % x.length]);
    }
    return s;
  }

  private static CmaEsState step(CmaEsState es, ToDoubleFunction<double[]> f) {
    CmaEs.Sample asked = CmaEs.ask(es);
    double[][] xs = asked.x();
    double[] fit = new double[xs.length];
    for (int k = 0; k < xs.length; k++) {
      fit[k] = f.applyAsDouble(xs[k]);
    }
    return CmaEs.tell(es, asked, fit);
  }

  /** The state after {@code generations} on the shifted ellipsoid, and every candidate asked. */
  private record Run(CmaEsState state, double[][] trace) {}

  private static Run run(CmaEsState es, int generations) {
    double[][] trace = new double[generations][];
    for (int g = 0; g < generations; g++) {
      trace[g] = Arrays.stream(CmaEs.ask(es).x()).flatMapToDouble(Arrays::stream).toArray();
      es = step(es, CmaEsTest::shiftedEllipsoid);
    }
    return new Run(es, trace);
  }

  @Test
  void aRestoredFullCovarianceRunContinuesBitForBitAfterAJsonRoundTrip() throws Exception {
    restoredRunContinuesBitForBit(Covariance.FULL);
  }

  @Test
  void aRestoredSeparableRunContinuesBitForBitAfterAJsonRoundTrip() throws Exception {
    restoredRunContinuesBitForBit(Covariance.SEPARABLE);
  }

  private void restoredRunContinuesBitForBit(Covariance cov) throws Exception {
    CmaEsState saved = run(CmaEs.start(settings(8, cov), new SplittableRandom(7)), 23).state();
    String json = JSON.writeValueAsString(saved);
    CmaEsState restored = JSON.readValue(json, CmaEsState.class);

    assertEquals(json, JSON.writeValueAsString(restored));
    Run expected = run(saved, 30);
    Run actual = run(restored, 30);
    for (int g = 0; g < expected.trace().length; g++) {
      assertArrayEquals(expected.trace()[g], actual.trace()[g], 0.0, "generation " + g);
    }
    assertArrayEquals(expected.state().best().x(), actual.state().best().x(), 0.0);
    assertEquals(expected.state().best().fitness(), actual.state().best().fitness());
    assertEquals(JSON.writeValueAsString(expected.state()), JSON.writeValueAsString(actual.state()));
  }

  @Test
  void aStateSavedBeforeTheActiveUpdateIsRefusedWithWhatToDo() throws Exception {
    CmaEsState es = run(CmaEs.start(settings(4, Covariance.SEPARABLE), new SplittableRandom(7)), 3).state();
    ObjectNode old = (ObjectNode) JSON.valueToTree(es);
    old.remove("version");
    old.remove("scaling");
    old.putNull("variances");
    ((ObjectNode) old.get("settings")).remove("update");
    Exception e = assertThrows(Exception.class, () -> JSON.treeToValue(old, CmaEsState.class));
    assertTrue(e.getMessage().contains("start the run afresh, without --resume"), e.getMessage());

    ObjectNode unversioned = (ObjectNode) JSON.valueToTree(es);
    unversioned.remove("version");
    e = assertThrows(Exception.class, () -> JSON.treeToValue(unversioned, CmaEsState.class));
    assertTrue(e.getMessage().contains("CMA-ES state version 0 (expected 2)")
        && e.getMessage().contains("without --resume"), e.getMessage());
  }

  @Test
  void theFullStateHasBeenEigendecomposedBeforeTheSnapshotSoTheRoundTripCoversARotatedBasis() {
    CmaEsState es = run(CmaEs.start(settings(8, Covariance.FULL), new SplittableRandom(7)), 23).state();
    double[][] b = es.eigenvectors();
    assertTrue(Math.abs(b[0][1]) > 1e-6, "B is no longer the identity");
    assertTrue(es.decomposedAt() > 0);
  }

  @Test
  void theSameSeedGivesTheSameCandidatesAndAnotherSeedDifferent() {
    double[][] a = run(CmaEs.start(settings(5, Covariance.FULL), new SplittableRandom(1)), 5).trace();
    double[][] b = run(CmaEs.start(settings(5, Covariance.FULL), new SplittableRandom(1)), 5).trace();
    double[][] c = run(CmaEs.start(settings(5, Covariance.FULL), new SplittableRandom(2)), 5).trace();
    assertTrue(Arrays.deepEquals(a, b));
    assertFalse(Arrays.equals(a[0], c[0]));
  }

  @Test
  void askingTwiceWithoutTellingReturnsTheSameCandidates() {
    CmaEsState es = CmaEs.start(settings(4, Covariance.FULL), new SplittableRandom(3));
    assertTrue(Arrays.deepEquals(CmaEs.ask(es).x(), CmaEs.ask(es).x()));
  }

  @Test
  void everyCandidateLiesWithinTheBoundsEvenWithAHugeStepSize() {
    double[] x0 = {0.0, 1.0, -2.0};
    Bounds box = new Bounds(new double[] {0, 0, -3}, new double[] {1, 1, -2});
    CmaEsState es = CmaEs.start(new CmaEsSettings(x0, 50, 20, box, Covariance.FULL), new SplittableRandom(5));
    for (int g = 0; g < 20; g++) {
      for (double[] x : CmaEs.ask(es).x()) {
        for (int i = 0; i < 3; i++) {
          assertTrue(box.contains(i, x[i]), "x[" + i + "] = " + x[i]);
        }
      }
      es = step(es, x -> -x[0] + x[1]);
    }
  }

  @Test
  void aBoundedRunFindsAnOptimumOnTheBoundary() {
    CmaEsState es = CmaEs.start(settings(6, Covariance.FULL), new SplittableRandom(11));
    ToDoubleFunction<double[]> f = x -> {
      double s = 0;
      for (double v : x) {
        s += (v + 2) * (v + 2);
      }
      return s;
    };
    for (int g = 0; g < 300; g++) {
      es = step(es, f);
    }
    for (double v : es.best().x()) {
      assertEquals(-1.0, v, 1e-6);
    }
  }

  @Test
  void theSeparableVariantSolvesTheAxisParallelEllipsoidIn40Dimensions() {
    double[] x0 = new double[40];
    Arrays.fill(x0, 1.0);
    CmaEsState es = CmaEs.start(new CmaEsSettings(x0, 0.5, TestSettings.defaultPopSize(40), null,
        Covariance.SEPARABLE), new SplittableRandom(4));
    while (es.evaluations() < 40_000 && CmaEs.progress(es).bestFitness() >= 1e-8) {
      es = step(es, CmaEsComparisonTest::ellipsoid);
    }
    assertTrue(CmaEs.progress(es).bestFitness() < 1e-8, "best " + CmaEs.progress(es).bestFitness());
  }

  @Test
  void stopRulesFireOnTheirOwnConditions() {
    CmaEsState es = CmaEs.start(TestSettings.of(new double[] {1, 1, 1}, 0.5), new SplittableRandom(9));
    assertFalse(CmaEs.progress(es).stopped());
    for (int g = 0; g < 3; g++) {
      es = step(es, x -> 4.0);
    }
    assertEquals(3, CmaEs.progress(es).flatGenerations());
    assertFalse(CmaEs.progress(es).stopped(), "3 flat generations are not enough");
    assertEquals(3L * es.settings().popSize(), CmaEs.progress(es).evaluations());
    assertEquals(4.0, CmaEs.progress(es).bestFitness());
    for (int g = 3; g < 10; g++) {
      es = step(es, x -> 4.0);
    }
    assertTrue(CmaEs.progress(es).stopped(), "10 flat generations end the search");

    CmaEsState sphere = CmaEs.start(TestSettings.of(new double[] {1, 1, 1}, 0.5), new SplittableRandom(9));
    while (CmaEs.progress(sphere).maxStep() >= 1e-9) {
      sphere = step(sphere, CmaEsComparisonTest::sphere);
    }
    assertTrue(CmaEs.progress(sphere).bestFitness() < 1e-15);
    for (double m : sphere.mean()) {
      assertEquals(0.0, m, 1e-6);
    }
  }

  @Test
  void tellRejectsAWrongCountAndNonFiniteFitness() {
    CmaEsState es = CmaEs.start(TestSettings.of(new double[] {1, 1}, 0.5), new SplittableRandom(9));
    CmaEs.Sample asked = CmaEs.ask(es);
    int lambda = asked.x().length;
    assertThrows(IllegalArgumentException.class, () -> CmaEs.tell(es, asked, new double[lambda - 1]));
    double[] nan = new double[lambda];
    nan[2] = Double.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CmaEs.tell(es, asked, nan));
    assertTrue(e.getMessage().contains("fitness[2]"), e.getMessage());
  }

  @Test
  void tellReturnsTheNextStateAndLeavesTheOneItIsGivenAsItWas() throws Exception {
    CmaEsState es = run(CmaEs.start(settings(6, Covariance.FULL), new SplittableRandom(3)), 4).state();
    String before = JSON.writeValueAsString(es);
    CmaEsState next = step(es, CmaEsTest::shiftedEllipsoid);
    assertEquals(before, JSON.writeValueAsString(es));
    assertEquals(es.generation() + 1, next.generation());
  }

  @Test
  void settingsRejectAStartOutsideTheBounds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CmaEsSettings(new double[] {0.5, 2}, 0.1, 4, Bounds.of(2, 0, 1), Covariance.FULL));
    assertTrue(e.getMessage().contains("start[1] = 2.0"), e.getMessage());
  }
}
