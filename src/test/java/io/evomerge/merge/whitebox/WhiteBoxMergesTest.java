package io.evomerge.merge.whitebox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.evomerge.adapter.LoraAdapter;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergedLora;
import io.evomerge.protocol.StrategySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The provider-side merges' cache: by count and by bytes, so wide concat merges cannot pile up. */
class WhiteBoxMergesTest {

  private static List<LoraAdapter> adapters(int n) {
    SplittableRandom random = new SplittableRandom(9);
    List<LoraAdapter> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] a = new float[8 * 384];
      float[] b = new float[384 * 8];
      for (int j = 0; j < a.length; j++) {
        a[j] = (float) random.nextGaussian(0, 0.1);
        b[j] = (float) random.nextGaussian(0, 0.1);
      }
      out.add(new LoraAdapter("a" + i, "", 8, 16, 384, a, b));
    }
    return out;
  }

  private static ControlVectors all(int n, double beta) {
    double[] alpha = new double[n];
    double[] betas = new double[n];
    Arrays.fill(alpha, 1);
    Arrays.fill(betas, beta);
    return ControlVectors.of(alpha, betas);
  }

  @Test
  void wideConcatMergesAreKeptWithinTheByteBoundAndARepeatIsServedFromTheCache() {
    WhiteBoxMerges merges = new WhiteBoxMerges(adapters(200));
    // Each concat merge of 200 rank-8 adapters holds 16 * 384 * 1600 bytes, about 9.8 MB: six fit in 64 MB.
    MergedLora last = null;
    for (int i = 1; i <= WhiteBoxMerges.CACHED_MERGES; i++) {
      last = merges.merged(new StrategySpec("concat", null, null), all(200, i / 10.0));
    }
    assertEquals(1600, last.rank());
    assertEquals(6, merges.cachedMerges());
    assertSame(last, merges.merged(new StrategySpec("concat", null, null), all(200, WhiteBoxMerges.CACHED_MERGES / 10.0)));
  }
}
