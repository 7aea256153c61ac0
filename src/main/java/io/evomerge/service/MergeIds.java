package io.evomerge.service;

import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeDigest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The {@code merge_id} of control vectors: {@link MergeDigest}, the model's own cache key. */
final class MergeIds {

  private MergeIds() {}

  static String of(ControlVectors vectors) {
    return MergeDigest.of(vectors);
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
