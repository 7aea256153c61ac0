package io.evomerge.search.cmaes;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times ask + tell per generation on the sphere for N = 20 ... 5000, full and separable
 * covariance, with the Evo-Merging popsize 20. Prints, asserts nothing about time. Excluded from
 * the default run (tag {@code benchmark}); after {@code mvn -o -q test-compile} run it with {@code
 * java -cp target/classes:target/test-classes:$HOME/.m2/repository/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar
 * io.evomerge.search.cmaes.CmaEsBenchmarkTest}.
 */
@Tag("benchmark")
class CmaEsBenchmarkTest {

  public static void main(String[] args) {
    new CmaEsBenchmarkTest().timesAskAndTellPerGeneration();
  }

  @Test
  void timesAskAndTellPerGeneration() {
    System.out.println("| N | covariance | generations | ms per generation (ask + tell) |");
    System.out.println("|---:|---|---:|---:|");
    for (int n : new int[] {20, 100, 1000, 5000}) {
      for (Covariance cov : new Covariance[] {Covariance.FULL, Covariance.SEPARABLE}) {
        time(n, cov);
      }
    }
  }

  private static void time(int n, Covariance cov) {
    double[] x0 = new double[n];
    Arrays.fill(x0, 1.0);
    CmaEsState es = CmaEs.start(new CmaEsSettings(x0, 0.05, 20, null, cov), new SplittableRandom(1));
    int generations = cov == Covariance.SEPARABLE || n <= 100 ? 200 : n <= 1000 ? 60 : 12;
    long t0 = System.nanoTime();
    for (int g = 0; g < generations; g++) {
      CmaEs.Sample sample = CmaEs.ask(es);
      double[][] xs = sample.x();
      double[] f = new double[xs.length];
      for (int k = 0; k < xs.length; k++) {
        f[k] = CmaEsComparisonTest.sphere(xs[k]);
      }
      es = CmaEs.tell(es, sample, f);
    }
    double ms = (System.nanoTime() - t0) / 1e6 / generations;
    System.out.printf(Locale.ROOT, "| %d | %s | %d | %.2f |%n", n, cov, generations, ms);
  }
}
