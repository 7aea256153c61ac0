package io.evomerge.search.cmaes;

/**
 * pycma's {@code BoxConstraintsLinQuadTransformation} (the {@code BoundTransform} boundary
 * handler): a smooth map from R^n onto the box, the identity in the interior, quadratic within a
 * margin {@code a = min((u - l) / 2, max(1, |bound|) / 20)} of each bound (pycma's {@code
 * margin_width2}) and periodic (mirrored)
 * beyond. CMA-ES searches the unbounded internal coordinates; every candidate it hands out is the
 * transformed, feasible point. Immutable and thread-safe.
 */
final class BoxTransform {

  private final double[] lb;
  private final double[] ub;
  private final double[] al;
  private final double[] au;

  BoxTransform(Bounds bounds) {
    lb = bounds.lower();
    ub = bounds.upper();
    al = new double[lb.length];
    au = new double[lb.length];
    for (int i = 0; i < lb.length; i++) {
      al[i] = Math.min((ub[i] - lb[i]) / 2, Math.max(1, Math.abs(lb[i])) / 20);
      au[i] = Math.min((ub[i] - lb[i]) / 2, Math.max(1, Math.abs(ub[i])) / 20);
    }
  }

  /** Writes the feasible image of internal point {@code x} into {@code out}. */
  void apply(double[] x, double[] out) {
    for (int i = 0; i < x.length; i++) {
      out[i] = apply(x[i], i);
    }
  }

  /** The internal point whose image is feasible point {@code y} (pycma's inverse). */
  double[] inverse(double[] y) {
    double[] x = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      x[i] = inverse(y[i], i);
    }
    return x;
  }

  double apply(double x, int i) {
    double v = intoInvertible(x, i);
    if (v < lb[i] + al[i]) {
      double d = v - (lb[i] - al[i]);
      return clamp(lb[i] + d * d / (4 * al[i]), i);
    }
    if (v < ub[i] - au[i]) {
      return v;
    }
    double d = v - (ub[i] + au[i]);
    return clamp(ub[i] - d * d / (4 * au[i]), i);
  }

  double inverse(double y, int i) {
    if (y < lb[i] + al[i]) {
      return (lb[i] - al[i]) + 2 * Math.sqrt(al[i] * (y - lb[i]));
    }
    if (y < ub[i] - au[i]) {
      return y;
    }
    return (ub[i] + au[i]) - 2 * Math.sqrt(au[i] * (ub[i] - y));
  }

  /** Shifts by whole periods, then mirrors, into {@code [lb - al, ub + au]}. */
  private double intoInvertible(double x, int i) {
    double l = lb[i];
    double u = ub[i];
    double v = x;
    if (v < l - 2 * al[i] - (u - l) / 2 || v > u + 2 * au[i] + (u - l) / 2) {
      double period = 2 * (u - l + al[i] + au[i]);
      double start = l - 2 * al[i] - (u - l) / 2;
      v -= period * Math.floor((v - start) / period);
    }
    if (v > u + au[i]) {
      v -= 2 * (v - u - au[i]);
    }
    if (v < l - al[i]) {
      v += 2 * (l - al[i] - v);
    }
    return v;
  }

  /** Guards against rounding just outside the box. */
  private double clamp(double v, int i) {
    return Math.max(lb[i], Math.min(ub[i], v));
  }
}
