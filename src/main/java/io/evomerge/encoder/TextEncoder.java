package io.evomerge.encoder;

import java.util.List;

/**
 * A frozen sentence encoder: text in, unit-length embedding out. Implementations are thread-safe
 * and deterministic (the same text always gives the same vector).
 */
public interface TextEncoder {

  int dimension();

  /** The L2-normalised embedding of {@code text}; the caller owns the returned array. */
  float[] encode(String text);

  /** The embeddings of {@code texts}, in order. */
  default List<float[]> encodeAll(List<String> texts) {
    return texts.stream().map(this::encode).toList();
  }
}
