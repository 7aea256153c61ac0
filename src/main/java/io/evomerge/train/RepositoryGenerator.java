package io.evomerge.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.evomerge.adapter.AdapterRepository;
import io.evomerge.data.Example;
import io.evomerge.data.TaskInfo;
import io.evomerge.data.TaskManifest;
import io.evomerge.encoder.TextEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Makes a large adapter repository for the reference service from the sample tasks (issue 11):
 * every adapter of an {@link AdapterVariant#plan} is trained, not copied, on data derived from the
 * tasks (the full splits, bootstrap halves, permuted labels, mixtures of two tasks, random labels).
 * Each task's texts are encoded once; adapters are trained on {@code threads} threads, each with its
 * own generator seeded by its variant, and collected in plan order, so the result does not depend
 * on the thread count: the same tasks, plan and settings give the same adapters bit for bit.
 * Immutable and thread-safe.
 */
public final class RepositoryGenerator {

  /** The summary written next to the adapters. */
  public static final String SUMMARY_FILE = "generation-summary.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final AdapterTrainer trainer;
  private final TextEncoder encoder;
  private final int threads;

  private RepositoryGenerator(AdapterTrainer trainer, TextEncoder encoder, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads = " + threads + " must be >= 1");
    }
    this.trainer = trainer;
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.threads = threads;
  }

  public static RepositoryGenerator of(TrainingSettings settings, TextEncoder encoder, int threads) {
    return new RepositoryGenerator(AdapterTrainer.of(settings), encoder, threads);
  }

  /**
   * One generated adapter and how its training went.
   *
   * @param adapter id
   * @param kind {@link AdapterVariant.Kind#id()}
   * @param tasks its sample task(s)
   * @param seed its generator's seed
   * @param trainSize training examples
   * @param devSize dev examples (early stopping)
   * @param epochsRun epochs run
   * @param bestEpoch the epoch kept
   * @param trainAccuracy accuracy on its own training data
   * @param devAccuracy accuracy on its own dev data
   */
  public record Row(String adapter, String kind, List<String> tasks, long seed, int trainSize, int devSize,
      int epochsRun, int bestEpoch, double trainAccuracy, double devAccuracy) {}

  /** A generated repository and its rows, in plan (= repository) order. */
  public record Generated(AdapterRepository repository, List<Row> rows) {

    public Generated {
      rows = List.copyOf(rows);
    }

    /** Writes the adapters (PEFT layout) and {@value #SUMMARY_FILE} with {@code about} into {@code dir}. */
    public void writeTo(Path dir, Map<String, Object> about) throws IOException {
      repository.writeTo(dir);
      Map<String, Object> summary = new LinkedHashMap<>(about);
      summary.put("adapters", rows);
      Files.writeString(dir.resolve(SUMMARY_FILE), JSON.writeValueAsString(summary) + "\n");
    }
  }

  /**
   * Trains every adapter of {@code plan} on the source tasks of {@code tasksDir}, each split cut to
   * its first {@code maxExamples} examples (0: all); {@code progress} gets one line per step.
   */
  public Generated generate(Path tasksDir, TaskManifest manifest, List<AdapterVariant> plan, int maxExamples,
      Consumer<String> progress) {
    Map<String, VariantSets.Encoded> encoded = encode(tasksDir, manifest, plan, maxExamples, progress);
    List<Outcome> outcomes = train(plan, encoded, progress);
    List<Row> rows = new ArrayList<>(plan.size());
    for (int i = 0; i < plan.size(); i++) {
      rows.add(outcomes.get(i).row(plan.get(i)));
    }
    return new Generated(AdapterRepository.of(AdapterRepository.REFERENCE_BASE_MODEL,
        outcomes.stream().map(o -> o.result().adapter()).toList()), rows);
  }

  private Map<String, VariantSets.Encoded> encode(Path tasksDir, TaskManifest manifest, List<AdapterVariant> plan,
      int maxExamples, Consumer<String> progress) {
    Set<String> needed = new LinkedHashSet<>();
    plan.forEach(v -> needed.addAll(v.tasks()));
    Map<String, VariantSets.Encoded> out = new LinkedHashMap<>();
    for (String id : needed) {
      TaskInfo info = manifest.task(id);
      if (!info.isSource()) {
        throw new IllegalArgumentException("task " + id + " is a target, not a source task");
      }
      TaskData task = TaskData.load(tasksDir, info);
      out.put(id, new VariantSets.Encoded(EncodedSet.of(cut(task.split("train"), maxExamples), encoder),
          EncodedSet.of(cut(task.split("dev"), maxExamples), encoder)));
      progress.accept("encoded " + id);
    }
    return out;
  }

  private static List<Example> cut(List<Example> examples, int maxExamples) {
    return maxExamples > 0 && examples.size() > maxExamples ? examples.subList(0, maxExamples) : examples;
  }

  /** One trained variant with the sizes of its data. */
  record Outcome(TrainingResult result, int trainSize, int devSize) {

    Row row(AdapterVariant v) {
      return new Row(v.id(), v.kind().id(), v.tasks(), v.seed(), trainSize, devSize, result.epochsRun(),
          result.bestEpoch(), result.trainAccuracy(), result.devAccuracy());
    }
  }

  private List<Outcome> train(List<AdapterVariant> plan, Map<String, VariantSets.Encoded> encoded,
      Consumer<String> progress) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Outcome>> futures = new ArrayList<>(plan.size());
      for (AdapterVariant v : plan) {
        futures.add(pool.submit(() -> trainOne(v, encoded)));
      }
      List<Outcome> out = new ArrayList<>(plan.size());
      for (int i = 0; i < futures.size(); i++) {
        out.add(futures.get(i).get());
        progress.accept(String.format(java.util.Locale.ROOT, "trained %d/%d %s", i + 1, plan.size(), plan.get(i).id()));
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training adapters", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Trains one variant with its own generator. */
  Outcome trainOne(AdapterVariant variant, Map<String, VariantSets.Encoded> encoded) {
    RandomGenerator random = RandomGeneratorFactory.of(RepositoryTrainer.RANDOM).create(variant.seed());
    VariantSets.Sets sets = VariantSets.of(variant, encoded, random);
    TrainingResult result = trainer.train(variant.id(), variant.description(), sets.train(), sets.dev(), random);
    return new Outcome(result, sets.train().size(), sets.dev().size());
  }
}
