package io.evomerge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.evomerge.adapter.AdapterRepository;
import io.evomerge.adapter.LoraAdapter;
import io.evomerge.bench.internal.BenchService;
import io.evomerge.bench.internal.ServiceJvm;
import io.evomerge.client.MergeClient;
import io.evomerge.config.ConfigLoader;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.data.DataFiles;
import io.evomerge.data.Example;
import io.evomerge.data.Shards;
import io.evomerge.job.EvoMergeJob;
import io.evomerge.job.RunOptions;
import io.evomerge.job.output.MethodResult;
import io.evomerge.job.output.ResultJson;
import io.evomerge.job.output.ScreeningResult;
import io.evomerge.merge.AsymmetricMerge;
import io.evomerge.merge.ConcatMerge;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeStrategy;
import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.report.AdapterWeight;
import io.evomerge.tools.GenerateRepositoryCommand;
import io.evomerge.train.RepositoryGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The 1,000-adapter repository of issue 11 (DESIGN.md section 7), measured: it is generated with
 * {@code generate-repository} into the work folder (reused when a folder made by the same command
 * is there), sized, served by the reference service in a JVM of its own (load time and heap apart
 * from the driver's), merged at a growing count of non-zero alpha·beta, and searched by a run of
 * screening + search. A run over the 22 sample adapters on the same target, with the same search,
 * says which adapters a search uses most; the section reports whether the screening of the large
 * repository kept adapters of those tasks. Writes {@code BENCHMARKS-massive.md} and {@code
 * benchmarks-massive.json} to the output folder. Not thread-safe.
 */
public final class MassiveBench {

  public static final String JSON_FILE = "benchmarks-massive.json";
  public static final String MARKDOWN_FILE = "BENCHMARKS-massive.md";
  private static final Pattern WROTE = Pattern.compile("wrote (\\d+) adapters to .* in ([0-9.]+) s \\(process cpu ([0-9.NaN]+) s\\) on (\\d+) threads");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * How much the section does. Immutable.
   *
   * @param count adapters generated
   * @param epochs most epochs per generated adapter ({@code generate-repository --epochs})
   * @param maxExamples examples per split the generator uses, 0 for all
   * @param seed the generator's seed
   * @param target the sample target task searched (a folder of the tasks folder)
   * @param fitnessExamples examples of the fitness set
   * @param topK adapters the screening selects
   * @param initialShards shards of the screening's first round
   * @param stage1Budget evaluations of the search's stage 1
   * @param stage2Budget evaluations of the search's stage 2
   * @param popSize candidates per generation of both stages
   * @param nonZero the counts of non-zero alpha·beta the merge is timed at
   * @param mergeRepeats merges (and service calls) timed per count
   * @param mostUsed how many of the 22-adapter search's heaviest adapters the recovery looks for
   */
  public record Plan(String name, int count, int epochs, int maxExamples, long seed, String target, int fitnessExamples,
      int topK, int initialShards, int stage1Budget, int stage2Budget, int popSize, List<Integer> nonZero,
      int mergeRepeats, int mostUsed) {

    public Plan {
      nonZero = List.copyOf(nonZero);
    }

    /**
     * The section of the plan named {@code name}: 1,000 adapters for {@code full}; 24 adapters of one
     * epoch on 30 examples per split and tiny budgets for {@code quick} and {@code smoke} (a smoke
     * test of the section, seconds to a minute; the numbers mean nothing).
     */
    public static Plan of(String name) {
      return !name.equals("full")
          ? new Plan(name, 24, 1, 30, 42, "target-sentiment-games", 30, 3, 1, 12, 12, 6, List.of(1, 24), 2, 3)
          : new Plan(name, 1000, 8, 0, 42, "target-sentiment-games", 300, 10, 2, 400, 800, 20,
              List.of(1, 10, 100, 1000), 20, 5);
    }
  }

  /** Everything the section measured: the content of {@value #JSON_FILE}. Immutable. */
  public record Result(String plan, String command, String started, double seconds, Machine machine, Plan settings,
      Repository repository, Service service, List<MergeCost> mergeCost, Run massive, Run sample,
      List<Recovered> recovered) {}

  /**
   * @param generated {@code this run} or {@code reused}
   * @param generationSeconds wall time of {@code generate-repository} (when it ran, in this run or the
   *     one that made the folder)
   * @param loadSeconds loading the repository's files in the driver ({@link AdapterRepository#load})
   */
  public record Repository(String dir, String command, int adapters, long files, long bytes, long safetensorsBytes,
      String generated, double generationSeconds, double generationCpuSeconds, int threads, double loadSeconds,
      Map<String, Long> kinds) {}

  /** The reference service in its own JVM: load time, heap after load, after the runs, and peak. */
  public record Service(double loadSeconds, long heapAfterLoad, long heapAfterRuns, long peakHeap,
      long evaluateCalls) {}

  /**
   * Median milliseconds per merge with {@code nonZero} adapters at non-zero alpha·beta, over the whole
   * repository and over those adapters alone, for both rules; and one service call of a shard.
   */
  public record MergeCost(int nonZero, double asymmetricMs, double asymmetricAloneMs, double concatMs,
      double concatAloneMs, double serviceCallMs) {}

  /** One run of the job. Heap figures are the driver's (this JVM). */
  public record Run(String repository, int adapters, int selected, int rounds, long screeningCalls, long searchCalls,
      long calls, long serviceCalls, double wallSeconds, double accuracy, double fitnessLoss, long driverHeapAfter,
      long driverPeakHeap, List<String> selectedIds, List<AdapterWeight> heaviest) {}

  /**
   * One of the adapters the 22-adapter search uses most, looked for in the large repository's
   * screening: its own FULL variant, and the best-ranked adapter trained on its task.
   */
  public record Recovered(String adapter, double alpha, double beta, String full, int fullRank, boolean fullSelected,
      String bestOfTask, int bestOfTaskRank, boolean taskSelected) {}

  private final Plan plan;
  private final Benchmarks.Inputs inputs;
  private final PrintWriter log;

  public MassiveBench(Plan plan, Benchmarks.Inputs inputs, PrintWriter log) {
    this.plan = plan;
    this.inputs = inputs;
    this.log = log;
  }

  /** Measures everything and writes both documents; returns what it wrote. */
  public Result run(SparkSession spark) throws IOException {
    long start = System.nanoTime();
    String started = Instant.now().toString();
    Machine machine = Machine.current();
    Path work = inputs.work().resolve("massive").toAbsolutePath();
    Repository repository = repository(work);
    Path dir = Path.of(repository.dir());
    Path target = inputs.tasks().resolve(plan.target()).toAbsolutePath();
    List<Example> shard = Shards.firstById(DataFiles.read(target.resolve("dev.jsonl").toString()), 15);
    Result result;
    try (ServiceJvm service = ServiceJvm.start(dir, 32)) {
      log.printf(Locale.ROOT, "massive: service JVM loaded %d adapters in %.2f s, heap %.1f MiB%n",
          repository.adapters(), service.ready().loadSeconds(), mib(service.ready().heapAfterLoad()));
      ServiceConfig client = config(service.ready().url(), work, "cost", 0).service();
      List<MergeCost> costs = mergeCosts(dir, MergeClient.of(client), shard);
      Ran massive = run(spark, config(service.ready().url(), work, "massive-" + plan.count(), plan.topK()),
          "the generated repository", repository.adapters(), () -> service.heap().evaluateCalls());
      Ran sample;
      ReferenceModel model = ReferenceModel.load(inputs.repository());
      try (BenchService small = BenchService.start(model, 32)) {
        EvoMergeConfig config = config(small.baseUrl(), work, "sample-" + model.adapters().size(), 0);
        small.client(config.service());
        sample = run(spark, config, "the sample repository", model.adapters().size(), () -> small.evaluateAnswers(200));
      }
      ServiceJvm.Heap heap = service.heap();
      Service measured = new Service(service.ready().loadSeconds(), service.ready().heapAfterLoad(), heap.used(),
          heap.peak(), heap.evaluateCalls());
      result = new Result(plan.name(), inputs.command(), started, (System.nanoTime() - start) / 1e9, machine, plan,
          repository, measured, costs, massive.run(), sample.run(),
          recovered(sample.run(), massive.screening(), dir));
    }
    Files.createDirectories(inputs.out());
    Files.writeString(inputs.out().resolve(JSON_FILE), JSON.writeValueAsString(result) + "\n", StandardCharsets.UTF_8);
    Files.writeString(inputs.out().resolve(MARKDOWN_FILE), markdown(result), StandardCharsets.UTF_8);
    log.printf(Locale.ROOT, "massive: wrote %s and %s (%.0f s)%n", inputs.out().resolve(JSON_FILE),
        inputs.out().resolve(MARKDOWN_FILE), result.seconds());
    return result;
  }

  /** The repository of the plan in the work folder: generated, or reused when made by the same command. */
  private Repository repository(Path work) throws IOException {
    Path dir = work.resolve("repository-" + plan.count());
    Path logFile = work.resolve("generate-" + plan.count() + ".log");
    List<String> args = List.of("--tasks", inputs.tasks().toString(), "--out", dir.toString(), "--count",
        Integer.toString(plan.count()), "--epochs", Integer.toString(plan.epochs()), "--max-examples",
        Integer.toString(plan.maxExamples()), "--seed", Long.toString(plan.seed()));
    String command = String.format(Locale.ROOT, "generate-repository --tasks %s --count %d --epochs %d --patience 2"
        + " --max-examples %d --seed %d", inputs.tasks(), plan.count(), plan.epochs(), plan.maxExamples(), plan.seed());
    Path summary = dir.resolve(RepositoryGenerator.SUMMARY_FILE);
    boolean reuse = Files.isRegularFile(summary) && Files.isRegularFile(logFile)
        && command.equals(JSON.readTree(summary.toFile()).path("command").asText());
    if (!reuse) {
      deleteTree(dir);
      Files.createDirectories(work);
      log.println("massive: " + command + " --out " + dir);
      log.flush();
      StringWriter out = new StringWriter();
      int code = new picocli.CommandLine(new GenerateRepositoryCommand()).setOut(new PrintWriter(out, true))
          .setErr(new PrintWriter(out, true)).execute(args.toArray(String[]::new));
      Files.writeString(logFile, out.toString());
      if (code != 0) {
        throw new IOException("generate-repository failed (exit " + code + "): " + out);
      }
    }
    Matcher wrote = WROTE.matcher(Files.readString(logFile));
    if (!wrote.find()) {
      throw new IOException(logFile + ": no 'wrote N adapters ... in S s' line; delete " + dir + " to generate again");
    }
    long start = System.nanoTime();
    AdapterRepository loaded = AdapterRepository.load(dir);
    double load = (System.nanoTime() - start) / 1e9;
    long[] sizes = sizes(dir);
    Map<String, Long> kinds = new LinkedHashMap<>();
    for (JsonNode row : JSON.readTree(summary.toFile()).path("adapters")) {
      kinds.merge(row.path("kind").asText(), 1L, Long::sum);
    }
    Repository out = new Repository(dir.toString(), command, loaded.size(), sizes[0], sizes[1], sizes[2],
        reuse ? "reused" : "this run", Double.parseDouble(wrote.group(2)), Double.parseDouble(wrote.group(3)),
        Integer.parseInt(wrote.group(4)), load, kinds);
    log.printf(Locale.ROOT, "massive: %d adapters, %d files, %.1f MiB (%s; generated in %.0f s), loaded in %.2f s%n",
        out.adapters(), out.files(), mib(out.bytes()), out.generated(), out.generationSeconds(), load);
    return out;
  }

  /** Files, bytes, and bytes of {@code .safetensors} files under {@code dir}. */
  private static long[] sizes(Path dir) throws IOException {
    long[] out = new long[3];
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        long size = Files.size(f);
        out[0]++;
        out[1] += size;
        out[2] += f.getFileName().toString().endsWith(".safetensors") ? size : 0;
      }
    }
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /**
   * The merge at each count K of non-zero alpha·beta, over the whole repository and over the K
   * adapters alone (both rules, in this JVM), and a service call of one shard at K (each repeat with
   * other vectors, so the service's merge cache never answers).
   */
  private List<MergeCost> mergeCosts(Path dir, MergeClient client, List<Example> shard) throws IOException {
    List<LoraAdapter> all = AdapterRepository.load(dir).adapters();
    int n = all.size();
    MergeStrategy asymmetric = new AsymmetricMerge(all);
    MergeStrategy concat = new ConcatMerge(all);
    List<MergeCost> out = new ArrayList<>();
    for (int k : plan.nonZero()) {
      int kk = Math.min(k, n);
      int[] used = new int[kk];
      for (int j = 0; j < kk; j++) {
        used[j] = (int) ((long) j * n / kk);
      }
      List<LoraAdapter> subset = new ArrayList<>();
      for (int i : used) {
        subset.add(all.get(i));
      }
      MergeStrategy asymmetricAlone = new AsymmetricMerge(subset);
      MergeStrategy concatAlone = new ConcatMerge(subset);
      double[][] ms = new double[5][plan.mergeRepeats()];
      for (int r = -1; r < plan.mergeRepeats(); r++) { // r = -1: warm-up, not timed
        ControlVectors whole = vectors(n, used, r, false);
        ControlVectors alone = vectors(kk, used, r, true);
        double[] times = {time(() -> asymmetric.merge(whole)), time(() -> asymmetricAlone.merge(alone)),
            time(() -> concat.merge(whole)), time(() -> concatAlone.merge(alone)),
            time(() -> client.evaluate(EvaluateRequest.of(whole, shard)))};
        for (int t = 0; r >= 0 && t < times.length; t++) {
          ms[t][r] = times[t];
        }
      }
      MergeCost cost = new MergeCost(kk, median(ms[0]), median(ms[1]), median(ms[2]), median(ms[3]), median(ms[4]));
      log.printf(Locale.ROOT, "massive: merge cost %s%n", cost);
      out.add(cost);
    }
    return out;
  }

  /** Alpha and beta of {@code used} non-zero (over {@code n} adapters, or over just those when {@code alone}). */
  private static ControlVectors vectors(int n, int[] used, int repeat, boolean alone) {
    double[] alpha = new double[n];
    double[] beta = new double[n];
    for (int j = 0; j < used.length; j++) {
      int i = alone ? j : used[j];
      alpha[i] = 0.3 + 0.6 * ((j * 7 + repeat + 1) % 11) / 10.0;
      beta[i] = (j % 2 == 0 ? 1 : -0.5) * (1 + 0.01 * (repeat + 1)) / Math.sqrt(used.length);
    }
    return ControlVectors.of(alpha, beta);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double time(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e6;
  }

  private EvoMergeConfig config(String url, Path work, String runId, int topK) {
    Path target = inputs.tasks().resolve(plan.target()).toAbsolutePath();
    return ConfigLoader.load(List.of(
        "search.stage1.budget=" + plan.stage1Budget(),
        "search.stage1.popSize=" + plan.popSize(),
        "search.stage2.budget=" + plan.stage2Budget(),
        "search.stage2.popSize=" + plan.popSize(),
        "compare=[]",
        "selection.topK=" + topK,
        "selection.initialShards=" + plan.initialShards(),
        "service.url=" + url,
        "data.fitness=" + target.resolve("dev.jsonl"),
        "data.test=" + target.resolve("test.jsonl"),
        "data.maxFitnessExamples=" + plan.fitnessExamples(),
        "data.shardSize=15",
        "output.dir=" + work.resolve("runs"),
        "output.runId=" + runId));
  }

  /** A run's numbers and its screening (null without one). */
  private record Ran(Run run, ScreeningResult screening) {}

  /** A service's count of evaluate calls, read after a run. */
  private interface Counter {
    long calls() throws IOException;
  }

  /** One run of screening (when {@code selection.topK} is set) + search; driver heap and wall time around it. */
  private Ran run(SparkSession spark, EvoMergeConfig config, String repository, int adapters, Counter served)
      throws IOException {
    deleteTree(work(config));
    long before = served.calls();
    ServiceJvm.usedAfterGc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    ResultJson result = new EvoMergeJob(config, spark, java.time.InstantSource.system())
        .run(config.service(), Optional.empty(), RunOptions.defaults()).result()
        .orElseThrow(() -> new IllegalStateException(config.output().runId() + " stopped before its end"));
    double wall = (System.nanoTime() - start) / 1e9;
    long peak = ServiceJvm.peakHeap();
    long after = ServiceJvm.usedAfterGc();
    MethodResult best = result.best();
    ScreeningResult screening = result.screening();
    List<AdapterWeight> heaviest = best.adapters().stream()
        .sorted(Comparator.comparingDouble((AdapterWeight w) -> -Math.abs(w.alpha() * w.beta()))).limit(plan.mostUsed())
        .toList();
    Run run = new Run(repository, adapters, best.adapters().size(),
        screening == null ? 0 : screening.rounds(), screening == null ? 0 : screening.plannedCalls(),
        best.apiCalls(), result.api().calls(), served.calls() - before, wall, best.test().accuracy(),
        best.fitnessLoss(), after, peak, screening == null ? List.of() : screening.selected(), heaviest);
    log.printf(Locale.ROOT, "massive: %s: %d adapters, %d searched, %d calls (screening %d, search %d), %.1f s,"
        + " test accuracy %.3f, driver heap %.0f MiB (peak %.0f MiB)%n", config.output().runId(), run.adapters(),
        run.selected(), run.calls(), run.screeningCalls(), run.searchCalls(), wall, run.accuracy(),
        mib(after), mib(peak));
    return new Ran(run, screening);
  }

  private static Path work(EvoMergeConfig config) {
    return Path.of(config.output().dir()).resolve(config.output().runId());
  }

  /**
   * For each adapter the 22-adapter search weighs most (|alpha·beta|), where the screening of the
   * large repository ranked its task's FULL variant and its task's best variant, and whether they
   * were selected.
   */
  private static List<Recovered> recovered(Run sample, ScreeningResult screening, Path dir) throws IOException {
    Map<String, List<String>> tasks = new LinkedHashMap<>();
    for (JsonNode row : JSON.readTree(dir.resolve(RepositoryGenerator.SUMMARY_FILE).toFile()).path("adapters")) {
      List<String> of = new ArrayList<>();
      row.path("tasks").forEach(t -> of.add(t.asText()));
      tasks.put(row.path("adapter").asText(), of);
    }
    List<Recovered> out = new ArrayList<>();
    for (AdapterWeight w : sample.heaviest()) {
      ScreeningResult.Adapter full = null;
      ScreeningResult.Adapter best = null;
      for (ScreeningResult.Adapter a : screening.ranking()) {
        List<String> of = tasks.getOrDefault(a.adapter(), List.of());
        if (of.contains(w.adapter()) && a.adapter().contains("-full-")) {
          full = a;
        }
        if (of.contains(w.adapter()) && (best == null || a.rank() < best.rank())) {
          best = a;
        }
      }
      out.add(new Recovered(w.adapter(), w.alpha(), w.beta(), full == null ? "-" : full.adapter(),
          full == null ? 0 : full.rank(), full != null && full.selected(), best == null ? "-" : best.adapter(),
          best == null ? 0 : best.rank(), best != null && best.selected()));
    }
    return out;
  }

  private static double mib(long bytes) {
    return bytes / (double) (1 << 20);
  }

  /** {@value #MARKDOWN_FILE} for {@code r}. */
  static String markdown(Result r) {
    StringBuilder md = new StringBuilder();
    Plan p = r.settings();
    Repository repo = r.repository();
    md.append("# EvoMerge benchmarks: the 1,000-adapter repository\n\n");
    md.append(String.format(Locale.ROOT, "Generated by `%s` (plan `%s`; the `massive` section of `submit/evomerge bench`),"
        + " started %s, %.1f minutes of wall time. Do not edit: run the command again. The raw numbers are in `%s`."
        + " Issue 11, DESIGN.md section 7.%n%n", r.command(), r.plan(), r.started(), r.seconds() / 60, JSON_FILE));
    Machine m = r.machine();
    md.append(String.format(Locale.ROOT, "Machine: %s, %d cores available to the JVM, %.1f GiB, driver heap limit %d MiB,"
        + " Java %s, load average %.2f at start (other processes share these cores).%n%n", m.cpu(), m.cores(),
        m.memoryGiB(), m.maxHeapMiB(), m.java(), m.loadAverage()));

    md.append("## 1. The repository\n\n");
    md.append(String.format(Locale.ROOT, "`submit/evomerge %s --out DIR` (%s), not committed: adapters trained from the"
        + " sample source tasks.%n%n", repo.command(), repo.generated().equals("reused")
        ? "generated earlier by the same command into the work folder and reused, since the folder's summary names"
        + " that command; the times are that run's" : "generated in this run"));
    md.append("| | |\n|---|---:|\n");
    md.append(String.format(Locale.ROOT, "| adapters | %d |%n", repo.adapters()));
    md.append(String.format(Locale.ROOT, "| of which | %s |%n", repo.kinds().entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))));
    md.append(String.format(Locale.ROOT, "| files | %d |%n", repo.files()));
    md.append(String.format(Locale.ROOT, "| bytes | %d (%.1f MiB; safetensors %.1f MiB) |%n", repo.bytes(),
        mib(repo.bytes()), mib(repo.safetensorsBytes())));
    md.append(String.format(Locale.ROOT, "| generation wall time | %.0f s (process CPU %.0f s, %d threads) |%n",
        repo.generationSeconds(), repo.generationCpuSeconds(), repo.threads()));
    md.append(String.format(Locale.ROOT, "| loading its files (driver, `AdapterRepository.load`) | %.2f s |%n%n",
        repo.loadSeconds()));

    Service s = r.service();
    md.append("## 2. The reference service on it\n\n");
    md.append("The reference service runs in a JVM of its own (`bench/internal/ServiceJvm`: the same `MergeService`"
        + " and `ReferenceModel` as `submit/evomerge serve`), so its heap is measured apart from the driver's. Heap"
        + " figures are used heap after a full GC; the peak is the sum of the heap pools' peaks since the load (an"
        + " upper bound, garbage included).\n\n");
    md.append("| | |\n|---|---:|\n");
    md.append(String.format(Locale.ROOT, "| load (repository files, the merge rules' tables, the encoder) | %.2f s |%n",
        s.loadSeconds()));
    md.append(String.format(Locale.ROOT, "| heap after load | %.1f MiB |%n", mib(s.heapAfterLoad())));
    md.append(String.format(Locale.ROOT, "| heap after every call below | %.1f MiB |%n", mib(s.heapAfterRuns())));
    md.append(String.format(Locale.ROOT, "| peak heap while serving | %.1f MiB |%n", mib(s.peakHeap())));
    md.append(String.format(Locale.ROOT, "| evaluate calls served | %d |%n%n", s.evaluateCalls()));

    md.append("### Merge cost against the count of non-zero alpha·beta\n\n");
    md.append(String.format(Locale.ROOT, "A benchmark, not a timed test: median ms per merge of %d merges (after one"
        + " warm-up), each with other vectors. K adapters spread over the repository have non-zero alpha and beta,"
        + " every other is 0. \"over N\" merges with vectors over all %d adapters; \"alone\" merges the same K"
        + " adapters as a repository of K. The service column is one `POST /v1/evaluate` of 15 examples at those"
        + " vectors, end to end over loopback (HTTP, JSON, merge, scoring).%n%n", p.mergeRepeats(), repo.adapters()));
    md.append("| K non-zero | paper rule over N, ms | paper rule alone, ms | concat over N, ms | concat alone, ms |"
        + " service call, ms |\n|---:|---:|---:|---:|---:|---:|\n");
    for (MergeCost c : r.mergeCost()) {
      md.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f | %.2f |%n", c.nonZero(),
          c.asymmetricMs(), c.asymmetricAloneMs(), c.concatMs(), c.concatAloneMs(), c.serviceCallMs()));
    }
    if (!r.mergeCost().isEmpty()) {
      MergeCost low = r.mergeCost().get(0);
      MergeCost high = r.mergeCost().get(r.mergeCost().size() - 1);
      md.append(String.format(Locale.ROOT, "%nMeasured: over N the paper rule's merge takes %.1fx the time of the same"
          + " K adapters alone at K = %d and %.1fx at K = %d (concat: %.1fx and %.1fx); from K = %d to K = %d it"
          + " grows %.1fx (concat %.1fx). Both give the same weights over N as alone (`MergeCostBenchmarkTest`).%n%n",
          low.asymmetricMs() / low.asymmetricAloneMs(), low.nonZero(), high.asymmetricMs() / high.asymmetricAloneMs(),
          high.nonZero(), low.concatMs() / low.concatAloneMs(), high.concatMs() / high.concatAloneMs(), low.nonZero(),
          high.nonZero(), high.asymmetricMs() / low.asymmetricMs(), high.concatMs() / low.concatMs()));
    }

    md.append("## 3. Screening + search\n\n");
    md.append(String.format(Locale.ROOT, "Target `%s`: %d fitness examples in shards of 15, the test split for"
        + " accuracy; the paper's Evo-Merging with stage budgets %d + %d at popsize %d, seed 42. On the generated"
        + " repository the screening (selection.topK %d, initialShards %d, keepFraction 0.5) picks the adapters"
        + " searched; the run over the 22 sample adapters searches all of them, with the reference service in the driver's"
        + " JVM (`BenchService`), so its wall time and driver heap are not comparable with the first row's."
        + " \"Calls\" are what the run charged;"
        + " \"served\" is what the service counted. Driver heap is this JVM's (Spark local mode: executors"
        + " included), used after a full GC once the run ended, and the sum of pool peaks during the run.%n%n",
        p.target(), p.fitnessExamples(), p.stage1Budget(), p.stage2Budget(), p.popSize(), p.topK(),
        p.initialShards()));
    md.append("| repository | adapters | searched | screening rounds | screening calls | search calls | calls |"
        + " served | wall s | test accuracy | fitness loss | driver heap after, MiB | driver peak heap, MiB |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Run run : List.of(r.massive(), r.sample())) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %.1f | %.3f | %.4f | %.0f | %.0f |%n",
          run.repository(), run.adapters(), run.selected(), run.rounds(), run.screeningCalls(), run.searchCalls(),
          run.calls(), run.serviceCalls(), run.wallSeconds(), run.accuracy(), run.fitnessLoss(),
          mib(run.driverHeapAfter()), mib(run.driverPeakHeap())));
    }
    md.append("\nSelected by the screening: ").append(r.massive().selectedIds().stream().map(id -> "`" + id + "`")
        .collect(Collectors.joining(", "))).append(".\n\n");

    md.append("## 4. What the screening recovered\n\n");
    md.append(String.format(Locale.ROOT, "The %d adapters the search over the 22 sample adapters weighs most"
        + " (|alpha·beta| of its best merge), and where the screening of the generated repository put adapters of"
        + " the same task: the task's own full-data variant (`vNNNN-full-TASK`, the counterpart of the sample"
        + " adapter), and the best-ranked adapter trained on the task in any way (bootstrap, permuted labels,"
        + " mixture, random labels). Rank 1 is the best of %d; the top %d are selected.%n%n",
        r.recovered().size(), r.massive().adapters(), p.topK()));
    md.append("The screening scores each adapter alone (alpha = 1 and beta = 1 for it, every other beta 0); the"
        + " search weighs adapters in combination, so an adapter that helps only together with others, or with a"
        + " negative weight, can rank low alone.\n\n");
    md.append("| sample adapter | alpha | beta | full variant | its rank | selected | best of its task | its rank |"
        + " selected |\n|---|---:|---:|---|---:|---|---|---:|---|\n");
    for (Recovered x : r.recovered()) {
      md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %s | %d | %s | %s | %d | %s |%n", x.adapter(),
          x.alpha(), x.beta(), x.full(), x.fullRank(), x.fullSelected() ? "yes" : "no", x.bestOfTask(),
          x.bestOfTaskRank(), x.taskSelected() ? "yes" : "no"));
    }
    long full = r.recovered().stream().filter(Recovered::fullSelected).count();
    long task = r.recovered().stream().filter(Recovered::taskSelected).count();
    md.append(String.format(Locale.ROOT, "%nRecovered: the full variant of %d of %d, an adapter of the task for %d of %d."
        + " Test accuracy on the target: %.3f after screening %d of %d adapters, %.3f over the 22 sample adapters.%n",
        full, r.recovered().size(), task, r.recovered().size(), r.massive().accuracy(), p.topK(),
        r.massive().adapters(), r.sample().accuracy()));
    return md.toString();
  }
}
