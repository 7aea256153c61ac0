package io.evomerge.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.evomerge.adapter.AdapterRepository;
import io.evomerge.adapter.AdapterWriter;
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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Makes a large adapter repository for the reference service from the sample tasks (issue 11):
 * every adapter of an {@link AdapterVariant#plan} is trained, not copied, on data derived from the
 * tasks (the full splits, bootstrap halves, permuted labels, mixtures of two tasks, random labels).
 * Each task's texts are encoded once (tasks in parallel); adapters are trained on {@code threads}
 * threads, each with its
 * own generator seeded by its variant, and collected in plan order, so the result does not depend
 * on the thread count: the same tasks, plan and settings give the same adapters bit for bit.
 * Immutable and thread-safe.
 */
public final class RepositoryGenerator {

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

  /** One generated adapter and how its training went. */
  public record Row(String adapter, String kind, List<String> tasks, long seed, int trainSize, int devSize,
      int epochsRun, int bestEpoch, double trainAccuracy, double devAccuracy) {}

  /** A generated repository and its rows, in plan (= repository) order. */
  public record Generated(AdapterRepository repository, List<Row> rows) {

    public Generated {
      rows = List.copyOf(rows);
    }

    public void writeTo(Path dir, Map<String, Object> about) throws IOException {
      AdapterWriter.write(repository, dir);
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
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Map<String, VariantSets.Encoded> encoded = encode(pool, tasksDir, manifest, plan, maxExamples, progress);
      List<Callable<Outcome>> jobs = plan.stream().<Callable<Outcome>>map(v -> () -> trainOne(v, encoded)).toList();
      List<Outcome> outcomes = inOrder(pool, jobs, i -> progress.accept(String.format(Locale.ROOT,
          "trained %d/%d %s", i + 1, plan.size(), plan.get(i).id())));
      List<Row> rows = new ArrayList<>(plan.size());
      for (int i = 0; i < plan.size(); i++) {
        rows.add(outcomes.get(i).row(plan.get(i)));
      }
      return new Generated(new AdapterRepository(AdapterRepository.REFERENCE_BASE_MODEL,
          outcomes.stream().map(o -> o.result().adapter()).toList()), rows);
    } finally {
      pool.shutdownNow();
    }
  }

  private Map<String, VariantSets.Encoded> encode(ExecutorService pool, Path tasksDir, TaskManifest manifest,
      List<AdapterVariant> plan, int maxExamples, Consumer<String> progress) {
    Set<String> needed = new LinkedHashSet<>();
    plan.forEach(v -> needed.addAll(v.tasks()));
    List<String> ids = List.copyOf(needed);
    List<Callable<VariantSets.Encoded>> jobs = new ArrayList<>();
    for (String id : ids) {
      TaskInfo info = manifest.task(id);
      if (!info.isSource()) {
        throw new IllegalArgumentException("task " + id + " is a target, not a source task");
      }
      TaskData task = TaskData.load(tasksDir, info);
      jobs.add(() -> new VariantSets.Encoded(EncodedSet.of(cut(task.split("train"), maxExamples), encoder),
          EncodedSet.of(cut(task.split("dev"), maxExamples), encoder)));
    }
    List<VariantSets.Encoded> sets = inOrder(pool, jobs, i -> progress.accept("encoded " + ids.get(i)));
    Map<String, VariantSets.Encoded> out = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      out.put(ids.get(i), sets.get(i));
    }
    progress.accept("encoded " + out.size() + " tasks; training " + plan.size() + " adapters");
    return out;
  }

  private static List<Example> cut(List<Example> examples, int maxExamples) {
    return maxExamples > 0 && examples.size() > maxExamples ? examples.subList(0, maxExamples) : examples;
  }

  record Outcome(TrainingResult result, int trainSize, int devSize) {

    Row row(AdapterVariant v) {
      return new Row(v.id(), v.kind().id(), v.tasks(), v.seed(), trainSize, devSize, result.epochsRun(),
          result.bestEpoch(), result.trainAccuracy(), result.devAccuracy());
    }
  }

  /** Runs {@code jobs} on {@code pool} and returns their results in job order; {@code done} hears each index. */
  private static <T> List<T> inOrder(ExecutorService pool, List<Callable<T>> jobs, IntConsumer done) {
    List<Future<T>> futures = jobs.stream().map(pool::submit).toList();
    List<T> out = new ArrayList<>(jobs.size());
    try {
      for (int i = 0; i < futures.size(); i++) {
        out.add(futures.get(i).get());
        done.accept(i);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating adapters", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  Outcome trainOne(AdapterVariant variant, Map<String, VariantSets.Encoded> encoded) {
    RandomGenerator random = RandomGeneratorFactory.of(RepositoryTrainer.RANDOM).create(variant.seed());
    VariantSets.Sets sets = VariantSets.of(variant, encoded, random);
    TrainingResult result = trainer.train(variant.id(), variant.description(), sets.train(), sets.dev(), random);
    return new Outcome(result, sets.train().size(), sets.dev().size());
  }
}
