package io.evomerge.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine a benchmark ran on, as far as the JVM can tell. Immutable.
 *
 * @param cpu the CPU model from {@code /proc/cpuinfo}, or the architecture
 * @param cores processors available to the JVM
 * @param memoryGiB physical memory
 * @param maxHeapMiB the JVM's heap limit
 * @param os operating system name and version
 * @param java Java runtime version and vendor
 * @param loadAverage the one-minute load average when the benchmark started (other work on a
 *     shared machine shows here)
 */
public record Machine(String cpu, int cores, double memoryGiB, long maxHeapMiB, String os, String java,
    double loadAverage) {

  /** This machine, now. */
  public static Machine current() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    double memory = os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getTotalMemorySize() / (double) (1L << 30) : Double.NaN;
    return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), memory,
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
        os.getSystemLoadAverage());
  }

  private static String cpuModel() {
    Path info = Path.of("/proc/cpuinfo");
    if (Files.isReadable(info)) {
      try (Stream<String> lines = Files.lines(info)) {
        return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
            .findFirst().orElse(System.getProperty("os.arch"));
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        return System.getProperty("os.arch");
      }
    }
    return System.getProperty("os.arch");
  }
}
