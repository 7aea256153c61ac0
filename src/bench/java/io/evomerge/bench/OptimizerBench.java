package io.evomerge.bench;

import io.evomerge.search.cmaes.CmaEs;
import io.evomerge.search.cmaes.CmaEsSettings;
import io.evomerge.search.cmaes.CmaEsState;
import io.evomerge.search.cmaes.Covariance;
import io.evomerge.search.cmaes.Parameters;
import io.evomerge.search.cmaes.SymmetricEigen;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

/**
 * The optimizer's cost: ask + tell per generation of our CMA-ES (popsize 20, bounds [0, 1] as in
 * the denoising stage) for N adapters, full and separable covariance, with the heap its state
 * holds; beside it Apache Commons Math's {@link CMAESOptimizer} per iteration at the dimensions
 * where it runs in reasonable time. The objective is a cheap quadratic, so the times are the
 * optimizer's own. Not thread-safe.
 */
public final class OptimizerBench {

  private static final int POP_SIZE = 20;

  private final BenchPlan.Optimizer plan;
  private final PrintWriter log;

  public OptimizerBench(BenchPlan.Optimizer plan, PrintWriter log) {
    this.plan = plan;
    this.log = log;
  }

  /**
   * One timing. Immutable.
   *
   * @param implementation {@code evomerge} or {@code commons-math}
   * @param msPerGeneration ask + tell (Commons Math: one iteration) in ms, over the timed generations
   * @param stateMiB heap held by the optimizer's state (NaN where not measured)
   * @param eigenEveryGenerations generations between two eigendecompositions (full covariance)
   * @param eigenIncluded whether the timed generations include one
   * @param note what was left out or extrapolated
   */
  public record Row(int n, String covariance, String implementation, int generations, double msPerGeneration,
      double stateMiB, double eigenEveryGenerations, boolean eigenIncluded, String note) {}

  /**
   * One eigendecomposition of an N x N covariance by our solver. Immutable.
   *
   * @param measured false when extrapolated from a smaller N by N^3
   */
  public record Eigen(int n, double seconds, boolean measured, double amortisedMsPerGeneration) {}

  /** Every row and the eigendecomposition timings. Immutable. */
  public record Result(List<Row> rows, List<Eigen> eigen) {}

  public Result run() {
    List<Row> rows = new ArrayList<>();
    for (int n : plan.dimensions()) {
      rows.add(ours(n, Covariance.SEPARABLE));
      rows.add(ours(n, Covariance.FULL));
      if (plan.commonsMathDimensions().contains(n)) {
        rows.add(commonsMath(n, false));
        rows.add(commonsMath(n, true));
      } else {
        rows.add(skippedCommonsMath(n));
      }
    }
    return new Result(rows, eigen());
  }

  private Row ours(int n, Covariance covariance) {
    int generations = generations(n, covariance);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    CmaEsState es = step(CmaEs.start(settings(n, covariance), new SplittableRandom(7)));
    long held = usedAfterGc(memory) - before;
    long start = System.nanoTime();
    for (int g = 0; g < generations; g++) {
      es = step(es);
    }
    double ms = (System.nanoTime() - start) / 1e6 / generations;
    double gap = covariance == Covariance.FULL ? eigenGapGenerations(n) : Double.NaN;
    boolean included = covariance == Covariance.FULL && generations + 1 > gap;
    Row row = new Row(n, covariance.name().toLowerCase(), "evomerge", generations, ms, held / (double) (1 << 20),
        gap, included, covariance == Covariance.FULL && !included
            ? "no eigendecomposition falls in the timed generations; see the amortised cost" : "");
    log.printf("optimizer: N = %d %s: %.3f ms per generation over %d, state %.1f MiB%n", n, row.covariance(), ms,
        generations, row.stateMiB());
    keep(es);
    return row;
  }

  private int generations(int n, Covariance covariance) {
    if (covariance == Covariance.SEPARABLE || n <= 100) {
      return plan.separableGenerations();
    }
    return n <= 1000 ? plan.fullGenerations() : plan.largeFullGenerations();
  }

  private static CmaEsSettings settings(int n, Covariance covariance) {
    double[] start = new double[n];
    Arrays.fill(start, 0.9);
    return new CmaEsSettings(start, 0.05, POP_SIZE, io.evomerge.search.cmaes.Bounds.of(n, 0, 1), covariance);
  }

