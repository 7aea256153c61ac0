package io.evomerge.search.cmaes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our CMA-ES against Apache Commons Math's {@link CMAESOptimizer} on the classic problems:
 * evaluations until f &lt; 1e-8, mean over 5 seeds, same start, sigma and population size (the
 * default {@code 4 + floor(3 ln n)}). Starts: sphere and ellipsoid (condition 1e6) from x0 = (1,
 * ..., 1), Rosenbrock from x0 = (0, ..., 0) (its optimum is the ones vector); sigma0 = 0.5
 * everywhere. Commons Math runs the classic covariance update (positive weights only); ours runs
 * pycma's default, the active update, and needs fewer evaluations on the ellipsoid and Rosenbrock
 * (0.65-0.77x); {@link CmaEsVersusPycmaTest} checks it against pycma itself. A run that stops
 * short of the target (Rosenbrock's local minimum) is restarted with the next seed of its own
 * sequence and its evaluations count: both sides are measured the same way. Runs go on two
 * threads; results are gathered in a fixed order.
 */
class CmaEsComparisonTest {

  private static final double TARGET = 1e-8;
  private static final int SEEDS = 5;
  private static final double SIGMA = 0.5;
  private static final long MAX_EVALUATIONS = 400_000;
  private static final List<String> ROWS = new ArrayList<>();
  private static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(2);
  }

  @Test
  void sphereReachesTheTargetAsFastAsCommonsMath() throws Exception {
    compare("sphere", 10, CmaEsComparisonTest::sphere, 1.0);
    compare("sphere", 40, CmaEsComparisonTest::sphere, 1.0);
  }

  @Test
  void ellipsoidReachesTheTargetAsFastAsCommonsMath() throws Exception {
    compare("ellipsoid", 10, CmaEsComparisonTest::ellipsoid, 1.0);
    compare("ellipsoid", 40, CmaEsComparisonTest::ellipsoid, 1.0);
  }

  @Test
  void rosenbrockReachesTheTargetAsFastAsCommonsMath() throws Exception {
    compare("rosenbrock", 10, CmaEsComparisonTest::rosenbrock, 0.0);
    compare("rosenbrock", 40, CmaEsComparisonTest::rosenbrock, 0.0);
  }

  @AfterAll
  static void writeTable() throws IOException {
    pool.shutdownNow();
    StringBuilder table = new StringBuilder();
    table.append("| problem | dim | ours mean evals | Commons Math mean evals | ratio | restarts (ours / CM) |\n");
    table.append("|---|---:|---:|---:|---:|---:|\n");
    ROWS.stream().sorted().forEach(r -> table.append(r).append('\n'));
    System.out.println("CMA-ES evaluations to f < 1e-8, mean of " + SEEDS + " seeds\n" + table);
    Path out = Path.of("target", "cmaes-comparison.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, table.toString());
  }

  private static void compare(String name, int n, ToDoubleFunction<double[]> f, double start)
      throws InterruptedException, ExecutionException {
    List<Future<Outcome>> ours = new ArrayList<>();
    List<Future<Outcome>> theirs = new ArrayList<>();
    for (int seed = 1; seed <= SEEDS; seed++) {
      long s = seed;
      ours.add(pool.submit(() -> withRestarts(r -> ours(n, f, start, s * 1000 + r))));
      theirs.add(pool.submit(() -> withRestarts(r -> commonsMath(n, f, start, s * 1000 + r))));
    }
    Outcome o = sum(ours);
    Outcome t = sum(theirs);
    double ratio = (double) o.evaluations() / t.evaluations();
    ROWS.add(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.2f | %d / %d |", name, n,
        o.evaluations() / (double) SEEDS, t.evaluations() / (double) SEEDS, ratio,
        o.restarts(), t.restarts()));
    assertTrue(ratio <= 1.5, name + " " + n + "-D: ours " + o + " vs Commons Math " + t);
  }

  private static Outcome sum(List<Future<Outcome>> runs) throws InterruptedException, ExecutionException {
    long evaluations = 0;
    int restarts = 0;
    for (Future<Outcome> run : runs) {
      evaluations += run.get().evaluations();
      restarts += run.get().restarts();
    }
    return new Outcome(evaluations, true, restarts);
  }

  /** Evaluations (and restarts) until a run reaches the target, over at most MAX_EVALUATIONS. */
  private static Outcome withRestarts(java.util.function.IntFunction<Outcome> run) {
    long spent = 0;
    for (int restart = 0; spent < MAX_EVALUATIONS; restart++) {
      Outcome o = run.apply(restart);
      spent += o.evaluations();
      if (o.reached()) {
        return new Outcome(spent, true, restart);
      }
    }
    throw new AssertionError("no run reached " + TARGET + " within " + MAX_EVALUATIONS + " evaluations");
  }

  private static Outcome ours(int n, ToDoubleFunction<double[]> f, double start, long seed) {
    double[] x0 = new double[n];
    Arrays.fill(x0, start);
    CmaEsState es = CmaEs.start(TestSettings.of(x0, SIGMA), new SplittableRandom(seed));
    Predicate<Progress> stop = progress -> progress.stopped() || progress.evaluations() >= MAX_EVALUATIONS;
    while (!stop.test(CmaEs.progress(es))) {
      CmaEs.Sample asked = CmaEs.ask(es);
      double[][] xs = asked.x();
      double[] fit = new double[xs.length];
      for (int k = 0; k < xs.length; k++) {
        fit[k] = f.applyAsDouble(xs[k]);
      }
      es = CmaEs.tell(es, asked, fit);
      if (CmaEs.progress(es).bestFitness() < TARGET) {
        return new Outcome(es.evaluations(), true, 0);
      }
    }
    return new Outcome(es.evaluations(), false, 0);
  }

  private static Outcome commonsMath(int n, ToDoubleFunction<double[]> f, double start, long seed) {
    double[] x0 = new double[n];
    double[] sigma = new double[n];
    Arrays.fill(x0, start);
    Arrays.fill(sigma, SIGMA);
    CMAESOptimizer cm = new CMAESOptimizer(
        1_000_000, TARGET, false, 0, 0, new MersenneTwister(seed), false, null);
    try {
      double best = cm.optimize(new MaxEval((int) MAX_EVALUATIONS),
          new ObjectiveFunction(f::applyAsDouble), GoalType.MINIMIZE, new InitialGuess(x0),
          SimpleBounds.unbounded(n), new CMAESOptimizer.Sigma(sigma),
          new CMAESOptimizer.PopulationSize(TestSettings.defaultPopSize(n))).getValue();
      return new Outcome(cm.getEvaluations(), best < TARGET, 0);
    } catch (TooManyEvaluationsException e) {
      return new Outcome(MAX_EVALUATIONS, false, 0);
    }
  }

  private record Outcome(long evaluations, boolean reached, int restarts) {}

  static double sphere(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return s;
  }

  static double ellipsoid(double[] x) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += StrictMath.pow(1e6, i / (x.length - 1.0)) * x[i] * x[i];
    }
    return s;
  }

  static double rosenbrock(double[] x) {
    double s = 0;
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i] * x[i] - x[i + 1];
      double b = x[i] - 1;
      s += 100 * a * a + b * b;
    }
    return s;
  }
}
