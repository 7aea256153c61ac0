package io.evomerge.train;

import io.evomerge.adapter.AdapterRepository;
import io.evomerge.data.TaskInfo;
import io.evomerge.data.TaskManifest;
import io.evomerge.encoder.TextEncoder;
import io.evomerge.model.ReferenceModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Trains one adapter per source task of a tasks folder ({@code train} split, early stopping on
 * {@code dev}) and measures each against the zero-shot base model. Adapter i's generator is
 * {@value #RANDOM} seeded with {@link #adapterSeed}, so an adapter depends only on the seed and its
 * own task. Immutable and thread-safe.
 */
public final class RepositoryTrainer {

  /** The generator algorithm the seed feeds; part of the reproducibility contract. */
  public static final String RANDOM = "L64X128MixRandom";

  private final AdapterTrainer trainer;
  private final TextEncoder encoder;

  private RepositoryTrainer(AdapterTrainer trainer, TextEncoder encoder) {
    this.trainer = Objects.requireNonNull(trainer, "trainer");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  public static RepositoryTrainer of(TrainingSettings settings, TextEncoder encoder) {
    return new RepositoryTrainer(AdapterTrainer.of(settings), encoder);
  }

  public TrainingSettings settings() {
    return trainer.settings();
  }

  /** A trained repository and its summary lines, in repository order. */
  public record Trained(AdapterRepository repository, List<AdapterRow> rows) {
    public Trained {
      rows = List.copyOf(rows);
    }
  }

  /** The generator seed of the adapter for {@code taskId}: {@code seed * 1000003 + taskId.hashCode()}. */
  public static long adapterSeed(long seed, String taskId) {
    return seed * 1_000_003L + taskId.hashCode();
  }

  public static RandomGenerator generator(long seed, String taskId) {
    return RandomGeneratorFactory.of(RANDOM).create(adapterSeed(seed, taskId));
  }

  public Trained train(Path tasksDir, TaskManifest manifest, long seed, Consumer<String> progress) {
    List<TrainingResult> results = new ArrayList<>();
    List<TaskData> tasks = new ArrayList<>();
    for (TaskInfo info : manifest.sources()) {
      TaskData task = TaskData.load(tasksDir, info);
      TrainingResult r = trainOne(task, seed);
      progress.accept(String.format("%-26s train %.3f  dev %.3f  (epochs %d, best %d)", info.id(),
          r.trainAccuracy(), r.devAccuracy(), r.epochsRun(), r.bestEpoch()));
      results.add(r);
      tasks.add(task);
    }
    AdapterRepository repository = new AdapterRepository(AdapterRepository.REFERENCE_BASE_MODEL,
        results.stream().map(TrainingResult::adapter)
            .sorted((x, y) -> x.id().compareTo(y.id())).toList());
    return new Trained(repository, rows(repository, tasks, results));
  }

  public TrainingResult trainOne(TaskData task, long seed) {
    EncodedSet train = EncodedSet.of(task.split("train"), encoder);
    EncodedSet dev = EncodedSet.of(task.split("dev"), encoder);
    return trainer.train(task.id(), task.info().description(), train, dev, generator(seed, task.id()));
  }

  private List<AdapterRow> rows(AdapterRepository repository, List<TaskData> tasks, List<TrainingResult> results) {
    ReferenceModel model = new ReferenceModel(repository, encoder, trainer.settings().temperature());
    List<AdapterRow> rows = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      TaskData task = tasks.get(i);
      TrainingResult r = results.get(i);
      double base = Scores.of(model, ReferenceModel.baseVectors(repository.size()), task.split("dev")).accuracy();
      rows.add(new AdapterRow(task.id(), task.info().family(), task.info().labels(), task.split("train").size(),
          task.split("dev").size(), base, r.trainAccuracy(), r.devAccuracy(), r.devLoss(), r.epochsRun(),
          r.bestEpoch()));
    }
    rows.sort((x, y) -> x.adapter().compareTo(y.adapter()));
    return rows;
  }
}
