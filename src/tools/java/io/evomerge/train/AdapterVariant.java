package io.evomerge.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * One adapter of a generated repository: which sample task(s) it is trained on, how its training
 * data is made from them, and the seed of its own generator. Immutable.
 *
 * @param id the adapter's id and folder name, numbered so that folder order is plan order
 * @param kind how the training data is derived
 * @param tasks its source task (two for a mixture)
 * @param seed the seed of its generator (data derivation, initialisation and minibatch order)
 */
public record AdapterVariant(String id, Kind kind, List<String> tasks, long seed) {

  public AdapterVariant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    tasks = List.copyOf(tasks);
    if (tasks.size() != (kind == Kind.MIXTURE ? 2 : 1)) {
      throw new IllegalArgumentException("variant " + id + ": a " + kind.id() + " adapter needs "
          + (kind == Kind.MIXTURE ? 2 : 1) + " task(s), got " + tasks);
    }
  }

  public enum Kind {
    FULL("full"),
    BOOTSTRAP("bootstrap"),
    PERMUTED("permuted"),
    MIXTURE("mix"),
    RANDOM("random");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  static final List<Kind> CYCLE = List.of(Kind.BOOTSTRAP, Kind.MIXTURE, Kind.BOOTSTRAP, Kind.PERMUTED,
      Kind.MIXTURE, Kind.RANDOM);

  /**
   * The plan of a repository of {@code count} adapters over the sample tasks {@code taskIds}: first
   * one FULL adapter per task (as far as {@code count} goes), then the kinds of {@link #CYCLE} in
   * turn, each on task(s) drawn from {@code seed}'s generator, which also draws each variant's seed.
   * The same arguments give the same plan.
   */
  public static List<AdapterVariant> plan(List<String> taskIds, int count, long seed) {
    if (taskIds.size() < 2 || count < 1) {
      throw new IllegalArgumentException("a generated repository needs at least 2 sample tasks and 1 adapter, got "
          + taskIds.size() + " tasks and " + count + " adapters");
    }
    RandomGenerator random = RandomGeneratorFactory.of(RepositoryTrainer.RANDOM).create(seed);
    int width = Math.max(4, String.valueOf(count - 1).length());
    List<AdapterVariant> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Kind kind = i < taskIds.size() ? Kind.FULL : CYCLE.get((i - taskIds.size()) % CYCLE.size());
      List<String> tasks = tasks(kind, i, taskIds, random);
      out.add(new AdapterVariant(name(i, width, kind, tasks), kind, tasks, random.nextLong()));
    }
    return out;
  }

  private static List<String> tasks(Kind kind, int i, List<String> taskIds, RandomGenerator random) {
    if (kind == Kind.FULL) {
      return List.of(taskIds.get(i));
    }
    int first = random.nextInt(taskIds.size());
    if (kind != Kind.MIXTURE) {
      return List.of(taskIds.get(first));
    }
    int second = (first + 1 + random.nextInt(taskIds.size() - 1)) % taskIds.size();
    return List.of(taskIds.get(first), taskIds.get(second));
  }

  private static String name(int i, int width, Kind kind, List<String> tasks) {
    return String.format(Locale.ROOT, "v%0" + width + "d-%s-%s", i, kind.id(), String.join("-x-", tasks));
  }

  public String description() {
    return kind.id() + " of " + String.join(" and ", tasks) + " (seed " + seed + ")";
  }
}
