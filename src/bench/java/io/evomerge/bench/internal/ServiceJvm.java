package io.evomerge.bench.internal;

import io.evomerge.client.MergeClient;
import io.evomerge.config.FaultsConfig;
import io.evomerge.config.LimitsConfig;
import io.evomerge.config.TestConfigs;
import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.ApiKey;
import io.evomerge.service.Fixtures;
import io.evomerge.service.MergeService;
import io.evomerge.service.ServiceSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference service in a JVM of its own, so that its heap is measured apart from the driver's:
 * the parent starts {@link #main} with the benchmark's class path, hands it a fresh key through the
 * environment (never on the command line), and reads one line per question on the child's stdout.
 * The child loads the repository (timed), serves it on loopback, and answers {@code heap} on its
 * stdin with its heap after a full GC, the peak heap since the load and the evaluate calls served;
 * it stops when its stdin closes. Not thread-safe.
 */
public final class ServiceJvm implements AutoCloseable {

  private static final String KEY_ENV = "EVOMERGE_BENCH_SERVICE_KEY";

  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final Ready ready;

  /**
   * What the child said once serving.
   *
   * @param url its base URL
   * @param loadSeconds wall time of loading the repository and building the model
   * @param heapAfterLoad heap used after a full GC, once loaded, bytes
   */
  public record Ready(String url, double loadSeconds, long heapAfterLoad) {}

  /**
   * The child's memory now.
   *
   * @param used heap used after a full GC, bytes
   * @param peak the sum of every heap pool's peak since the load (an upper bound of the peak heap)
   * @param evaluateCalls {@code POST /v1/evaluate} answers so far, any status
   */
  public record Heap(long used, long peak, long evaluateCalls) {}

  private ServiceJvm(Process process, BufferedReader out, Ready ready) {
    this.process = process;
    this.out = out;
    this.in = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
    this.ready = ready;
  }

  /**
   * Starts the reference service on {@code repository} in a new JVM serving at most {@code
   * maxConcurrency} calls at once, and waits until it serves; its key is registered for clients of
   * this JVM.
   */
  public static ServiceJvm start(Path repository, int maxConcurrency) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
    String log4j = System.getProperty("log4j2.configurationFile");
    if (log4j != null) {
      command.add("-Dlog4j2.configurationFile=" + log4j);
    }
    command.addAll(List.of(ServiceJvm.class.getName(), repository.toAbsolutePath().toString(),
        Integer.toString(maxConcurrency)));
    ApiKey key = ApiKey.random("bench-");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put(KEY_ENV, key.reveal());
    Process process = builder.start();
    BufferedReader reader = process.inputReader(StandardCharsets.UTF_8);
    String line = answer(reader, "READY ");
    if (line == null) {
      process.destroyForcibly();
      throw new IOException("the service JVM on " + repository + " ended before serving (see its stderr)");
    }
    String[] f = line.split(" ");
    Ready ready = new Ready(f[1], Double.parseDouble(f[2]), Long.parseLong(f[3]));
    MergeClient.registerKey(ready.url(), key);
    return new ServiceJvm(process, reader, ready);
  }

  public Ready ready() {
    return ready;
  }

  /** Asks the child for its heap (after a full GC) and its calls served. */
  public Heap heap() throws IOException {
    in.println("heap");
    String line = answer(out, "HEAP ");
    if (line == null) {
      throw new IOException("the service JVM ended without answering 'heap'");
    }
    String[] f = line.split(" ");
    return new Heap(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
  }

  /** The next line of the child that starts with {@code prefix} (log lines in between are skipped); null at its end. */
  private static String answer(BufferedReader reader, String prefix) throws IOException {
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    in.close();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The child: {@code ServiceJvm REPOSITORY MAX_CONCURRENCY}, key in {@value #KEY_ENV}. */
  public static void main(String[] args) throws IOException {
    long start = System.nanoTime();
    ReferenceModel model = ReferenceModel.load(Path.of(args[0]));
    double loadSeconds = (System.nanoTime() - start) / 1e9;
    LimitsConfig limits = TestConfigs.limits("maxConcurrent: " + Integer.parseInt(args[1]));
    ServiceSettings settings = Fixtures.settings(List.of(ApiKey.of(System.getenv(KEY_ENV))), limits,
        FaultsConfig.none(), null);
    try (MergeService service = MergeService.start(settings, model)) {
      long heap = usedAfterGc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      System.out.println("READY " + service.baseUrl() + " " + loadSeconds + " " + heap);
      System.out.flush();
      BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = stdin.readLine(); line != null; line = stdin.readLine()) {
        if (line.equals("heap")) {
          long peak = peakHeap();
          System.out.println("HEAP " + usedAfterGc() + " " + peak + " " + service.stats().calls("POST /v1/evaluate"));
          System.out.flush();
        }
      }
    }
  }

  /** Heap used after a full GC, bytes. */
  public static long usedAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The sum of every heap pool's peak usage since the last reset, bytes. */
  public static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }
}
