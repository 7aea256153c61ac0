package io.evomerge.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evomerge.adapter.LoraAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A benchmark, not a timed test: at 1,000 rank-8 adapters on 384-d embeddings (the reference
 * service's shapes), a merge with K non-zero betas is exactly the merge over those K adapters alone,
 * so its work is that of K adapters. The measured times are printed, never asserted.
 */
class MergeCostBenchmarkTest {

  private static final int N = 1000;
  private static final int RANK = 8;
  private static final int DIM = 384;
  private static final int[] KS = {1, 10, 100, 1000};
  private static final int REPEATS = 20;

  private static List<LoraAdapter> repository() {
    SplittableRandom random = new SplittableRandom(3);
    List<LoraAdapter> out = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      out.add(new LoraAdapter(String.format("v%04d", i), "", RANK, 16, DIM, floats(random), floats(random)));
    }
    return out;
  }

  /** K adapters spread over the repository, with their own alpha and beta. */
  private static int[] chosen(int k) {
    int[] out = new int[k];
    for (int j = 0; j < k; j++) {
      out[j] = (int) ((long) j * N / k + 7) % N;
    }
    java.util.Arrays.sort(out);
    return out;
  }

  @Test
  void aMergeWithKNonZeroOfAThousandEqualsTheMergeOverJustThoseK() {
    List<LoraAdapter> all = repository();
    long start = System.nanoTime();
    MergeStrategy[] full = {new AsymmetricMerge(all), new ConcatMerge(all)};
    System.out.printf("merge cost: built both rules over %d adapters in %.1f ms%n", N, ms(start));
    for (int k : KS) {
      int[] used = chosen(k);
      double[] alpha = new double[N];
      double[] beta = new double[N];
      double[] subAlpha = new double[k];
      double[] subBeta = new double[k];
      List<LoraAdapter> subset = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        alpha[used[j]] = subAlpha[j] = 0.3 + 0.7 * j / k;
        beta[used[j]] = subBeta[j] = (j % 2 == 0 ? 1 : -1) * (0.5 + j % 3);
        subset.add(all.get(used[j]));
      }
      ControlVectors vectors = ControlVectors.of(alpha, beta);
      ControlVectors subVectors = ControlVectors.of(subAlpha, subBeta);
      MergeStrategy[] small = {new AsymmetricMerge(subset), new ConcatMerge(subset)};
      for (int s = 0; s < full.length; s++) {
        assertEquals(small[s].merge(subVectors), full[s].merge(vectors),
            full[s].name() + " with " + k + " non-zero of " + N);
        System.out.printf("merge cost: %-10s K = %4d of N = %d: %8.3f ms per merge (over the K alone: %8.3f ms)%n",
            full[s].name(), k, N, perMerge(full[s], vectors), perMerge(small[s], subVectors));
      }
    }
  }

  private static double perMerge(MergeStrategy strategy, ControlVectors vectors) {
    strategy.merge(vectors);
    long start = System.nanoTime();
    for (int i = 0; i < REPEATS; i++) {
      strategy.merge(vectors);
    }
    return ms(start) / REPEATS;
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  private static float[] floats(SplittableRandom random) {
    float[] out = new float[RANK * DIM];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) random.nextGaussian() * 0.05f;
    }
    return out;
  }
}
