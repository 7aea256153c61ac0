package io.evomerge.service;

import io.evomerge.protocol.ApiKey;
import java.security.MessageDigest;
import java.util.List;

/**
 * The accepted bearer keys, held as SHA-256 digests and compared in constant time
 * ({@link MessageDigest#isEqual}) against every key, so that neither the position of a match nor
 * a common prefix shows in the timing. Immutable and thread-safe.
 */
final class Keyring {

  private static final String SCHEME = "Bearer ";

  private final List<byte[]> digests;

  Keyring(List<ApiKey> keys) {
    this.digests = keys.stream().map(ApiKey::digest).toList();
  }

  /**
   * The owner (an opaque id of the matching key) of a request with this {@code Authorization}
   * header; 401 when it is missing, malformed or carries no accepted key.
   */
  String authenticate(String header) {
    if (digests.isEmpty()) {
      return "open";
    }
    if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      throw ApiError.unauthorized("missing API key: send the header 'Authorization: Bearer <key>'");
    }
    byte[] presented = ApiKey.sha256(header.substring(SCHEME.length()).trim());
    int match = -1;
    for (int i = 0; i < digests.size(); i++) {
      match = MessageDigest.isEqual(digests.get(i), presented) ? i : match;
    }
    if (match < 0) {
      throw ApiError.unauthorized("the API key is not valid for this service");
    }
    return "key-" + match;
  }
}
