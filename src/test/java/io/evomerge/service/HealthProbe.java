package io.evomerge.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks {@code GET /v1/health} of a port every 100 ms, on a fresh connection each time, until its
 * standard input closes, and prints one line per probe: {@code <millis> <status> <stalled>}
 * ({@code -1} for no answer within 3 s). {@code stalled} is the longest time, during that
 * probe, that a ticker thread of this process meant to wake every 5 ms could not run: time the
 * machine, not the service, withheld. Run in a process of its own by {@link ServeLoadTest}, so that
 * the load generators' garbage collections do not count against the service.
 */
public final class HealthProbe {

  private HealthProbe() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Thread watch = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // wait for the end of the input
        }
      } catch (IOException e) {
        // the parent has gone
      }
      System.out.flush();
      System.exit(0);
    });
    watch.setDaemon(true);
    watch.start();
    AtomicLong stalled = new AtomicLong();
    Thread ticker = new Thread(() -> {
      while (true) {
        long before = System.nanoTime();
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
        stalled.accumulateAndGet((System.nanoTime() - before) / 1_000_000 - 5, Math::max);
      }
    });
    ticker.setDaemon(true);
    ticker.start();
    while (true) {
      stalled.set(0);
      long begin = System.nanoTime();
      int status = probe(port);
      long ms = (System.nanoTime() - begin) / 1_000_000;
      System.out.println(ms + " " + status + " " + Math.min(ms, stalled.get()));
      System.out.flush();
      Thread.sleep(100);
    }
  }

  private static int probe(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 3000);
      socket.setSoTimeout(3000);
      socket.getOutputStream().write("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[512];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        answer.write(buffer, 0, n);
      }
      String text = answer.toString(StandardCharsets.ISO_8859_1);
      return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
