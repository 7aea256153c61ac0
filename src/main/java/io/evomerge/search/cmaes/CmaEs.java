package io.evomerge.search.cmaes;

import io.evomerge.search.cmaes.CmaEsSettings.Update;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * CMA-ES as pycma 4.5 runs it by default, as pure functions over its immutable {@link
 * CmaEsState}: {@link #start} makes the first state, {@link #ask} the sample of candidates a state
 * asks for, and {@link #tell} the next state from that sample and its fitness (to minimise), given
 * in the order of the candidates.
 *
 * <p>Strategy parameters: {@link Parameters}. Covariance: {@link Covariance#FULL}, {@code C = B D^2
 * B^T} updated as pycma's {@code GaussFullSampler} does and eigendecomposed lazily every {@link
 * Parameters#eigenGap()} evaluations (a generation costs O(lambda n^2), the O(n^3) decomposition
 * is amortised); or {@link Covariance#SEPARABLE} (pycma's {@code CMA_diagonal=True}): C stays the
 * identity and the per-coordinate scaling {@code s} (pycma's {@code sigma_vec}) is the whole
 * diagonal covariance, learnt by pycma's {@code DiagonalDecoding.update}. A candidate is {@code m +
 * sigma * s .* (B D z)}. Update: active (negative weights, pycma's default) or classic ({@link
 * Update}). Step size: cumulative step-size adaptation, the change of {@code ln sigma} clipped to
 * [-1, 1]; a generation of flat fitness (best equal to the 0.7-quantile) widens sigma by {@code
 * exp(0.2 + cs / damps)} (pycma stops there instead).
 *
 * <p>Box bounds: pycma's {@code BoundTransform}. CMA-ES runs in unbounded internal coordinates;
 * each candidate is the image of the internal sample under {@link BoxTransform} (identity inside,
 * quadratic near a bound, mirrored beyond), so every candidate is feasible and no penalty is
 * needed. The start is mapped by the inverse transform, as pycma does. As pycma's {@code
 * maxstd_boundrange}, no coordinate's standard deviation {@code sigma * s_i * sqrt(C_ii)} exceeds
 * a third of its bound range: the scaling {@code s_i} is cut where it would.
 *
 * <p>Randomness: {@link #start} draws one {@code long} from the generator passed in, the seed of
 * every later generation's draw, so a state asks for the same candidates however often it is
 * asked. Stateless and thread-safe.
 */
public final class CmaEs {

  private CmaEs() {}

  /**
   * One generation's draw: the candidates {@code x} (all within the bounds), with the normals
   * {@code z} and steps {@code y = B D z} they came from, one row per candidate. Immutable by
   * contract: nothing writes its arrays, which are not copied.
   */
  public record Sample(double[][] z, double[][] y, double[][] x) {}

  /** The first state of a run; draws its stream seed (one {@code nextLong}) from {@code random}. */
  public static CmaEsState start(CmaEsSettings settings, RandomGenerator random) {
    int n = settings.dimension();
    double[] mean = settings.bounds() == null ? settings.start()
        : new BoxTransform(settings.bounds()).inverse(settings.start());
    double[][] lower = null;
    double[][] b = null;
    double[] d = null;
    if (settings.covariance() == Covariance.FULL) {
      // pycma's start: the identity up to C_ii = exp(1e-4 i / n), its guard against equal eigenvalues
      lower = new double[n][];
      b = new double[n][n];
      d = new double[n];
      for (int i = 0; i < n; i++) {
        lower[i] = new double[i + 1];
        lower[i][i] = StrictMath.exp(1e-4 / n * i);
        b[i][i] = 1;
        d[i] = Math.sqrt(lower[i][i]);
      }
    }
    double[] scaling = new double[n];
    Arrays.fill(scaling, 1.0);
    return new CmaEsState(CmaEsState.VERSION, settings, random.nextLong(), 0, 0, mean, settings.sigma(),
        new double[n], new double[n], capped(settings, settings.sigma(), scaling, lower, 0), lower, b, d, 0,
        new double[0], 0, 0, null);
  }

  /** The sample {@code state} asks to have evaluated: {@code popSize} candidates. */
  public static Sample ask(CmaEsState state) {
    CmaEsSettings settings = state.settings();
    int n = settings.dimension();
    int lambda = settings.popSize();
    BoxTransform transform = settings.bounds() == null ? null : new BoxTransform(settings.bounds());
    double[][] z = new double[lambda][n];
    double[][] y = new double[lambda][];
    double[][] x = new double[lambda][n];
    Gaussians g = new Gaussians(state.streamSeed(), state.generation());
    double[] mean = state.mean();
    double[] scaling = state.scaling();
    double[] dz = new double[n];
    for (int k = 0; k < lambda; k++) {
      for (int i = 0; i < n; i++) {
        z[k][i] = g.next();
      }
      if (state.full()) {
        for (int j = 0; j < n; j++) {
          dz[j] = state.scales()[j] * z[k][j];
        }
        y[k] = rotate(state.eigenvectors(), dz);
      } else {
        y[k] = z[k];
      }
      for (int i = 0; i < n; i++) {
        x[k][i] = mean[i] + state.sigma() * (scaling[i] * y[k][i]);
      }
      if (transform != null) {
        transform.apply(x[k], x[k]);
      }
    }
    return new Sample(z, y, x);
  }

  /** The state after the candidates of {@code sample = ask(state)} scored {@code fitness} (finite). */
  public static CmaEsState tell(CmaEsState state, Sample sample, double[] fitness) {
    CmaEsSettings settings = state.settings();
    int n = settings.dimension();
    int lambda = settings.popSize();
    if (fitness.length != lambda) {
      throw new IllegalArgumentException("tell: " + fitness.length + " fitness values for " + lambda + " candidates");
    }
    for (int k = 0; k < fitness.length; k++) {
      if (!Double.isFinite(fitness[k])) {
        throw new IllegalArgumentException("tell: fitness[" + k + "] = " + fitness[k] + " is not finite");
      }
    }
    Parameters p = Parameters.of(n, lambda, settings.covariance(), settings.update());
    int[] order = order(fitness);

    double first = fitness[order[0]];
    Solution best = state.best() == null || first < state.best().fitness()
        ? new Solution(sample.x()[order[0]], first) : state.best();
    int quantile = (int) Math.ceil(0.7 * lambda) - 1;
    int flat = first == fitness[order[quantile]] ? state.flatGenerations() + 1 : 0;
    double[] history = state.bestHistory();
    int keep = Math.min(history.length + 1, Parameters.historyLength(n, lambda));
    double[] h = new double[keep];
    System.arraycopy(history, history.length - (keep - 1), h, 0, keep - 1);
    h[keep - 1] = first;

    double[] w = p.weights();
    double[][] steps = new double[lambda][];
    double[][] normals = new double[lambda][];
    double[] yw = new double[n];
    double[] zw = new double[n];
    for (int k = 0; k < lambda; k++) {
      steps[k] = sample.y()[order[k]];
      normals[k] = sample.z()[order[k]];
      if (k < p.mu()) {
        for (int i = 0; i < n; i++) {
          yw[i] += w[k] * steps[k][i];
          zw[i] += w[k] * normals[k][i];
        }
      }
    }
    double sigma = state.sigma();
    double[] mean = new double[n];
    for (int i = 0; i < n; i++) {
      mean[i] = state.mean()[i] + sigma * (state.scaling()[i] * yw[i]);
    }
    int generation = state.generation() + 1;
    long evaluations = state.evaluations() + lambda;

    // pycma's CSA path and its hsig: stall the rank-one path while ps is long
    double cs = p.cs();
    double cc = p.cc();
    double[] bz = state.full() ? rotate(state.eigenvectors(), zw) : zw;
    double a = Math.sqrt(cs * (2 - cs) * p.mueff());
    double[] ps = new double[n];
    double norm2 = 0;
    for (int i = 0; i < n; i++) {
      ps[i] = (1 - cs) * state.pathSigma()[i] + a * bz[i];
      norm2 += ps[i] * ps[i];
    }
    double decay = 1 - StrictMath.pow(1 - cs, 2.0 * generation);
    boolean hsig = norm2 / decay / n - 1 < 1 + 4.0 / (n + 1);
    double c = hsig ? Math.sqrt(cc * (2 - cc) * p.mueff()) : 0;
    double[] pc = new double[n];
    for (int i = 0; i < n; i++) {
      pc[i] = (1 - cc) * state.pathC()[i] + c * yw[i];
    }
    // c1 * (1 - (1 - hsig) cc (2 - cc)): the rank-one rate after a stalled path
    double c1a = p.c1() * (1 - (hsig ? 0 : 1) * cc * (2 - cc));

    double[] scaling = state.scaling();
    double[][] lower = null;
    double[][] b = state.eigenvectors();
    double[] d = state.scales();
    long decomposedAt = state.decomposedAt();
    if (state.full()) {
      lower = fullUpdate(state.covariance(), p, pc, c1a, steps, normals);
      if (evaluations - decomposedAt >= p.eigenGap()) {
        b = new double[n][n];
        d = decompose(lower, b);
        decomposedAt = evaluations;
      }
    } else {
      scaling = separableUpdate(scaling, p, pc, c1a, steps);
    }

    double psNorm = Math.sqrt(norm2);
    double ratio = cs / p.damps();
    double change = ratio * (psNorm / p.chiN() - 1);
    sigma *= StrictMath.exp(Math.max(-1, Math.min(1, change)));
    if (flat > 0) {
      sigma *= StrictMath.exp(0.2 + ratio);
    }
    return new CmaEsState(CmaEsState.VERSION, settings, state.streamSeed(), generation, evaluations,
        mean, sigma, pc, ps, capped(settings, sigma, scaling, lower, generation), lower, b, d,
        decomposedAt, h, flat, fitness[order[lambda - 1]] - first, best);
  }

  /**
   * pycma's update of a full C: {@code C <- (1 - c1a - cmu sum(w)) C + c1 pc pc^T + cmu sum_k w_k'
   * y_k y_k^T}, where a negative weight is rescaled to {@code w_k n / ||z_k||^2} (the candidate's
   * squared Mahalanobis length). Returns the new lower triangle.
   */
  private static double[][] fullUpdate(double[][] old, Parameters p, double[] pc, double c1a,
      double[][] steps, double[][] normals) {
    int n = old.length;
    double[] w = p.weights();
    double[] a = new double[steps.length];
    double sum = c1a;
    for (int k = 0; k < steps.length; k++) {
      a[k] = p.cmu() * w[k];
      sum += a[k];
      if (a[k] < 0) {
        double norm = 0;
        for (double v : normals[k]) {
          norm += v * v;
        }
        norm = Math.sqrt(norm) + 1e-9;
        a[k] *= n / (norm * norm);
      }
    }
    double factor = 1 - sum;
    double[][] lower = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] row = new double[i + 1];
      double a1 = p.c1() * pc[i];
      for (int j = 0; j <= i; j++) {
        row[j] = factor * old[i][j] + a1 * pc[j];
      }
      for (int k = 0; k < steps.length; k++) {
        double[] y = steps[k];
        double ak = a[k] * y[i];
        if (ak != 0) {
          for (int j = 0; j <= i; j++) {
            row[j] += ak * y[j];
          }
        }
      }
      lower[i] = row;
    }
    return lower;
  }

  /**
   * pycma's {@code DiagonalDecoding.update}: {@code s_i *= exp((sum_k w_k v_ki^2 - sum_k w_k) / 2)}
   * over {@code v = (pc, z_1:lambda, ..., z_lambda:lambda)} with weights {@code ln 2 (c1a, cmu w_1,
   * ..., cmu w_lambda)}. O(lambda n).
   */
  private static double[] separableUpdate(double[] scaling, Parameters p, double[] pc, double c1a,
      double[][] steps) {
    double ln2 = StrictMath.log(2);
    double[] w = p.weights();
    double w0 = ln2 * c1a;
    double[] wk = new double[steps.length];
    double sum = w0;
    for (int k = 0; k < steps.length; k++) {
      wk[k] = ln2 * p.cmu() * w[k];
      sum += wk[k];
    }
    double[] s = new double[scaling.length];
    for (int i = 0; i < s.length; i++) {
      double average = w0 * pc[i] * pc[i];
      for (int k = 0; k < steps.length; k++) {
        average += wk[k] * steps[k][i] * steps[k][i];
      }
      s[i] = scaling[i] * StrictMath.exp((average - sum) / 2);
    }
    return s;
  }

  /** Eigendecomposes C into the rows of {@code b}; returns D, floored at 1e-15 of its largest entry. */
  private static double[] decompose(double[][] lower, double[][] b) {
    int n = lower.length;
    double[] values = new double[n];
    SymmetricEigen.decompose(lower, b, values);
    double max = Math.max(0, Arrays.stream(values).max().getAsDouble());
    double[] d = new double[n];
    for (int j = 0; j < n; j++) {
      d[j] = Math.sqrt(Math.max(values[j], 1e-30 * max));
    }
    return d;
  }

  /** {@code B z = sum_j z_j * (eigenvector j)}, row by row. */
  private static double[] rotate(double[][] b, double[] z) {
    double[] out = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      double[] vector = b[j];
      double a = z[j];
      for (int i = 0; i < out.length; i++) {
        out[i] += a * vector[i];
      }
    }
    return out;
  }

  /**
   * pycma's {@code _stds_into_limits} with {@code maxstd_boundrange = 1/3}: the scaling with
   * {@code s_i} cut where {@code sigma * s_i * sqrt(C_ii)} exceeds a third of coordinate i's bound
   * range (with pycma's tolerance of {@code exp(1e-4)} in the first two generations); {@code
   * scaling} itself where nothing is cut.
   */
  private static double[] capped(CmaEsSettings settings, double sigma, double[] scaling,
      double[][] lower, int generation) {
    Bounds bounds = settings.bounds();
    if (bounds == null) {
      return scaling;
    }
    double[] lo = bounds.lower();
    double[] hi = bounds.upper();
    double tolerance = generation <= 2 ? StrictMath.exp(1e-4) : 1;
    double[] s = scaling;
    for (int i = 0; i < s.length; i++) {
      double maxStd = (hi[i] - lo[i]) * (1.0 / 3);
      double std = sigma * s[i] * Math.sqrt(lower == null ? 1 : lower[i][i]);
      if (std > maxStd * tolerance) {
        s = s == scaling ? scaling.clone() : s;
        s[i] = s[i] * maxStd / std;
      }
    }
    return s;
  }

  /** The candidates' indices, best fitness first; ties keep their order. */
  private static int[] order(double[] fitness) {
    return IntStream.range(0, fitness.length).boxed()
        .sorted((a, b) -> Double.compare(fitness[a], fitness[b])).mapToInt(Integer::intValue).toArray();
  }

  /** Where {@code state} stands, for stop rules. */
  public static Progress progress(CmaEsState state) {
    int n = state.settings().dimension();
    double[] history = state.bestHistory();
    DoubleSummaryStatistics h = Arrays.stream(history).summaryStatistics();
    double historyRange = history.length == Parameters.historyLength(n, state.settings().popSize())
        ? h.getMax() - h.getMin() : Double.POSITIVE_INFINITY;
    double maxScale = 0;
    double[] s = state.scaling();
    for (int i = 0; i < n; i++) {
      maxScale = Math.max(maxScale, s[i] * Math.max(Math.sqrt(state.variance(i)), Math.abs(state.pathC()[i])));
    }
    // condition of C as of the last decomposition; separable: of the squared scaling
    DoubleSummaryStatistics d = Arrays.stream(state.full() ? state.scales() : s).summaryStatistics();
    double condition = (d.getMax() / d.getMin()) * (d.getMax() / d.getMin());
    int g = state.generation();
    return new Progress(g, state.evaluations(), state.sigma(),
        state.best() == null ? Double.POSITIVE_INFINITY : state.best().fitness(), state.sigma() * maxScale,
        condition, g == 0 ? Double.POSITIVE_INFINITY : state.generationRange(),
        historyRange, state.flatGenerations());
  }
}
