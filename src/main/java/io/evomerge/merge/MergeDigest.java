package io.evomerge.merge;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest that names a merge: the {@code merge_id} of {@code /v1/evaluate} and the key of the merged
 * weights cache. It is the lowercase hex SHA-256 of: the entry count N as a 4-byte big-endian int,
 * then the N alpha values, then the N beta values, each as its IEEE 754 binary64 bits, 8 bytes
 * big-endian, with -0.0 written as 0.0 (they merge identically). Stateless and thread-safe.
 */
public final class MergeDigest {

  private MergeDigest() {}

  public static String of(ControlVectors vectors) {
    int n = vectors.size();
    ByteBuffer bytes = ByteBuffer.allocate(4 + 16 * n);
    bytes.putInt(n);
    for (int i = 0; i < n; i++) {
      bytes.putDouble(canonical(vectors.alpha(i)));
    }
    for (int i = 0; i < n; i++) {
      bytes.putDouble(canonical(vectors.beta(i)));
    }
    return HexFormat.of().formatHex(sha256().digest(bytes.array()));
  }

  private static double canonical(double v) {
    return v == 0.0 ? 0.0 : v;
  }

  /** A fresh SHA-256 digest; every Java platform has one. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
