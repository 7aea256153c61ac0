package io.evomerge.search.cmaes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evomerge.search.cmaes.CmaEsSettings.Covariance;
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

  private static void step(CmaEs es, ToDoubleFunction<double[]> f) {
    double[][] xs = es.ask();
    double[] fit = new double[xs.length];
    for (int k = 0; k < xs.length; k++) {
      fit[k] = f.applyAsDouble(xs[k]);
    }
    es.tell(fit);
  }

  private static double[][] run(CmaEs es, int generations) {
    double[][] trace = new double[generations][];
    for (int g = 0; g < generations; g++) {
      double[][] xs = es.ask();
      trace[g] = Arrays.stream(xs).flatMapToDouble(Arrays::stream).toArray();
      step(es, CmaEsTest::shiftedEllipsoid);
    }
    return trace;
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
    CmaEs original = CmaEs.start(settings(8, cov), new SplittableRandom(7));
    run(original, 23);
    String json = JSON.writeValueAsString(original.state());
    CmaEs restored = CmaEs.restore(JSON.readValue(json, CmaEsState.class));

    assertEquals(json, JSON.writeValueAsString(restored.state()));
    double[][] expected = run(original, 30);
    double[][] actual = run(restored, 30);
    for (int g = 0; g < expected.length; g++) {
      assertArrayEquals(expected[g], actual[g], 0.0, "generation " + g);
    }
    assertEquals(original.best().orElseThrow(), restored.best().orElseThrow());
    assertEquals(JSON.writeValueAsString(original.state()), JSON.writeValueAsString(restored.state()));
  }

  @Test
  void aStateSavedBeforeTheActiveUpdateIsRefusedWithWhatToDo() throws Exception {
    CmaEs es = CmaEs.start(settings(4, Covariance.SEPARABLE), new SplittableRandom(7));
    run(es, 3);
    ObjectNode old = (ObjectNode) JSON.valueToTree(es.state());
    old.remove("version");
    old.remove("scaling");
    old.putNull("variances");
    ((ObjectNode) old.get("settings")).remove("update");
    Exception e = assertThrows(Exception.class, () -> JSON.treeToValue(old, CmaEsState.class));
    assertTrue(e.getMessage().contains("start the run afresh, without --resume"), e.getMessage());

    ObjectNode unversioned = (ObjectNode) JSON.valueToTree(es.state());
    unversioned.remove("version");
    e = assertThrows(Exception.class, () -> JSON.treeToValue(unversioned, CmaEsState.class));
    assertTrue(e.getMessage().contains("CMA-ES state version 0 (expected 2)")
        && e.getMessage().contains("without --resume"), e.getMessage());
  }

  @Test
  void theFullStateHasBeenEigendecomposedBeforeTheSnapshotSoTheRoundTripCoversARotatedBasis() {
    CmaEs es = CmaEs.start(settings(8, Covariance.FULL), new SplittableRandom(7));
    run(es, 23);
    double[][] b = es.state().eigenvectors();
    assertTrue(Math.abs(b[0][1]) > 1e-6, "B is no longer the identity");
    assertTrue(es.state().decomposedAt() > 0);
  }

  @Test
  void theSameSeedGivesTheSameCandidatesAndAnotherSeedDifferent() {
    double[][] a = run(CmaEs.start(settings(5, Covariance.FULL), new SplittableRandom(1)), 5);
    double[][] b = run(CmaEs.start(settings(5, Covariance.FULL), new SplittableRandom(1)), 5);
    double[][] c = run(CmaEs.start(settings(5, Covariance.FULL), new SplittableRandom(2)), 5);
    assertTrue(Arrays.deepEquals(a, b));
    assertFalse(Arrays.equals(a[0], c[0]));
  }

  @Test
  void askingTwiceWithoutTellingReturnsTheSameCandidates() {
    CmaEs es = CmaEs.start(settings(4, Covariance.FULL), new SplittableRandom(3));
    assertTrue(Arrays.deepEquals(es.ask(), es.ask()));
  }

  @Test
  void everyCandidateLiesWithinTheBoundsEvenWithAHugeStepSize() {
    double[] x0 = {0.0, 1.0, -2.0};
    Bounds box = new Bounds(new double[] {0, 0, -3}, new double[] {1, 1, -2});
    CmaEs es = CmaEs.start(new CmaEsSettings(x0, 50, 20, box, Covariance.FULL), new SplittableRandom(5));
    for (int g = 0; g < 20; g++) {
      for (double[] x : es.ask()) {
        for (int i = 0; i < 3; i++) {
          assertTrue(box.contains(i, x[i]), "x[" + i + "] = " + x[i]);
        }
      }
      step(es, x -> -x[0] + x[1]);
    }
  }

  @Test
  void aBoundedRunFindsAnOptimumOnTheBoundary() {
    CmaEs es = CmaEs.start(settings(6, Covariance.FULL), new SplittableRandom(11));
    ToDoubleFunction<double[]> f = x -> {
      double s = 0;
      for (double v : x) {
        s += (v + 2) * (v + 2);
      }
      return s;
    };
    for (int g = 0; g < 300; g++) {
      step(es, f);
    }
    for (double v : es.best().orElseThrow().x()) {
      assertEquals(-1.0, v, 1e-6);
    }
  }

  @Test
  void theSeparableVariantSolvesTheAxisParallelEllipsoidIn40Dimensions() {
    double[] x0 = new double[40];
    Arrays.fill(x0, 1.0);
    CmaEs es = CmaEs.start(CmaEsSettings.of(x0, 0.5).withCovariance(Covariance.SEPARABLE),
        new SplittableRandom(4));
    while (es.evaluations() < 40_000 && es.progress().bestFitness() >= 1e-8) {
      step(es, CmaEsComparisonTest::ellipsoid);
    }
    assertTrue(es.progress().bestFitness() < 1e-8, "best " + es.progress().bestFitness());
  }

  @Test
  void stopRulesFireOnTheirOwnConditions() {
    CmaEs es = CmaEs.start(CmaEsSettings.of(new double[] {1, 1, 1}, 0.5), new SplittableRandom(9));
    assertFalse(CmaEsStops.standard().test(es.progress()));
    for (int g = 0; g < 3; g++) {
      step(es, x -> 4.0);
    }
    assertEquals(3, es.progress().flatGenerations());
    assertTrue(CmaEsStops.byFlatFitness(3).test(es.progress()));
    assertTrue(CmaEsStops.byEvaluations(3L * es.settings().popSize()).test(es.progress()));
    assertFalse(CmaEsStops.byTargetFitness(3.9).test(es.progress()));

    CmaEs sphere = CmaEs.start(CmaEsSettings.of(new double[] {1, 1, 1}, 0.5), new SplittableRandom(9));
    while (!CmaEsStops.byTolX(1e-9).test(sphere.progress())) {
      step(sphere, CmaEsComparisonTest::sphere);
    }
    assertTrue(sphere.progress().bestFitness() < 1e-15);
    for (double m : sphere.mean()) {
      assertEquals(0.0, m, 1e-6);
    }
  }

  @Test
  void tellRejectsAWrongCountAndNonFiniteFitness() {
    CmaEs es = CmaEs.start(CmaEsSettings.of(new double[] {1, 1}, 0.5), new SplittableRandom(9));
    assertThrows(IllegalStateException.class, () -> es.tell(new double[6]));
    int lambda = es.ask().length;
    assertThrows(IllegalArgumentException.class, () -> es.tell(new double[lambda - 1]));
    double[] nan = new double[lambda];
    nan[2] = Double.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> es.tell(nan));
    assertTrue(e.getMessage().contains("fitness[2]"), e.getMessage());
  }

  @Test
  void settingsRejectAStartOutsideTheBounds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CmaEsSettings(new double[] {0.5, 2}, 0.1, 4, Bounds.of(2, 0, 1), Covariance.FULL));
    assertTrue(e.getMessage().contains("start[1] = 2.0"), e.getMessage());
  }
}
