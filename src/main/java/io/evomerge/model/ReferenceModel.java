package io.evomerge.model;

import io.evomerge.protocol.ExampleResult;
import io.evomerge.protocol.AdapterInfo;
import io.evomerge.adapter.AdapterRepository;
import io.evomerge.data.Example;
import io.evomerge.encoder.MiniLmEncoder;
import io.evomerge.encoder.TextEncoder;
import io.evomerge.merge.AsymmetricMerge;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeDigest;
import io.evomerge.merge.MergedLora;
import io.evomerge.merge.MergedWeightsCache;
import io.evomerge.protocol.StrategySpec;
import io.evomerge.merge.whitebox.WhiteBoxMerges;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The reference merge service's model (README, "The reference merge service"): a frozen sentence encoder e and a
 * bilinear multiple-choice scorer {@code score(x, y) = s * e(x)^T (I + delta_W) e(y)}, where x is
 * {@link Example#prompt()} (instruction and input), y ranges over the option strings, s is a fixed
 * temperature and delta_W the adapters merged with the control vectors by the paper's
 * {@link AsymmetricMerge}. The loss is the cross-entropy of the target over the options; the
 * prediction is the best-scoring option, the first one on a tie. With all beta = 0 it is the
 * zero-shot cosine classifier.
 *
 * <p>A request may name a white-box rule instead ({@link StrategySpec}: Task Arithmetic, TIES,
 * DARE), computed from the repository's weights by {@link WhiteBoxMerges}.
 *
 * <p>Merged weights are cached by {@link MergeDigest} (the {@code merge_id}), embeddings by text.
 * Immutable configuration, thread-safe.
 */
public final class ReferenceModel implements MergeModel {

  /**
   * The default temperature s. Cosine similarities of all-MiniLM-L6-v2 between a sentence and
   * short label strings differ by a few hundredths to a few tenths; s = 20 turns such gaps into
   * logit gaps of about 0.5 to 5, so the zero-shot loss is informative (neither flat at log K nor
   * saturated) and an adapter's update of order 0.1 to the bilinear form moves it decisively.
   */
  public static final double DEFAULT_TEMPERATURE = 20.0;
  private static final int DEFAULT_MERGE_CACHE = 1024;

  private final AdapterRepository repository;
  private final TextEncoder encoder;
  private final double temperature;
  private final AsymmetricMerge paperRule;
  private final MergedWeightsCache merges;
  private final WhiteBoxMerges whiteBox;
  private final List<AdapterInfo> infos;

  /** The model of {@code repository} over {@code encoder}, at temperature s = {@code temperature}. */
  public ReferenceModel(AdapterRepository repository, TextEncoder encoder, double temperature) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature " + temperature + " must be a positive number");
    }
    this.temperature = temperature;
    if (encoder.dimension() != repository.dim()) {
      throw new IllegalArgumentException("encoder gives " + encoder.dimension()
          + "-d embeddings but the adapters act on " + repository.dim());
    }
    this.paperRule = new AsymmetricMerge(repository.adapters());
    this.merges = new MergedWeightsCache(DEFAULT_MERGE_CACHE, Long.MAX_VALUE);
    this.whiteBox = new WhiteBoxMerges(repository.adapters());
    this.infos = repository.adapters().stream()
        .map(a -> new AdapterInfo(a.id(), a.task(), a.rank())).toList();
  }

  /** The repository in {@code dir} with the shared cached MiniLM encoder and default settings. */
  public static ReferenceModel load(Path dir) throws IOException {
    return of(AdapterRepository.load(dir));
  }

  /** {@code repository} with the shared cached MiniLM encoder and default settings. */
  public static ReferenceModel of(AdapterRepository repository) {
    return new ReferenceModel(repository, MiniLmEncoder.sharedCached(), DEFAULT_TEMPERATURE);
  }

  /** The control vectors of the base model: every beta 0 (and alpha 0), so delta_W = 0. */
  public static ControlVectors baseVectors(int adapters) {
    return ControlVectors.of(new double[adapters], new double[adapters]);
  }

  @Override
  public String baseModel() {
    return repository.baseModel();
  }

  @Override
  public List<AdapterInfo> adapters() {
    return infos;
  }

  public AdapterRepository repository() {
    return repository;
  }

  public double temperature() {
    return temperature;
  }

  public TextEncoder encoder() {
    return encoder;
  }

  /** The merged update for {@code vectors}, from the cache when it was merged before. */
  public MergedLora merged(ControlVectors vectors) {
    return merged(vectors, null);
  }

  /**
   * The merged update {@code strategy} makes of {@code vectors}: the paper's rule (cached) for
   * {@code null} or the default, else a white-box rule over the repository's weights.
   */
  public MergedLora merged(ControlVectors vectors, StrategySpec strategy) {
    checkLength(vectors);
    return strategy == null || strategy.isDefault()
        ? merges.get(MergeDigest.of(vectors), () -> paperRule.merge(vectors))
        : whiteBox.merged(strategy, vectors);
  }

  @Override
  public List<ExampleResult> evaluate(ControlVectors vectors, List<Example> examples, StrategySpec strategy) {
    MergedLora merged = merged(vectors, strategy);
    return examples.stream().map(example -> {
      double[] logits = logits(merged, example);
      int target = targetIndex(example);
      int best = argmax(logits);
      return new ExampleResult(example.id(), crossEntropy(logits, target),
          example.options().get(best), best == target);
    }).toList();
  }

  @Override
  public List<String> predict(ControlVectors vectors, List<Example> examples, StrategySpec strategy) {
    MergedLora merged = merged(vectors, strategy);
    return examples.stream().map(e -> e.options().get(argmax(logits(merged, e)))).toList();
  }

  public double[] scores(ControlVectors vectors, Example example) {
    return logits(merged(vectors), example);
  }

  /**
   * {@code s * (x . y + scale * (B^T x) . (A y))} for each option y, i.e.
   * {@code s * x^T (I + delta_W) y} without forming delta_W.
   */
  private double[] logits(MergedLora merged, Example example) {
    if (example.options().isEmpty()) {
      throw new IllegalArgumentException("example " + example.id() + " has no options");
    }
    float[] x = encoder.encode(example.prompt());
    double[] u = merged.projectLeft(x);
    List<float[]> ys = encoder.encodeAll(example.options());
    double[] logits = new double[ys.size()];
    for (int j = 0; j < logits.length; j++) {
      float[] y = ys.get(j);
      double[] v = merged.projectRight(y);
      double lowRank = 0;
      double dot = 0;
      for (int m = 0; m < u.length; m++) {
        lowRank += u[m] * v[m];
      }
      for (int k = 0; k < x.length; k++) {
        dot += (double) x[k] * y[k];
      }
      logits[j] = temperature * (dot + merged.scale() * lowRank);
    }
    return logits;
  }

  private static double crossEntropy(double[] logits, int target) {
    double max = Arrays.stream(logits).max().orElseThrow();
    double sum = 0;
    for (double l : logits) {
      sum += Math.exp(l - max);
    }
    return max + Math.log(sum) - logits[target];
  }

  /** The index of the largest logit; the first one wins a tie. */
  private static int argmax(double[] logits) {
    int best = 0;
    for (int j = 1; j < logits.length; j++) {
      if (logits[j] > logits[best]) {
        best = j;
      }
    }
    return best;
  }

  private void checkLength(ControlVectors vectors) {
    Objects.requireNonNull(vectors, "vectors");
    if (vectors.size() != repository.size()) {
      throw new IllegalArgumentException("control vectors have " + vectors.size()
          + " entries but the repository has " + repository.size() + " adapters");
    }
  }

  private static int targetIndex(Example example) {
    if (example.output() == null) {
      throw new IllegalArgumentException("example " + example.id() + " has no output to score");
    }
    int target = example.options().indexOf(example.output());
    if (target < 0) {
      throw new IllegalArgumentException("example " + example.id() + ": output '" + example.output()
          + "' is not one of its options " + example.options());
    }
    return target;
  }
}
