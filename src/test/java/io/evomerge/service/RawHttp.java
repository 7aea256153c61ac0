package io.evomerge.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A client that sends exactly the bytes a test wants and reads what comes back, down to how the
 * connection ends: for the requests no well-behaved client sends (a body that never comes, a
 * Content-Length that lies) and the answers no well-behaved server gives (cut short).
 */
final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RawHttp(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  /** A response: status line, headers (lower-case names) as text, the body bytes read. */
  record Answer(int status, String headers, byte[] body, boolean closed) {
    String header(String name) {
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** Sends the request line and headers ({@code Name: value} lines), then the blank line. */
  RawHttp head(String method, String path, String... headers) throws IOException {
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    for (String h : headers) {
      head.append(h).append("\r\n");
    }
    out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return this;
  }

  RawHttp send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return this;
  }

  void timeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  /** Reads one answer: headers, then the body up to its Content-Length or until the server closes. */
  Answer read() throws IOException {
    String headers = readHeaders();
    int status = Integer.parseInt(headers.substring(9, 12));
    Answer partial = new Answer(status, headers, new byte[0], false);
    String length = partial.header("content-length");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long want = length == null ? Long.MAX_VALUE : Long.parseLong(length);
    boolean closed = false;
    byte[] buffer = new byte[8192];
    while (body.size() < want) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, want - body.size()));
      if (n < 0) {
        closed = true;
        break;
      }
      body.write(buffer, 0, n);
    }
    return new Answer(status, headers, body.toByteArray(), closed);
  }

  /** Milliseconds until the server closes the connection (reads and drops what it still sends), or -1 on timeout. */
  long millisUntilClosed(int timeoutMillis) throws IOException {
    long start = System.nanoTime();
    socket.setSoTimeout(timeoutMillis);
    byte[] buffer = new byte[8192];
    try {
      while (in.read(buffer) >= 0) {
        // drop
      }
    } catch (SocketTimeoutException e) {
      return -1;
    } catch (IOException e) {
      // A reset is a close too.
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before an HTTP answer (" + head.size() + " bytes of headers)");
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
