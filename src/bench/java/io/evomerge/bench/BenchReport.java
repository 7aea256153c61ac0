package io.evomerge.bench;

import java.util.List;

/**
 * Everything one benchmark run measured: the content of {@code docs/benchmarks.json}, from which
 * {@code docs/BENCHMARKS.md} is written. Sections not run (yet) are null. Immutable.
 *
 * @param plan the plan's name, {@code full}, {@code quick} or {@code smoke}
 * @param command the command line that produced it
 * @param started when the run started (ISO-8601)
 * @param seconds the run's wall time so far
 * @param machine where it ran
 * @param settings the plan itself
 * @param throughput section 1
 * @param driver section 2, the driver's cost per generation
 * @param optimizer section 2, ask + tell
 * @param suites section 3, one per suite
 */
public record BenchReport(String plan, String command, String started, double seconds, Machine machine,
    BenchPlan settings, ThroughputBench.Result throughput, DriverCostBench.Result driver,
    OptimizerBench.Result optimizer, List<ComparisonBench.SuiteResult> suites) {

  public BenchReport {
    suites = List.copyOf(suites);
  }

  public BenchReport withThroughput(ThroughputBench.Result r) {
    return new BenchReport(plan, command, started, seconds, machine, settings, r, driver, optimizer, suites);
  }

  public BenchReport withDriver(DriverCostBench.Result r) {
    return new BenchReport(plan, command, started, seconds, machine, settings, throughput, r, optimizer, suites);
  }

  public BenchReport withOptimizer(OptimizerBench.Result r) {
    return new BenchReport(plan, command, started, seconds, machine, settings, throughput, driver, r, suites);
  }

  public BenchReport withSuite(ComparisonBench.SuiteResult suite) {
    List<ComparisonBench.SuiteResult> more = new java.util.ArrayList<>(suites);
    more.add(suite);
    return new BenchReport(plan, command, started, seconds, machine, settings, throughput, driver, optimizer, more);
  }

  public BenchReport withSeconds(double s) {
    return new BenchReport(plan, command, started, s, machine, settings, throughput, driver, optimizer, suites);
  }
}
