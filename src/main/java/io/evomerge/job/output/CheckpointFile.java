package io.evomerge.job.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format of one checkpoint file: {@code {"format":1,"sequence":n,"sha256":"...","state":...}}
 * on one line, where the hash is over the compact JSON of the state. Stateless.
 */
final class CheckpointFile {

  static final int FORMAT = 1;
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{10})\\.json");

  private CheckpointFile() {}

  /** {@code checkpoint-<10-digit sequence>.json}. */
  static String name(long sequence) {
    return String.format("checkpoint-%010d.json", sequence);
  }

  /** The sequence of a checkpoint file name; empty for any other name. */
  static Optional<Long> sequenceOf(String fileName) {
    Matcher m = NAME.matcher(fileName);
    return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  /** Whether {@code fileName} is a temporary left by an interrupted save. */
  static boolean isTemporary(String fileName) {
    return fileName.startsWith(".checkpoint-") && fileName.endsWith(".tmp");
  }

  /** {@code json} as a tree; a clear error when it is not one JSON value. */
  static JsonNode parseState(String json) throws JsonProcessingException {
    JsonNode state = OutputJson.reader().readTree(json);
    if (state == null || state.isMissingNode()) {
      throw new IllegalArgumentException("checkpoint state is empty: one JSON value expected");
    }
    return state;
  }

  /**
   * The bytes of the file for the compact JSON {@code state} saved as number {@code sequence}.
   */
  static byte[] envelope(long sequence, String state) {
    String text = "{\"format\":" + FORMAT + ",\"sequence\":" + sequence + ",\"sha256\":\""
        + sha256(state) + "\",\"state\":" + state + "}\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The compact state JSON of a file's {@code bytes}.
   *
   * @throws IllegalStateException where the file is incomplete or not the checkpoint expected
   */
  static String verify(byte[] bytes, long sequence) throws JsonProcessingException {
    JsonNode envelope = OutputJson.reader().readTree(new String(bytes, StandardCharsets.UTF_8));
    if (envelope == null || !envelope.isObject() || envelope.path("format").asInt() != FORMAT) {
      throw new IllegalStateException("not a checkpoint of format " + FORMAT);
    }
    if (envelope.path("sequence").asLong(-1) != sequence || !envelope.has("state")) {
      throw new IllegalStateException("sequence or state missing");
    }
    String state = OutputJson.compact().writeValueAsString(envelope.get("state"));
    String hash = envelope.path("sha256").asText();
    if (!sha256(state).equals(hash) && !sha256(stateAsWritten(bytes)).equals(hash)) {
      throw new IllegalStateException("checksum does not match the state");
    }
    return state;
  }

  /** The state exactly as the file holds it: after {@code "state":}, before the closing brace. */
  private static String stateAsWritten(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    int start = text.indexOf("\"state\":");
    return start < 0 || !text.endsWith("}") ? "" : text.substring(start + 8, text.length() - 1);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
