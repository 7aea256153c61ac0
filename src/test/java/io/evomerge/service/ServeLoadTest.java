package io.evomerge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code serve} under load, in a child JVM with {@code -Xmx1g} on 127.0.0.1, with the sample
 * repository and its real MiniLM model: 100 stalled uploads without a key, 150 concurrent 8 MB
 * bodies, 160 concurrent well-formed clients, one example with 5,000 options. Throughout, a
 * monitor asks {@code /v1/health} every 100 ms (each must answer within 1 s, not counting time
 * the machine kept the prober itself from running, see {@link HealthProbe}) and reads the
 * child's resident memory (it must stay under 1.5 GB). Every connection must end with an HTTP
 * answer, and every refusal must be a 4xx, 429 or 503 that names its limit. Prints the figures
 * the README reports (p50/p95 of admitted calls, RSS, health latency).
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class ServeLoadTest {

  static final String KEY = "load-test-key-0123456789";
  static final int IDLE_TIMEOUT_MS = 3000;
  static final long RSS_LIMIT = 1536L << 20;
  static final Pattern LIMIT_NAME = Pattern.compile("\\((max_[a-z_]+|rate_per_second|idle_timeout_ms|request_deadline_ms)\\)");

  static Process serve;
  static int port;
  static int adapters;
  static Monitor monitor;
  static final AtomicInteger writeFailed = new AtomicInteger();

  @BeforeAll
  static void startServe() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("data/repository")), "the sample repository is missing");
    Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "RSS is read from /proc (Linux)");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "io.evomerge.cli.Main", "serve", "--port", "0",
        "--set", "service.embedded.limits.idleTimeoutMs=" + IDLE_TIMEOUT_MS)
        .redirectErrorStream(true);
    builder.environment().put("EVOMERGE_API_KEY", KEY);
    serve = builder.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    Matcher url = null;
    List<String> seen = new ArrayList<>();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      seen.add(line);
      Matcher m = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+) ").matcher(line);
      if (m.find()) {
        url = m;
        break;
      }
    }
    assertTrue(url != null, "serve did not start: " + seen);
    port = Integer.parseInt(url.group(1));
    Thread drain = new Thread(() -> out.lines().forEach(line -> System.out.println("serve> " + line)), "serve-output");
    drain.setDaemon(true);
    drain.start();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET /v1/repository HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + KEY + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = readAnswer(socket);
      adapters = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).get("adapters").size();
    }
    monitor = new Monitor(port, serve.pid());
    monitor.start();
    for (int i = 0; i < 200 && monitor.probes.get() == 0; i++) {
      Thread.sleep(50);
    }
    assertTrue(monitor.probes.get() > 0, "the health prober did not start");
  }

  @AfterAll
  static void stopServe() throws Exception {
    if (monitor != null) {
      monitor.stop();
    }
    if (serve != null) {
      serve.destroy();
      if (!serve.waitFor(10, TimeUnit.SECONDS)) {
        serve.destroyForcibly();
      }
    }
  }

  @Test
  void serveHoldsUpAgainstStalledUploadsHugeBodiesManyClientsAndAHugeExample() throws Exception {
    long start = System.nanoTime();
    monitor.phase = "stalled uploads";
    stalledUploadsWithoutAKey();
    monitor.phase = "8 MB bodies";
    hugeBodies();
    monitor.phase = "160 clients";
    LatencyFigures figures = manyWellFormedClients();
    monitor.phase = "5,000 options";
    aHugeExample();
    long seconds = (System.nanoTime() - start) / 1_000_000_000;

    monitor.stop();
    System.out.printf("ServeLoadTest: %d s; admitted calls %d, p50 %d ms, p95 %d ms, max %d ms; "
            + "429 answers %d; peak RSS %d MB; health max %d ms (%d ms less the prober's own stalls, up to %d ms)"
            + " over %d probes, by phase %s%n",
        seconds, figures.admitted(), figures.p50(), figures.p95(), figures.max(), figures.throttled(),
        monitor.peakRss.get() >> 20, monitor.healthMax.get(), monitor.servedMax.get(), monitor.probeStall.get(),
        monitor.probes.get(), monitor.healthByPhase);
    assertEquals(0, monitor.healthFailures.get(), "health probes that failed or took over 1 s");
    assertTrue(monitor.servedMax.get() < 1000, "health took " + monitor.servedMax.get() + " ms");
    assertTrue(monitor.peakRss.get() < RSS_LIMIT, "RSS reached " + (monitor.peakRss.get() >> 20) + " MB");
    assertTrue(monitor.probes.get() > 10, "the monitor probed " + monitor.probes.get() + " times");
  }

  /** 100 connections send headers announcing 1,000,000 bytes without a key, then stall. */
  void stalledUploadsWithoutAKey() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.getOutputStream().write(("POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{\"alpha\":[").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        sockets.add(socket);
      }
      for (Socket socket : sockets) {
        socket.setSoTimeout(IDLE_TIMEOUT_MS + 3000);
        long begin = System.nanoTime();
        String answer = readAnswer(socket);
        assertTrue(answer.startsWith("HTTP/1.1 401 "), answer);
        assertTrue(answer.contains("Authorization: Bearer"), answer);
        int end = socket.getInputStream().read();
        long ms = (System.nanoTime() - begin) / 1_000_000;
        assertEquals(-1, end, "the server should close a refused upload");
        assertTrue(ms <= IDLE_TIMEOUT_MS + 1000, "closed after " + ms + " ms");
      }
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  /** 150 connections at once each send an 8 MB evaluate body with the key. */
  void hugeBodies() throws Exception {
    byte[] body = Json.mapper().writeValueAsBytes(EvaluateRequest.of(ControlVectors.uniform(adapters),
        List.of(new Example("big", "Classify.", "x".repeat(8_000_000 - 1000), "yes", List.of("yes", "no")))));
    assertTrue(body.length <= 8_000_000 && body.length > 7_900_000, "body of " + body.length);
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    long begin = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(150);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        answers.add(pool.submit(() -> {
          go.await();
          return post(body);
        }));
      }
      go.countDown();
      List<String> failures = new ArrayList<>();
      for (Future<String> future : answers) {
        String answer;
        try {
          answer = future.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          failures.add(String.valueOf(e.getCause()));
          continue;
        }
        int status = Integer.parseInt(answer.substring(9, 12));
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (!(status == 429 || status == 503 || status == 400 || status == 413) || !LIMIT_NAME.matcher(answer).find()) {
          failures.add(answer);
        }
      }
      assertEquals(List.of(), failures, "statuses " + statuses);
    } finally {
      pool.shutdownNow();
    }
    System.out.println("ServeLoadTest: 8 MB bodies answered " + statuses + " in "
        + (System.nanoTime() - begin) / 1_000_000 + " ms; uploads cut short after the answer " + writeFailed);
  }

  /**
   * Sends headers and {@code body} the way a careful HTTP client does: it reads while it sends,
   * and stops sending once an answer has come (the server may answer before the body is read).
   */
  static String post(byte[] body) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      AtomicBoolean answered = new AtomicBoolean();
      Thread writer = new Thread(() -> {
        try {
          out.write(("POST /v1/evaluate HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
              + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          for (int at = 0; at < body.length && !answered.get(); at += 1 << 16) {
            out.write(body, at, Math.min(1 << 16, body.length - at));
          }
          out.flush();
        } catch (IOException e) {
          writeFailed.incrementAndGet();
        }
      }, "upload");
      writer.setDaemon(true);
      writer.start();
      try {
        return readAnswer(socket);
      } finally {
        answered.set(true);
      }
    }
  }

  /** Status line, headers and body of one answer (by its Content-Length); fails when the connection ends first. */
  static String readAnswer(Socket socket) throws IOException {
    var in = socket.getInputStream();
    StringBuilder text = new StringBuilder();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection ended without an HTTP answer: '" + text + "'");
      }
      text.append((char) b);
      matched = text.toString().endsWith("\r\n\r\n") ? 4 : 0;
    }
    Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
    int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
    byte[] body = in.readNBytes(n);
    if (body.length < n) {
      throw new IOException("the answer was cut short: '" + text + "'");
    }
    return text + new String(body, StandardCharsets.UTF_8);
  }

  record LatencyFigures(int admitted, long p50, long p95, long max, int throttled) {}

  /** 160 clients at once, each until one evaluate call of 4 examples of its own is admitted and answered. */
  LatencyFigures manyWellFormedClients() throws Exception {
    List<Example> examples = new ArrayList<>();
    for (String file : List.of("data/tasks/sentiment-books/train.jsonl", "data/tasks/topic-news/train.jsonl")) {
      examples.addAll(Fixtures.readJsonLines(Path.of(file)));
    }
    OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60))
        .connectionPool(new okhttp3.ConnectionPool(200, 1, TimeUnit.MINUTES)).build();
    List<Long> admitted = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger throttled = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(160);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> calls = new ArrayList<>();
      for (int c = 0; c < 160; c++) {
        int id = c;
        calls.add(pool.submit(() -> {
          List<Example> mine = List.of(examples.get(4 * id), examples.get(4 * id + 1), examples.get(4 * id + 2),
              examples.get(4 * id + 3));
          byte[] json = Json.mapper().writeValueAsBytes(EvaluateRequest.of(
              Fixtures.vectors(new SplittableRandom(id), adapters), mine));
          go.await();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
          while (System.nanoTime() < deadline) {
            long begin = System.nanoTime();
            Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/v1/evaluate")
                .header("Authorization", "Bearer " + KEY)
                .post(RequestBody.create(json, MediaType.get("application/json"))).build();
            try (Response response = client.newCall(request).execute()) {
              String text = response.body().string();
              if (response.code() == 200) {
                admitted.add((System.nanoTime() - begin) / 1_000_000);
                return 200;
              }
              assertTrue(response.code() == 429 || response.code() == 503, response.code() + " " + text);
              assertTrue(LIMIT_NAME.matcher(text).find(), "a refusal that names no limit: " + text);
              throttled.incrementAndGet();
              Thread.sleep(1000L * Integer.parseInt(response.header("Retry-After", "1")));
            }
          }
          return 0;
        }));
      }
      go.countDown();
      for (Future<Integer> call : calls) {
        assertEquals(200, call.get(120, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
    List<Long> sorted = new ArrayList<>(admitted);
    Collections.sort(sorted);
    return new LatencyFigures(sorted.size(), sorted.get(sorted.size() / 2),
        sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1), sorted.get(sorted.size() - 1), throttled.get());
  }

  /** One example with 5,000 options: refused before any model work, naming the limit. */
  void aHugeExample() throws Exception {
    List<String> options = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      options.add("option number " + i);
    }
    byte[] body = Json.mapper().writeValueAsBytes(EvaluateRequest.of(ControlVectors.uniform(adapters),
        List.of(new Example("wide", "Pick one.", "which option?", "option number 0", options))));
    long begin = System.nanoTime();
    String answer = post(body);
    long ms = (System.nanoTime() - begin) / 1_000_000;
    assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
    assertTrue(answer.contains("(max_options_per_example)"), answer);
    assertTrue(ms < 2000, "answered after " + ms + " ms");
  }

  /**
   * Samples the child's RSS every 100 ms, and runs {@link HealthProbe} in a process of its own
   * (small heap, serial collector), reading its probes with the phase they fell in.
   */
  static final class Monitor {
    final int port;
    final Path status;
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong peakRss = new AtomicLong();
    final AtomicLong healthMax = new AtomicLong();
    final AtomicInteger healthFailures = new AtomicInteger();
    final AtomicInteger probes = new AtomicInteger();
    final AtomicLong probeStall = new AtomicLong();
    final AtomicLong servedMax = new AtomicLong();
    final Map<String, Long> healthByPhase = new ConcurrentHashMap<>();
    volatile String phase = "start";
    Thread thread;
    Thread reader;
    Process probe;

    Monitor(int port, long pid) {
      this.port = port;
      this.status = Path.of("/proc/" + pid + "/status");
    }

    void start() throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      probe = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"), HealthProbe.class.getName(), Integer.toString(port))
          .redirectErrorStream(true).start();
      BufferedReader lines = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
      reader = new Thread(() -> lines.lines().forEach(this::record), "health-probe-output");
      reader.setDaemon(true);
      reader.start();
      thread = new Thread(this::run, "serve-monitor");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      if (!running.getAndSet(false)) {
        return;
      }
      thread.join(5000);
      try {
        probe.getOutputStream().close();
      } catch (IOException e) {
        // already gone
      }
      if (!probe.waitFor(5, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
      }
      reader.join(5000);
    }

    private void record(String line) {
      String[] parts = line.trim().split(" ");
      if (parts.length != 3 || !line.trim().matches("-?\\d+ -?\\d+ -?\\d+")) {
        return;
      }
      long ms = Long.parseLong(parts[0]);
      int code = Integer.parseInt(parts[1]);
      long stall = Long.parseLong(parts[2]);
      long served = ms - stall;
      probes.incrementAndGet();
      healthMax.accumulateAndGet(ms, Math::max);
      servedMax.accumulateAndGet(served, Math::max);
      probeStall.accumulateAndGet(stall, Math::max);
      healthByPhase.merge(phase, ms, Math::max);
      if (code != 200 || served >= 1000) {
        healthFailures.incrementAndGet();
        healthByPhase.merge(phase + " failed", 1L, Long::sum);
      }
    }

    private void run() {
      while (running.get()) {
        rss();
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void rss() {
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmRSS:")) {
            long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            peakRss.accumulateAndGet(kb << 10, Math::max);
          }
        }
      } catch (IOException | RuntimeException e) {
        // The process has ended; the test reports what it saw.
      }
    }
  }
}
