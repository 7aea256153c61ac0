package io.evomerge.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import io.evomerge.adapter.LoraAdapter;
import org.junit.jupiter.api.Test;

class MergeDigestTest {

  @Test
  void isTheSha256OfTheDocumentedByteLayout() {
    // python3: sha256(pack('>i',2) + pack('>dd',1.0,0.25) + pack('>dd',0.5,-1.5)).hexdigest()
    assertEquals("b543e846185221eadfb285a2494c8d335b887f3e7f23fe28a68f94dc114b448e",
        MergeDigest.of(ControlVectors.of(new double[] {1.0, 0.25}, new double[] {0.5, -1.5})));
  }

  @Test
  void equalVectorsShareADigestAndAnyChangeMakesANewOne() {
    ControlVectors v = ControlVectors.of(new double[] {1, 0.5}, new double[] {0.5, 0.5});
    assertEquals(MergeDigest.of(v), MergeDigest.of(ControlVectors.of(new double[] {1, 0.5}, new double[] {0.5, 0.5})));
    assertNotEquals(MergeDigest.of(v), MergeDigest.of(v.withBeta(new double[] {0.5, Math.nextUp(0.5)})));
    assertNotEquals(MergeDigest.of(v), MergeDigest.of(ControlVectors.of(new double[] {0.5, 0.5}, new double[] {1, 0.5})));
  }

  @Test
  void negativeZeroNamesTheSameMergeAsZero() {
    assertEquals(MergeDigest.of(ControlVectors.of(new double[] {0}, new double[] {0})),
        MergeDigest.of(ControlVectors.of(new double[] {-0.0}, new double[] {-0.0})));
  }

  @Test
  void theCacheMergesOncePerDigest() {
    LoraAdapter one = new LoraAdapter("one", "", 1, 1.0, 2, new float[] {1, 2}, new float[] {3, 4});
    AsymmetricMerge merge = new AsymmetricMerge(List.of(one));
    MergedWeightsCache cache = new MergedWeightsCache(2, Long.MAX_VALUE);
    ControlVectors v = ControlVectors.uniform(1);
    MergedLora first = cache.get(MergeDigest.of(v), () -> merge.merge(v));
    MergedLora second = cache.get(MergeDigest.of(v), () -> merge.merge(v));
    assertEquals(first, second);
    assertEquals(1, cache.misses());
    assertEquals(1, cache.hits());
    for (double beta : new double[] {0.1, 0.2, 0.3}) {
      ControlVectors w = v.withBeta(new double[] {beta});
      cache.get(MergeDigest.of(w), () -> merge.merge(w));
    }
    cache.get(MergeDigest.of(v), () -> merge.merge(v));
    assertEquals(5, cache.misses(), "the first entry was evicted beyond capacity 2");
  }
}
