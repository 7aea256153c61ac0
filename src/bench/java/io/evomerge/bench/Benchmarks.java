package io.evomerge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.evomerge.config.ConfigLoader;
import io.evomerge.config.ServiceConfig;
import io.evomerge.data.DataFiles;
import io.evomerge.data.Example;
import io.evomerge.data.TaskInfo;
import io.evomerge.data.TaskManifest;
import io.evomerge.encoder.MiniLmEncoder;
import io.evomerge.model.ReferenceModel;
import io.evomerge.bench.internal.LocalSpark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs every benchmark of a {@link BenchPlan} in one JVM, side by side, and writes
 * {@code benchmarks.json} and {@code BENCHMARKS.md} to the output folder after each section (so an
 * interrupted run still leaves what it measured); then the {@link MassiveBench} section, which
 * writes its own two documents. A run of some sections ({@code --only driver}) writes {@code
 * benchmarks-driver.json} and {@code BENCHMARKS-driver.md} instead, and leaves the whole run's
 * documents as they are. Not thread-safe.
 */
public final class Benchmarks {

  public static final String JSON_FILE = "benchmarks.json";
  public static final String MARKDOWN_FILE = "BENCHMARKS.md";
  /** The sections of {@value #MARKDOWN_FILE} (the massive one writes its own documents). */
  static final List<String> REPORT_SECTIONS = List.of("throughput", "driver", "optimizer", "comparison");

  private final BenchPlan plan;
  private final Inputs inputs;
  private final PrintWriter log;

  /**
   * Where things are.
   *
   * @param out where the two documents go
   * @param work scratch space (run outputs, suite-B adapters), outside the project's sources
   * @param repository the sample adapter repository (suite A)
   * @param tasks the sample tasks folder with {@code tasks.json} (suite A)
   * @param datasets the real data sets (suite B); skipped with a message when absent
   * @param command the command line, for the report
   * @param only the sections to run ({@code throughput}, {@code driver}, {@code optimizer},
   *     {@code comparison}); empty = all
   */
  public record Inputs(Path out, Path work, Path repository, Path tasks, Path datasets, String command,
      java.util.Set<String> only) {
    boolean runs(String section) {
      return only.isEmpty() || only.contains(section);
    }

    /** {@value #JSON_FILE}, or for some sections {@code benchmarks-driver.json} and the like. */
    public Path jsonFile() {
      return out.resolve("benchmarks" + sectionsSuffix() + ".json");
    }

    /** {@value #MARKDOWN_FILE}, or for some sections {@code BENCHMARKS-driver.md} and the like. */
    public Path markdownFile() {
      return out.resolve("BENCHMARKS" + sectionsSuffix() + ".md");
    }

    /** Empty for the whole report: no {@code --only}, or every section of it named. */
    private String sectionsSuffix() {
      if (only.containsAll(REPORT_SECTIONS)) {
        return "";
      }
      return only.stream().filter(REPORT_SECTIONS::contains).sorted().map(section -> "-" + section)
          .collect(Collectors.joining());
    }
  }

  public Benchmarks(BenchPlan plan, Inputs inputs, PrintWriter log) {
    this.plan = plan;
    this.inputs = inputs;
    this.log = log;
  }

