package io.evomerge.bench;

import io.evomerge.adapter.AdapterRepository;
import io.evomerge.adapter.AdapterWriter;
import io.evomerge.adapter.LoraAdapter;
import io.evomerge.data.Example;
import io.evomerge.data.ExampleReader;
import io.evomerge.data.Shards;
import io.evomerge.encoder.TextEncoder;
import io.evomerge.train.AdapterTrainer;
import io.evomerge.train.EncodedSet;
import io.evomerge.train.TrainingResult;
import io.evomerge.train.TrainingSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Suite B: real classification data read at run time from a folder of data sets
 * ({@code <name>/train.jsonl, dev.jsonl, test.jsonl}), never copied into the project. For every
 * data set the project's trainer learns four adapters: its labels as given ({@code native}), the
 * labels rephrased as descriptive phrases ({@code verbose}, a second label framing),
 * {@code inverted} (each target moved to the next option) and {@code noise} (random targets). Each
 * data set is then the out-of-domain target in turn, merged from the other data sets' adapters
 * only (leave-one-out). Not thread-safe.
 */
public final class RealDataSuite {

  /** The data sets used, in this order, where present. */
  public static final List<String> DATASETS = List.of("sst2", "ag_news", "trec", "sms_spam");

  /** The second label framing of each known data set: option to phrase. */
  static final Map<String, Map<String, String>> VERBOSE = Map.of(
      "sst2", Map.of("negative", "a negative opinion", "positive", "a positive opinion"),
      "ag_news", Map.of("world", "news about world politics", "sports", "news about sports",
          "business", "news about business and the economy",
          "science and technology", "news about science and technology"),
      "trec", Map.of("abbreviation", "asks what an abbreviation stands for", "entity", "asks for a thing",
          "description", "asks for a description or definition", "human", "asks for a person",
          "location", "asks for a place", "number", "asks for a number"),
      "sms_spam", Map.of("ham", "a personal message", "spam", "an unsolicited advertisement"));

  private final Path folder;
  private final BenchPlan.Comparison plan;
  private final PrintWriter log;

  public RealDataSuite(Path folder, BenchPlan.Comparison plan, PrintWriter log) {
    this.folder = folder;
    this.plan = plan;
    this.log = log;
  }

  /** The data sets of {@link #DATASETS} present in the folder; empty when the folder is absent. */
  public List<String> present() {
    return DATASETS.stream().filter(d -> Files.isRegularFile(folder.resolve(d).resolve("train.jsonl"))
        && Files.isRegularFile(folder.resolve(d).resolve("dev.jsonl"))
        && Files.isRegularFile(folder.resolve(d).resolve("test.jsonl"))).toList();
  }

  /**
   * Why the suite cannot run, when the folder is absent or holds fewer than two of the data sets
   * (leave-one-out needs two); empty when it can.
   */
  public Optional<String> whySkipped() {
    return present().size() >= 2 ? Optional.empty() : Optional.of("skipped: " + folder
        + " is absent or holds fewer than two of " + DATASETS + " (each with train.jsonl, dev.jsonl, test.jsonl)");
  }

  /** Trains every adapter and writes the repository to {@code repository}. */
  public AdapterRepository train(List<String> datasets, TextEncoder encoder, Path repository) throws IOException {
    List<LoraAdapter> adapters = new ArrayList<>();
    AdapterTrainer trainer = AdapterTrainer.of(TrainingSettings.defaults().withEpochs(plan.trainEpochs()));
    for (String d : datasets) {
      List<Example> train = Shards.firstById(read(d, "train"), plan.trainExamples());
      List<Example> dev = read(d, "dev");
      for (String framing : List.of("native", "verbose", "inverted", "noise")) {
        UnaryOperator<Example> relabel = relabel(d, framing);
        TrainingResult result = trainer.train(d + "-" + framing, d + " (" + framing + " labels)",
            EncodedSet.of(train.stream().map(relabel).toList(), encoder),
            EncodedSet.of(dev.stream().map(relabel).toList(), encoder), new SplittableRandom(d.hashCode() * 31L + framing.hashCode()));
        log.printf(Locale.ROOT, "suite B: trained %s-%s: train accuracy %.3f, dev accuracy %.3f (%d epochs)%n", d,
            framing, result.trainAccuracy(), result.devAccuracy(), result.epochsRun());
        adapters.add(result.adapter());
      }
    }
    AdapterRepository repo = new AdapterRepository(AdapterRepository.REFERENCE_BASE_MODEL, adapters);
    AdapterWriter.write(repo, repository);
    return repo;
  }

  /** Each data set as the target, merged from the other data sets' adapters. */
  public List<ComparisonBench.Target> targets(List<String> datasets) {
    List<ComparisonBench.Target> targets = new ArrayList<>();
    for (String d : datasets) {
      List<String> others = new ArrayList<>();
      for (String o : datasets) {
        if (!o.equals(d)) {
          List.of("native", "verbose", "inverted", "noise").forEach(f -> others.add(o + "-" + f));
        }
      }
      targets.add(new ComparisonBench.Target(d, file(d, "dev").toString(), file(d, "test").toString(), others));
    }
    return targets;
  }

  private List<Example> read(String dataset, String split) {
    return ExampleReader.of().read(file(dataset, split));
  }

  private Path file(String dataset, String split) {
    return folder.resolve(dataset).resolve(split + ".jsonl").toAbsolutePath();
  }

  /** The relabelling of one framing: none, rephrased options, the next option, a random option. */
  static UnaryOperator<Example> relabel(String dataset, String framing) {
    return switch (framing) {
      case "native" -> e -> e;
      case "verbose" -> e -> rephrase(e, VERBOSE.getOrDefault(dataset, Map.of()));
      case "inverted" -> e -> withOutput(e, e.options().get((e.options().indexOf(e.output()) + 1) % e.options().size()));
      case "noise" -> e -> withOutput(e, e.options().get(new SplittableRandom(e.id().hashCode()).nextInt(e.options().size())));
      default -> throw new IllegalArgumentException("unknown framing " + framing);
    };
  }

  private static Example rephrase(Example e, Map<String, String> phrases) {
    List<String> options = e.options().stream().map(o -> phrases.getOrDefault(o, "the answer is " + o)).toList();
    return new Example(e.id(), e.instruction(), e.input(), options.get(e.options().indexOf(e.output())), options);
  }

  private static Example withOutput(Example e, String output) {
    return new Example(e.id(), e.instruction(), e.input(), output, e.options());
  }
}
