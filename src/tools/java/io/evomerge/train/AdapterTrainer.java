package io.evomerge.train;

import io.evomerge.adapter.LoraAdapter;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Trains one LoRA adapter of the reference model on one task: the encoder is frozen (embeddings
 * precomputed in an {@link EncodedSet}), only A and B of the bilinear update are learnt, by Adam
 * on minibatches of the mean cross-entropy over the options.
 *
 * <p>Initialisation as PEFT's default: A uniform in {@code [-1/sqrt(d), 1/sqrt(d)]} (Kaiming
 * uniform with a = sqrt(5)), B = 0, so training starts at the base model. Each epoch visits the
 * training set in a fresh order drawn from the given generator. With a dev set, the weights of the
 * epoch with the lowest dev loss are kept, and training stops after {@code patience} epochs
 * without improvement. Everything runs on the calling thread in a fixed order, so the same inputs
 * and generator state give the same adapter bit for bit. Immutable and thread-safe (each call has
 * its own state).
 */
public final class AdapterTrainer {

  private final TrainingSettings settings;

  private AdapterTrainer(TrainingSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public static AdapterTrainer of(TrainingSettings settings) {
    return new AdapterTrainer(settings);
  }

  public TrainingSettings settings() {
    return settings;
  }

  /**
   * Trains adapter {@code id} on {@code train}, selecting on {@code dev} (may be empty).
   *
   * @param random the only source of randomness (initialisation and minibatch order)
   */
  public TrainingResult train(String id, String task, EncodedSet train, EncodedSet dev, RandomGenerator random) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("adapter " + id + ": no training examples");
    }
    int dim = train.get(0).x().length;
    LoraParameters params = initial(dim, random);
    Adam adamA = new Adam(params.a.length, settings.learningRate());
    Adam adamB = new Adam(params.b.length, settings.learningRate());
    LoraParameters best = params.copy();
    double bestDev = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    int epoch = 0;
    while (epoch < settings.epochs()) {
      epoch++;
      runEpoch(params, train, adamA, adamB, random);
      if (dev.isEmpty()) {
        best = params;
        bestEpoch = epoch;
        continue;
      }
      double devLoss = measure(params, dev)[0];
      if (devLoss < bestDev) {
        bestDev = devLoss;
        best = params.copy();
        bestEpoch = epoch;
      } else if (settings.patience() > 0 && epoch - bestEpoch >= settings.patience()) {
        break;
      }
    }
    return result(id, task, best, epoch, bestEpoch, train, dev);
  }

  public double[] measure(LoraAdapter adapter, EncodedSet set) {
    LoraParameters p = new LoraParameters(adapter.rank(), adapter.dim());
    float[] a = adapter.a();
    float[] b = adapter.b();
    for (int i = 0; i < a.length; i++) {
      p.a[i] = a[i];
      p.b[i] = b[i];
    }
    return measure(p, set);
  }

  private LoraParameters initial(int dim, RandomGenerator random) {
    LoraParameters p = new LoraParameters(settings.rank(), dim);
    double bound = 1 / Math.sqrt(dim);
    for (int i = 0; i < p.a.length; i++) {
      p.a[i] = (float) random.nextDouble(-bound, bound);
    }
    return p;
  }

  private void runEpoch(LoraParameters p, EncodedSet train, Adam adamA, Adam adamB, RandomGenerator random) {
    int[] order = permutation(train.size(), random);
    double[] gradA = new double[p.a.length];
    double[] gradB = new double[p.b.length];
    for (int start = 0; start < order.length; start += settings.batchSize()) {
      int end = Math.min(order.length, start + settings.batchSize());
      java.util.Arrays.fill(gradA, 0);
      java.util.Arrays.fill(gradB, 0);
      double weight = 1.0 / (end - start);
      for (int i = start; i < end; i++) {
        EncodedExample e = train.get(order[i]);
        p.step(e.x(), e.options(), e.cosines(), e.target(), settings.temperature(), settings.scale(),
            gradA, gradB, weight);
      }
      decay(p, gradA, gradB);
      adamA.step(p.a, gradA);
      adamB.step(p.b, gradB);
    }
  }

  private void decay(LoraParameters p, double[] gradA, double[] gradB) {
    double wd = settings.weightDecay();
    if (wd == 0) {
      return;
    }
    for (int i = 0; i < gradA.length; i++) {
      gradA[i] += wd * p.a[i];
      gradB[i] += wd * p.b[i];
    }
  }

  static int[] permutation(int n, RandomGenerator random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order;
  }

  private double[] measure(LoraParameters p, EncodedSet set) {
    double loss = 0;
    double correct = 0;
    for (EncodedExample e : set.examples()) {
      double[] r = p.step(e.x(), e.options(), e.cosines(), e.target(), settings.temperature(),
          settings.scale(), null, null, 0);
      loss += r[0];
      correct += r[1];
    }
    return new double[] {loss / set.size(), correct / set.size()};
  }

  private TrainingResult result(String id, String task, LoraParameters best, int epochs, int bestEpoch,
      EncodedSet train, EncodedSet dev) {
    LoraAdapter adapter = new LoraAdapter(id, task, settings.rank(), settings.loraAlpha(), best.dim,
        toFloats(best.a), toFloats(best.b));
    double[] onTrain = measure(adapter, train);
    double[] onDev = dev.isEmpty() ? new double[] {Double.NaN, Double.NaN} : measure(adapter, dev);
    return new TrainingResult(adapter, epochs, bestEpoch, onTrain[0], onTrain[1], onDev[0], onDev[1]);
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  /**
   * Adam (Kingma and Ba, 2015) with beta1 0.9, beta2 0.999, epsilon 1e-8 and bias correction, on one
   * flat parameter array. Mutable, confined to one training run (not thread-safe).
   */
  private static final class Adam {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private int t;

    Adam(int size, double learningRate) {
      this.learningRate = learningRate;
      this.m = new double[size];
      this.v = new double[size];
    }

    void step(double[] params, double[] grad) {
      t++;
      double c1 = 1 - Math.pow(BETA1, t);
      double c2 = 1 - Math.pow(BETA2, t);
      for (int i = 0; i < params.length; i++) {
        m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
        v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
        params[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
      }
    }
  }
}
