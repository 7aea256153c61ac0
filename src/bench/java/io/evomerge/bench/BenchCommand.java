package io.evomerge.bench;

import io.evomerge.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code submit/evomerge bench}: every benchmark of the project, written to {@code BENCHMARKS.md}
 * and {@code benchmarks.json}. Test code (src/bench/java), not part of the product or the job jar:
 * the launcher runs it from target/test-classes.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures throughput against the service's physical limit, the driver's cost per generation,"
          + " the optimizer's cost, and the paper's comparison table (suite A: the sample tasks and"
          + " repository; suite B: the real data sets, when present), and writes BENCHMARKS.md and"
          + " benchmarks.json to --out; then (not with --smoke) the 1,000-adapter repository of issue 11, to"
          + " BENCHMARKS-massive.md and benchmarks-massive.json (alone: --only massive).",
      "The full run takes about an hour on 2 cores; --quick takes a few minutes (a smoke test of"
          + " the harness: tiny budgets, meaningless numbers)."
    })
public final class BenchCommand implements Callable<Integer> {

  /** What {@code --methods} writes to {@code --out}. */
  public static final String COMPARISON_FILE = "BENCHMARKS-comparison.md";

  /** What {@code --methods} writes when a row names a merge rule or a screening ({@link MethodTrial.Row}). */
  public static final String RULES_FILE = "BENCHMARKS-rules-and-screening.md";

  @Option(names = "--quick", description = "Tiny budgets: a smoke run of the harness in a few minutes.")
  boolean quick;

  @Option(names = "--smoke", description = "The smallest budgets that still run every section:"
      + " the harness's smoke test (seconds; the numbers mean nothing).")
  boolean smoke;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs",
      description = "Where BENCHMARKS.md and benchmarks.json go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--work", paramLabel = "DIR", defaultValue = "target/bench-work",
      description = "Scratch space: run outputs and the suite-B adapters (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--repository", paramLabel = "DIR", defaultValue = "data/repository",
      description = "The sample adapter repository of suite A (default: ${DEFAULT-VALUE}).")
  Path repository;

  @Option(names = "--tasks", paramLabel = "DIR", defaultValue = "data/tasks",
      description = "The sample tasks of suite A, with tasks.json (default: ${DEFAULT-VALUE}).")
  Path tasks;

  @Option(names = "--datasets", paramLabel = "DIR", defaultValue = "../shared/datasets",
      description = "The real data sets of suite B, read at run time; suite B is skipped when absent"
          + " (default: ${DEFAULT-VALUE}).")
  Path datasets;

  @Option(names = "--only", split = ",", paramLabel = "SECTION", description = "Run only these sections:"
      + " throughput, driver, optimizer, comparison, massive (default: all). Some sections write their own"
      + " BENCHMARKS-<sections>.md and benchmarks-<sections>.json (--only driver: BENCHMARKS-driver.md), and"
      + " 'massive' (the 1,000-adapter repository) BENCHMARKS-massive.md; BENCHMARKS.md is left as it is.")
  Set<String> only = Set.of();

  @Option(names = "--render", description = "Measure nothing: write BENCHMARKS.md (and"
      + " BENCHMARKS-massive.md) again from the benchmarks.json (benchmarks-massive.json) in --out.")
  boolean render;

  private static final List<String> SECTIONS = List.of("throughput", "driver", "optimizer", "comparison", "massive");

  @Option(names = "--methods", split = ",", paramLabel = "ID",
      description = "Measure only these black-box methods, in one JVM without Spark or HTTP (the job's search"
          + " code, scored in-process), at the plan's comparison budgets and seeds, on --suites; write"
          + " BENCHMARKS-comparison.md to --out instead of the whole benchmark. An ID may add a merge rule and"
          + " a screening, METHOD[@RULE][+screenK] (lorahub@concat, warm-scaling+screen8); then the file is"
          + " BENCHMARKS-rules-and-screening.md.")
  List<String> methods;

  @Option(names = "--suites", split = ",", paramLabel = "A|B", defaultValue = "A,B",
      description = "The suites of --methods (default: ${DEFAULT-VALUE}).")
  List<String> suites;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter log = spec.commandLine().getOut();
    if (render) {
      Benchmarks.render(out);
      log.printf("bench: wrote %s from %s%n", out.resolve(Benchmarks.MARKDOWN_FILE), out.resolve(Benchmarks.JSON_FILE));
      return ExitCodes.OK;
    }
    BenchPlan plan = smoke ? BenchPlan.smoke() : quick ? BenchPlan.quick() : BenchPlan.full();
    Benchmarks.Inputs inputs = new Benchmarks.Inputs(out, work, repository, tasks, datasets, commandText(), only);
    for (String section : only) {
      if (!SECTIONS.contains(section)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--only: unknown section '" + section
            + "'; the sections are " + String.join(", ", SECTIONS));
      }
    }
    if (methods != null) {
      boolean variants = methods.stream().anyMatch(m -> m.contains("@") || m.contains("+"));
      MethodTrial.write(plan.comparison(), suites, methods, inputs, out.resolve(variants ? RULES_FILE : COMPARISON_FILE),
          log);
      return ExitCodes.OK;
    }
    new Benchmarks(plan, inputs, log).run();
    List<String> docs = new ArrayList<>();
    if (Benchmarks.REPORT_SECTIONS.stream().anyMatch(inputs::runs)) {
      docs.add(inputs.markdownFile().toString());
    }
    if (Benchmarks.runsMassive(plan, inputs)) {
      docs.add(out.resolve(MassiveBench.MARKDOWN_FILE).toString());
    }
    log.printf("bench: done; see %s%n", String.join(" and ", docs));
    log.flush();
    return ExitCodes.OK;
  }

  private String commandText() {
    return "submit/evomerge bench" + (smoke ? " --smoke" : quick ? " --quick" : "")
        + (only.isEmpty() ? "" : " --only " + String.join(",", new TreeSet<>(only)))
        + ("docs".equals(out.toString()) ? "" : " --out " + out)
        + (methods == null ? "" : " --methods " + String.join(",", methods) + " --suites " + String.join(",", suites))
        + ("../shared/datasets".equals(datasets.toString()) ? "" : " --datasets " + datasets);
  }

  /** The command line of {@code bench}, with the exit codes of every EvoMerge command. */
  public static CommandLine commandLine() {
    return new CommandLine(new BenchCommand()).setExitCodeExceptionMapper(new ExitCodes(System.getenv()));
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