  /** One generation, drawn once: the sample asked is the one told. */
  private static CmaEsState step(CmaEsState es) {
    CmaEs.Sample sample = CmaEs.ask(es);
    double[][] xs = sample.x();
    double[] f = new double[xs.length];
    for (int k = 0; k < xs.length; k++) {
      f[k] = quadratic(xs[k]);
    }
    return CmaEs.tell(es, sample, f);
  }

  static double quadratic(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - 0.5;
      sum += (1 + i % 7) * d * d;
    }
    return sum;
  }

  /** Generations between two eigendecompositions: pycma's lazy gap, in evaluations, over lambda. */
  static double eigenGapGenerations(int n) {
    return Parameters.of(n, POP_SIZE, Covariance.FULL, CmaEsSettings.Update.ACTIVE).eigenGap() / POP_SIZE;
  }

  private Row commonsMath(int n, boolean diagonal) {
    int iterations = n <= 100 ? plan.commonsMathIterations() : plan.commonsMathLargeIterations();
    double[] start = new double[n];
    double[] sigma = new double[n];
    double[] lower = new double[n];
    double[] upper = new double[n];
    Arrays.fill(start, 0.9);
    Arrays.fill(sigma, 0.05);
    Arrays.fill(upper, 1);
    CMAESOptimizer cm = new CMAESOptimizer(iterations, 0, false, diagonal ? Integer.MAX_VALUE : 0, 0,
        new MersenneTwister(7), false, null);
    long begin = System.nanoTime();
    cm.optimize(new MaxEval(Integer.MAX_VALUE), new ObjectiveFunction(OptimizerBench::quadratic), GoalType.MINIMIZE,
        new InitialGuess(start), new SimpleBounds(lower, upper), new CMAESOptimizer.Sigma(sigma),
        new CMAESOptimizer.PopulationSize(POP_SIZE));
    double ms = (System.nanoTime() - begin) / 1e6 / Math.max(1, cm.getIterations());
    log.printf("optimizer: N = %d commons-math %s: %.3f ms per iteration over %d%n", n,
        diagonal ? "separable" : "full", ms, cm.getIterations());
    return new Row(n, diagonal ? "separable" : "full", "commons-math", cm.getIterations(), ms, Double.NaN,
        Double.NaN, !diagonal, diagonal ? "diagonalOnly for every iteration"
            : "eigendecomposes (an O(N^3) step) every few iterations");
  }

  private static Row skippedCommonsMath(int n) {
    return new Row(n, "full", "commons-math", 0, Double.NaN, Double.NaN, Double.NaN, false,
        "skipped: every iteration works on dense N x N RealMatrix copies, and its eigendecomposition at this N"
            + " takes minutes");
  }

  private List<Eigen> eigen() {
    List<Eigen> out = new ArrayList<>();
    if (!plan.eigenTimings()) {
      return out;
    }
    double seconds1000 = timeEigen(1000);
    double seconds2000 = timeEigen(2000);
    out.add(new Eigen(1000, seconds1000, true, seconds1000 * 1000 / eigenGapGenerations(1000)));
    out.add(new Eigen(2000, seconds2000, true, seconds2000 * 1000 / eigenGapGenerations(2000)));
    double seconds5000 = seconds2000 * Math.pow(5000 / 2000.0, 3);
    out.add(new Eigen(5000, seconds5000, false, seconds5000 * 1000 / eigenGapGenerations(5000)));
    return out;
  }

  private double timeEigen(int n) {
    SplittableRandom random = new SplittableRandom(n);
    double[][] lower = new double[n][];
    for (int i = 0; i < n; i++) {
      lower[i] = new double[i + 1];
      for (int j = 0; j < i; j++) {
        lower[i][j] = random.nextDouble(-0.01, 0.01);
      }
      lower[i][i] = 1 + random.nextDouble();
    }
    double[][] vectors = new double[n][n];
    double[] values = new double[n];
    long start = System.nanoTime();
    SymmetricEigen.decompose(lower, vectors, values);
    double seconds = (System.nanoTime() - start) / 1e9;
    log.printf("optimizer: eigendecomposition at N = %d: %.2f s%n", n, seconds);
    return seconds;
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static volatile Object sink;

  private static void keep(Object o) {
    sink = o;
    sink = null;
  }
}
