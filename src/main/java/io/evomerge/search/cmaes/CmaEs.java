package io.evomerge.search.cmaes;

import io.evomerge.search.cmaes.CmaEsSettings.Covariance;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * CMA-ES as pycma 4.5 runs it by default, with an ask/tell interface: {@link #ask()} hands out one
 * generation of candidates, the caller evaluates them anywhere and {@link #tell} gives their
 * fitness (to minimise) back, in the same order.
 *
 * <p>Strategy parameters: {@link Parameters}. Covariance: {@link Covariance#FULL}, eigendecomposed
 * lazily every {@link Parameters#eigenGap()} evaluations, or {@link Covariance#SEPARABLE}
 * (pycma's {@code CMA_diagonal=True}). Update: active (negative weights, pycma's default) or
 * classic ({@link CmaEsSettings.Update}). Step size: cumulative step-size adaptation, the change
 * of {@code ln sigma} clipped to [-1, 1]; a generation of flat fitness (best equal to the
 * 0.7-quantile) widens sigma by {@code exp(0.2 + cs / damps)} (pycma stops there instead).
 *
 * <p>Box bounds: pycma's {@code BoundTransform}. CMA-ES runs in unbounded internal coordinates;
 * each candidate is the image of the internal sample under {@link BoxTransform} (identity inside,
 * quadratic near a bound, mirrored beyond), so every candidate is feasible and no penalty is
 * needed. The start is mapped by the inverse transform, as pycma does. As pycma's {@code
 * maxstd_boundrange}, no coordinate's standard deviation {@code sigma * s_i * sqrt(C_ii)} exceeds
 * a third of its bound range: the scaling {@code s_i} is cut where it would.
 *
 * <p>Randomness: {@link #start} draws one {@code long} from the generator passed in; generation g
 * then samples from a generator seeded with that number and g. The state therefore holds no
 * generator, and {@link #state()} / {@link #restore} continue bit for bit. Asking twice without a
 * tell returns the same candidates.
 *
 * <p>Not thread-safe; meant to live on one thread (the driver).
 */
public final class CmaEs {

  private final CmaEsSettings settings;
  private final Parameters params;
  private final BoxTransform transform;
  private final double[] maxStd;
  private final CovarianceMatrix cov;
  private final long streamSeed;
  private final int n;
  private final double[] mean;
  private final double[] pc;
  private final double[] ps;
  private final double[] scaling;
  private double sigma;
  private int generation;
  private long evaluations;
  private double[] history;
  private int flatGenerations;
  private double generationRange;
  private Solution best;
  private double[][] z;
  private double[][] u;
  private double[][] candidates;

  private CmaEs(CmaEsSettings settings, CovarianceMatrix cov, long streamSeed, double[] mean,
      double[] pc, double[] ps, double[] scaling, double sigma) {
    this.settings = settings;
    this.n = settings.dimension();
    this.params = Parameters.of(n, settings.popSize(), settings.covariance(), settings.update());
    Bounds bounds = settings.bounds();
    this.transform = bounds == null ? null : new BoxTransform(bounds);
    this.maxStd = bounds == null ? null : new double[n];
    for (int i = 0; maxStd != null && i < n; i++) {
      maxStd[i] = (bounds.upper()[i] - bounds.lower()[i]) * (1.0 / 3);
    }
    this.cov = cov;
    this.streamSeed = streamSeed;
    this.mean = mean;
    this.pc = pc;
    this.ps = ps;
    this.scaling = scaling;
    this.sigma = sigma;
    this.history = new double[0];
  }

  /** A fresh run; draws its stream seed (one {@code nextLong}) from {@code random}. */
  public static CmaEs start(CmaEsSettings settings, RandomGenerator random) {
    int n = settings.dimension();
    double[] start = settings.start();
    double[] mean = settings.bounds() == null ? start : new BoxTransform(settings.bounds()).inverse(start);
    CovarianceMatrix cov = settings.covariance() == Covariance.FULL
        ? FullCovariance.initial(n) : SeparableCovariance.INSTANCE;
    double[] scaling = new double[n];
    Arrays.fill(scaling, 1.0);
    CmaEs es = new CmaEs(settings, cov, random.nextLong(), mean, new double[n], new double[n],
        scaling, settings.sigma());
    es.capSteps();
    return es;
  }

  /** Continues a run saved by {@link #state()}. */
  public static CmaEs restore(CmaEsState s) {
    CovarianceMatrix cov = s.settings().covariance() == Covariance.FULL
        ? FullCovariance.of(s.covariance(), s.eigenvectors(), s.scales(), s.decomposedAt())
        : SeparableCovariance.INSTANCE;
    CmaEs es = new CmaEs(s.settings(), cov, s.streamSeed(), s.mean(), s.pathC(), s.pathSigma(),
        s.scaling(), s.sigma());
    es.generation = s.generation();
    es.evaluations = s.evaluations();
    es.history = s.bestHistory();
    es.flatGenerations = s.flatGenerations();
    es.generationRange = s.generationRange();
    es.best = s.best();
    return es;
  }

  /** The candidates of the next generation ({@code popSize} rows), all within the bounds. */
  public double[][] ask() {
    if (candidates == null) {
      sample();
    }
    double[][] copy = new double[candidates.length][];
    for (int k = 0; k < copy.length; k++) {
      copy[k] = candidates[k].clone();
    }
    return copy;
  }

  /** Tells the fitness (to minimise, finite) of each candidate of the last {@link #ask}, in order. */
  public void tell(double[] fitness) {
    checkTell(fitness);
    int[] order = order(fitness);
    record(fitness, order);
    move(order);
    z = null;
    u = null;
    candidates = null;
  }

  private void sample() {
    int lambda = params.lambda();
    z = new double[lambda][n];
    u = new double[lambda][n];
    candidates = new double[lambda][n];
    Gaussians g = Gaussians.forGeneration(streamSeed, generation);
    for (int k = 0; k < lambda; k++) {
      g.fill(z[k]);
      cov.sample(z[k], u[k]);
      double[] x = candidates[k];
      for (int i = 0; i < n; i++) {
        x[i] = mean[i] + sigma * (scaling[i] * u[k][i]);
      }
      if (transform != null) {
        transform.apply(x, x);
      }
    }
  }

  private void checkTell(double[] fitness) {
    if (candidates == null) {
      throw new IllegalStateException("tell without a pending ask");
    }
    if (fitness.length != candidates.length) {
      throw new IllegalArgumentException(
          "tell: " + fitness.length + " fitness values for " + candidates.length + " candidates");
    }
    for (int k = 0; k < fitness.length; k++) {
      if (!Double.isFinite(fitness[k])) {
        throw new IllegalArgumentException("tell: fitness[" + k + "] = " + fitness[k] + " is not finite");
      }
    }
  }

  private static int[] order(double[] fitness) {
    Integer[] idx = new Integer[fitness.length];
    for (int k = 0; k < idx.length; k++) {
      idx[k] = k;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(fitness[a], fitness[b]));
    int[] order = new int[idx.length];
    for (int k = 0; k < idx.length; k++) {
      order[k] = idx[k];
    }
    return order;
  }

  private void record(double[] fitness, int[] order) {
    evaluations += fitness.length;
    double first = fitness[order[0]];
    if (best == null || first < best.fitness()) {
      best = new Solution(candidates[order[0]], first);
    }
    generationRange = fitness[order[order.length - 1]] - first;
    int quantile = (int) Math.ceil(0.7 * order.length) - 1;
    flatGenerations = first == fitness[order[quantile]] ? flatGenerations + 1 : 0;
    int keep = Math.min(history.length + 1, params.historyLength());
    double[] h = new double[keep];
    System.arraycopy(history, history.length - (keep - 1), h, 0, keep - 1);
    h[keep - 1] = first;
    history = h;
  }

  private void move(int[] order) {
    int lambda = params.lambda();
    double[] w = params.weights();
    double[][] steps = new double[lambda][];
    double[][] normals = new double[lambda][];
    double[] yw = new double[n];
    double[] zw = new double[n];
    for (int k = 0; k < lambda; k++) {
      steps[k] = u[order[k]];
      normals[k] = z[order[k]];
      if (k < params.mu()) {
        for (int i = 0; i < n; i++) {
          yw[i] += w[k] * steps[k][i];
          zw[i] += w[k] * normals[k][i];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      mean[i] += sigma * (scaling[i] * yw[i]);
    }
    generation++;
    boolean hsig = updatePaths(yw, zw);
    cov.update(params, pc, hsig, steps, normals, scaling, evaluations);
    adaptSigma();
    capSteps();
  }

  /** pycma's CSA path and its {@code hsig}: stall the rank-one path while ps is long. */
  private boolean updatePaths(double[] yw, double[] zw) {
    double cs = params.cs();
    double cc = params.cc();
    double[] bz = new double[n];
    cov.rotate(zw, bz);
    double a = Math.sqrt(cs * (2 - cs) * params.mueff());
    double norm2 = 0;
    for (int i = 0; i < n; i++) {
      ps[i] = (1 - cs) * ps[i] + a * bz[i];
      norm2 += ps[i] * ps[i];
    }
    double decay = 1 - StrictMath.pow(1 - cs, 2.0 * generation);
    boolean hsig = norm2 / decay / n - 1 < 1 + 4.0 / (n + 1);
    double c = hsig ? Math.sqrt(cc * (2 - cc) * params.mueff()) : 0;
    for (int i = 0; i < n; i++) {
      pc[i] = (1 - cc) * pc[i] + c * yw[i];
    }
    return hsig;
  }

  private void adaptSigma() {
    double norm = 0;
    for (double v : ps) {
      norm += v * v;
    }
    double ratio = params.cs() / params.damps();
    double change = ratio * (Math.sqrt(norm) / params.chiN() - 1);
    sigma *= StrictMath.exp(Math.max(-1, Math.min(1, change)));
    if (flatGenerations > 0) {
      sigma *= StrictMath.exp(0.2 + ratio);
    }
  }

  /**
   * pycma's {@code _stds_into_limits} with {@code maxstd_boundrange = 1/3}: cuts {@code s_i} where
   * {@code sigma * s_i * sqrt(C_ii)} exceeds a third of coordinate i's bound range (with pycma's
   * tolerance of {@code exp(1e-4)} in the first two generations).
   */
  private void capSteps() {
    if (maxStd == null) {
      return;
    }
    double tolerance = generation <= 2 ? StrictMath.exp(1e-4) : 1;
    for (int i = 0; i < n; i++) {
      double std = sigma * scaling[i] * Math.sqrt(cov.variance(i));
      if (std > maxStd[i] * tolerance) {
        scaling[i] = scaling[i] * maxStd[i] / std;
      }
    }
  }

  /** The whole state, for {@link #restore}; a pending (asked, not told) generation is not part of it. */
  public CmaEsState state() {
    if (cov instanceof FullCovariance f) {
      return new CmaEsState(CmaEsState.VERSION, settings, streamSeed, generation, evaluations, mean,
          sigma, pc, ps, scaling, f.lowerTriangle(), f.eigenvectors(), f.scales(), f.decomposedAt(),
          history, flatGenerations, generationRange, best);
    }
    return new CmaEsState(CmaEsState.VERSION, settings, streamSeed, generation, evaluations, mean,
        sigma, pc, ps, scaling, null, null, null, 0, history, flatGenerations, generationRange, best);
  }

  /** Where the run stands, for stop rules. */
  public Progress progress() {
    double historyRange = Double.POSITIVE_INFINITY;
    if (history.length == params.historyLength()) {
      double max = Double.NEGATIVE_INFINITY;
      double min = Double.POSITIVE_INFINITY;
      for (double v : history) {
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
      historyRange = max - min;
    }
    double maxScale = 0;
    for (int i = 0; i < n; i++) {
      maxScale = Math.max(maxScale, scaling[i] * Math.max(Math.sqrt(cov.variance(i)), Math.abs(pc[i])));
    }
    return new Progress(generation, evaluations, sigma,
        best == null ? Double.POSITIVE_INFINITY : best.fitness(), sigma * maxScale,
        cov.condition(scaling), generation == 0 ? Double.POSITIVE_INFINITY : generationRange,
        historyRange, flatGenerations);
  }

  /** The best candidate told so far. */
  public Optional<Solution> best() {
    return Optional.ofNullable(best);
  }

  /** The current mean, mapped into the bounds. */
  public double[] mean() {
    double[] m = mean.clone();
    if (transform != null) {
      transform.apply(m, m);
    }
    return m;
  }

  public long evaluations() {
    return evaluations;
  }

  public CmaEsSettings settings() {
    return settings;
  }
}
