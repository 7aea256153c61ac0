package io.evomerge.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The real ONNX encoder, loaded from the class path (no network). */
class MiniLmEncoderTest {

  private static final MiniLmEncoder ENCODER = MiniLmEncoder.shared();

  @Test
  void embeddingsAre384DimensionalUnitVectors() {
    float[] v = ENCODER.encode("The film was a delight from start to finish.");
    assertEquals(384, v.length);
    assertEquals(1.0, norm(v), 1e-5);
  }

  @Test
  void relatedSentencesAreCloserThanUnrelatedOnes() {
    float[] movie = ENCODER.encode("A wonderful, moving film with great acting.");
    float[] praise = ENCODER.encode("I loved this movie, the actors were superb.");
    float[] soup = ENCODER.encode("Add two cups of broth and simmer the soup.");
    assertTrue(dot(movie, praise) > dot(movie, soup) + 0.2,
        "movie/praise " + dot(movie, praise) + " vs movie/soup " + dot(movie, soup));
  }

  @Test
  void batchAndSingleEncodingAgreeAndRepeatExactly() {
    List<String> texts = List.of("positive", "negative", "What time is it?");
    List<float[]> batch = ENCODER.encodeAll(texts);
    for (int i = 0; i < texts.size(); i++) {
      float[] single = ENCODER.encode(texts.get(i));
      for (int k = 0; k < single.length; k++) {
        assertEquals(single[k], batch.get(i)[k], 1e-5);
      }
      assertArrayEquals(single, ENCODER.encode(texts.get(i)));
    }
  }

  @Test
  void theCacheAnswersRepeatsWithoutTheDelegateAndHandsOutCopies() {
    int[] calls = {0};
    TextEncoder counting = new TextEncoder() {
      @Override
      public int dimension() {
        return 384;
      }

      @Override
      public float[] encode(String text) {
        calls[0]++;
        return ENCODER.encode(text);
      }
    };
    CachingEncoder cached = new CachingEncoder(counting, 2);
    float[] first = cached.encode("alpha");
    first[0] = 42f;
    assertArrayEquals(ENCODER.encode("alpha"), cached.encode("alpha"));
    assertEquals(1, calls[0]);
    cached.encodeAll(List.of("alpha", "beta", "gamma"));
    assertEquals(3, calls[0], "only beta and gamma were encoded");
    assertEquals(2, cached.size(), "bounded to 2 entries");
    cached.encode("alpha");
    assertEquals(4, calls[0], "alpha was evicted as least recently used");
  }

  static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  static double dot(float[] x, float[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (double) x[i] * y[i];
    }
    return s;
  }
}
