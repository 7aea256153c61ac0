package io.evomerge.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Generates the project's own multiple-choice tasks from its templates and word lists (the
 * grammars in {@code src/tools/resources/io/evomerge/data/tasks/}; no external data). The built-in
 * catalogue has source tasks, on which adapters are trained, in several families (review
 * sentiment in six domains, emotion, topic, question type, intent in four domains, style, triage),
 * among them tasks with inverted labels (an adapter that helps when subtracted) and tasks with
 * random labels (noise); and held-out target tasks in new domains with new label wordings, each
 * related to some sources and not others, so that a searched signed merge can beat both the
 * uniform merge and the best single adapter. {@link #design()} and the manifest describe the
 * intended structure.
 *
 * <p>Reproducible: each task draws one seed from the generator passed in, in catalogue order, and
 * composes its texts with its own {@code L64X128MixRandom} of that seed; the same seed gives
 * byte-identical files. Immutable and thread-safe; the generator passed in is used by one call.
 */
public final class TaskGenerator {

  private static final String TASK_RANDOM = "L64X128MixRandom";

  private final Catalogue catalogue;
  private final Map<String, Grammar> grammars;

  private TaskGenerator(Catalogue catalogue) {
    this.catalogue = catalogue;
    this.grammars = Map.copyOf(catalogue.grammars());
  }

  public static TaskGenerator of() {
    return new TaskGenerator(Catalogue.builtIn());
  }

  public List<TaskInfo> tasks() {
    return catalogue.tasks().stream().map(TaskSpec::info).toList();
  }

  public String design() {
    return catalogue.design().strip();
  }

  /** Every task with its examples, in catalogue order. */
  public List<GeneratedTask> generate(RandomGenerator random) {
    List<GeneratedTask> tasks = new ArrayList<>();
    for (TaskSpec spec : catalogue.tasks()) {
      RandomGenerator taskRandom = RandomGeneratorFactory.of(TASK_RANDOM).create(random.nextLong());
      tasks.add(new GeneratedTask(spec.info(), TaskComposer.compose(spec, grammars.get(spec.id()), taskRandom)));
    }
    return tasks;
  }

  /**
   * Generates every task and writes {@code <dir>/<task id>/<split>.jsonl} and {@code
   * <dir>/tasks.json}, calling {@code written} after each task's files are complete.
   *
   * @param command how the folder was made, recorded in the manifest (e.g. {@code generate-tasks --seed 13})
   */
  public TaskManifest write(Path dir, RandomGenerator random, String command, Consumer<GeneratedTask> written) {
    List<TaskInfo> infos = new ArrayList<>();
    for (GeneratedTask task : generate(random)) {
      writeTask(dir, task);
      infos.add(task.info());
      written.accept(task);
    }
    TaskManifest manifest = new TaskManifest(1, command, design(), infos);
    manifest.write(dir);
    return manifest;
  }

  private static void writeTask(Path dir, GeneratedTask task) {
    try {
      Files.createDirectories(dir.resolve(task.info().id()));
      for (var split : task.splits().entrySet()) {
        try (OutputStream out = Files.newOutputStream(task.info().file(dir, split.getKey()))) {
          ExampleWriter.write(split.getValue(), out);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write task " + task.info().id() + " under " + dir, e);
    }
  }
}