  /** Runs everything; returns the report written. */
  public BenchReport run() throws IOException {
    long start = System.nanoTime();
    BenchReport report = new BenchReport(plan.name(), inputs.command(), Instant.now().toString(), 0,
        Machine.current(), plan, null, null, null, List.of());
    ServiceConfig defaults = ConfigLoader.load(List.of()).service();
    ReferenceModel model = ReferenceModel.load(inputs.repository());
    List<ComparisonBench.Target> targets = suiteATargets(inputs.tasks());
    if (plan.name().equals(BenchPlan.smoke().name())) {
      targets = targets.subList(0, 1); // the smoke test runs the comparison on one target only
    }
    List<Example> fitness = DataFiles.read(targets.get(0).fitness());
    SparkSession spark = LocalSpark.open(plan.master());
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      if (inputs.runs("throughput")) {
        report = write(report.withThroughput(new ThroughputBench(plan.throughput(), defaults, log).run(jsc, model, fitness)), start);
      }
      if (inputs.runs("driver")) {
        report = write(report.withDriver(new DriverCostBench(plan.driver(), defaults, log).run(jsc, model, fitness,
            inputs.work())), start);
      }
      if (inputs.runs("optimizer")) {
        report = write(report.withOptimizer(new OptimizerBench(plan.optimizer(), log).run()), start);
      }
      if (inputs.runs("comparison")) {
        ComparisonBench comparison = new ComparisonBench(plan.comparison(), plan.master(), inputs.work(), log);
        report = write(report.withSuite(comparison.run("A", suiteADescription(model), model, targets, spark)), start);
        report = write(report.withSuite(suiteB(comparison, spark)), start);
      }
      if (runsMassive(plan, inputs)) {
        new MassiveBench(MassiveBench.Plan.of(plan.name()), inputs, log).run(spark);
      }
    } finally {
      spark.stop();
    }
    return report;
  }

  /**
   * Whether the massive section runs: when named in {@code --only}, or in a whole full or quick run
   * (a whole smoke run leaves it out: {@code --smoke --only massive} is its own smoke test).
   */
  static boolean runsMassive(BenchPlan plan, Inputs inputs) {
    return inputs.only().contains("massive")
        || (inputs.only().isEmpty() && !plan.name().equals(BenchPlan.smoke().name()));
  }

  static List<ComparisonBench.Target> suiteATargets(Path tasks) {
    List<ComparisonBench.Target> targets = new ArrayList<>();
    for (TaskInfo t : TaskManifest.read(tasks).targets()) {
      Path dir = tasks.resolve(t.id()).toAbsolutePath();
      targets.add(new ComparisonBench.Target(t.id(), dir.resolve("dev.jsonl").toString(),
          dir.resolve("test.jsonl").toString(), List.of()));
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(tasks.resolve(TaskManifest.FILE_NAME)
          + ": no task with role 'target'; suite A needs at least one");
    }
    return targets;
  }

  static String suiteADescription(ReferenceModel model) {
    return "the project's generated target tasks (role `target` in data/tasks/tasks.json), each merged from all "
        + model.adapters().size() + " adapters of the sample repository data/repository";
  }

  private ComparisonBench.SuiteResult suiteB(ComparisonBench comparison, SparkSession spark) throws IOException {
    String description = suiteBDescription(inputs.datasets());
    if (!plan.comparison().suiteB()) {
      return ComparisonBench.SuiteResult.skipped("B", description, "not part of the " + plan.name() + " plan");
    }
    RealDataSuite suite = new RealDataSuite(inputs.datasets(), plan.comparison(), log);
    Optional<String> why = suite.whySkipped();
    if (why.isPresent()) {
      log.println("suite B: " + why.get());
      return ComparisonBench.SuiteResult.skipped("B", description, why.get());
    }
    List<String> present = suite.present();
    Path repository = inputs.work().resolve("suite-b-repository");
    suite.train(present, MiniLmEncoder.sharedCached(), repository);
    // as a service reads it (F32), so that bench --methods, which reuses the folder, sees the same adapters
    return comparison.run("B", description, ReferenceModel.load(repository), suite.targets(present), spark);
  }

  static String suiteBDescription(Path datasets) {
    return "real data sets read at run time from " + datasets + "; each in turn is the out-of-domain target,"
        + " merged from the other data sets' adapters (native labels, verbose labels, inverted labels, random"
        + " labels: 4 per data set)";
  }

  /**
   * Writes {@code BENCHMARKS.md} again from the {@code benchmarks.json} in {@code out}, and {@value
   * MassiveBench#MARKDOWN_FILE} from {@value MassiveBench#JSON_FILE} where it is there, without
   * measuring anything (for when only the report's wording changed).
   */
  public static void render(Path out) throws IOException {
    if (Files.exists(out.resolve(JSON_FILE)) || !Files.exists(out.resolve(MassiveBench.JSON_FILE))) {
      BenchReport report = new ObjectMapper().readValue(out.resolve(JSON_FILE).toFile(), BenchReport.class);
      Files.writeString(out.resolve(MARKDOWN_FILE), MarkdownReport.of(report, JSON_FILE), StandardCharsets.UTF_8);
    }
    if (Files.exists(out.resolve(MassiveBench.JSON_FILE))) {
      MassiveBench.Result massive = new ObjectMapper().readValue(out.resolve(MassiveBench.JSON_FILE).toFile(),
          MassiveBench.Result.class);
      Files.writeString(out.resolve(MassiveBench.MARKDOWN_FILE), MassiveBench.markdown(massive), StandardCharsets.UTF_8);
    }
  }

  private BenchReport write(BenchReport report, long start) throws IOException {
    BenchReport timed = report.withSeconds((System.nanoTime() - start) / 1e9);
    Files.createDirectories(inputs.out());
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(inputs.jsonFile(), mapper.writeValueAsString(timed) + "\n", StandardCharsets.UTF_8);
    Files.writeString(inputs.markdownFile(), MarkdownReport.of(timed, inputs.jsonFile().getFileName().toString()),
        StandardCharsets.UTF_8);
    log.printf("bench: wrote %s and %s (%.0f s so far)%n", inputs.jsonFile(), inputs.markdownFile(), timed.seconds());
    return timed;
  }
}
