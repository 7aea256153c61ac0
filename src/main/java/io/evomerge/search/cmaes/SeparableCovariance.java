package io.evomerge.search.cmaes;

/**
 * The separable model, pycma's {@code CMA_diagonal=True}: C stays the identity and the whole
 * (diagonal) covariance is the scaling {@code s}, learnt by pycma's {@code
 * DiagonalDecoding.update}, the exponential update {@code s_i *= exp((sum_k w_k v_ki^2 - sum_k
 * w_k) / 2)} over {@code v = (pc, z_1:lambda, ..., z_lambda:lambda)} with weights {@code ln 2 (c1a,
 * cmu w_1, ..., cmu w_lambda)}. O(lambda n) per generation. Stateless.
 */
final class SeparableCovariance implements CovarianceMatrix {

  static final SeparableCovariance INSTANCE = new SeparableCovariance();

  private SeparableCovariance() {}

  @Override
  public void sample(double[] z, double[] u) {
    System.arraycopy(z, 0, u, 0, z.length);
  }

  @Override
  public void rotate(double[] z, double[] out) {
    System.arraycopy(z, 0, out, 0, z.length);
  }

  @Override
  public void update(Parameters p, double[] pc, boolean hsig, double[][] steps, double[][] normals,
      double[] scaling, long evaluations) {
    double ln2 = StrictMath.log(2);
    double[] w = p.weights();
    double w0 = ln2 * CovarianceMatrix.c1a(p, hsig);
    double[] wk = new double[steps.length];
    double sum = w0;
    for (int k = 0; k < steps.length; k++) {
      wk[k] = ln2 * p.cmu() * w[k];
      sum += wk[k];
    }
    for (int i = 0; i < scaling.length; i++) {
      double average = w0 * pc[i] * pc[i];
      for (int k = 0; k < steps.length; k++) {
        average += wk[k] * steps[k][i] * steps[k][i];
      }
      scaling[i] *= StrictMath.exp((average - sum) / 2);
    }
  }

  @Override
  public double variance(int i) {
    return 1;
  }

  @Override
  public double condition(double[] scaling) {
    double max = 0;
    double min = Double.POSITIVE_INFINITY;
    for (double v : scaling) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    return (max / min) * (max / min);
  }
}
