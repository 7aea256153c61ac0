package io.evomerge.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines ({@code \n}, {@code \r\n}) and decodes each strictly as UTF-8,
 * so that a malformed byte is reported on its own line. Not thread-safe: one per stream.
 */
final class Utf8Lines {

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;

  Utf8Lines(InputStream in) {
    this.in = in;
  }

  /**
   * The next line without its terminator, or {@code null} at the end of the stream.
   *
   * @throws CharacterCodingException when the line is not valid UTF-8 (the line is consumed)
   */
  String next() throws IOException {
    line.reset();
    boolean any = false;
    while (fill()) {
      any = true;
      byte b = buffer[position++];
      if (b == '\n') {
        return decode();
      }
      line.write(b);
    }
    return any ? decode() : null;
  }

  private boolean fill() throws IOException {
    if (position < limit) {
      return true;
    }
    limit = in.read(buffer);
    position = 0;
    return limit > 0;
  }

  private String decode() throws CharacterCodingException {
    byte[] bytes = line.toByteArray();
    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
  }
}
