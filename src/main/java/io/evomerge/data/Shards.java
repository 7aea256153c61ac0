package io.evomerge.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * An example set cut deterministically into shards: the examples are sorted
 * by id ({@link String#compareTo}) and cut into consecutive shards of {@code shardSize}; only the
 * last one may be smaller. The same examples give the same shards whatever order they came in.
 * Immutable, thread-safe and serialisable (shipped to Spark executors).
 *
 * @param list the shards, in index order (built by {@link #of})
 */
public record Shards(List<Shard> list, int shardSize) implements Iterable<Shard>, Serializable {

  private static final Comparator<Example> BY_ID = Comparator.comparing(Example::id);

  public Shards {
    list = List.copyOf(list);
  }

  /**
   * The shards of {@code examples}.
   *
   * @param examples at least one example, ids unique
   * @param shardSize examples per shard, at least 1
   * @throws IllegalArgumentException when the set is empty, an id repeats or the size is < 1
   */
  public static Shards of(List<Example> examples, int shardSize) {
    if (shardSize < 1) {
      throw new IllegalArgumentException("shardSize must be >= 1, was " + shardSize);
    }
    List<Example> sorted = sortedById(examples);
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("cannot shard an empty example set");
    }
    List<Shard> shards = new ArrayList<>();
    for (int from = 0; from < sorted.size(); from += shardSize) {
      int to = Math.min(from + shardSize, sorted.size());
      shards.add(new Shard(shards.size(), sorted.subList(from, to)));
    }
    return new Shards(shards, shardSize);
  }

  /**
   * The first {@code limit} examples by id: the deterministic cap of a fitness set
   * ({@code maxFitnessExamples}). All of them, sorted, when there are no more than {@code limit}.
   *
   * @throws IllegalArgumentException when {@code limit} < 1 or an id repeats
   */
  public static List<Example> firstById(List<Example> examples, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    List<Example> sorted = sortedById(examples);
    return List.copyOf(sorted.subList(0, Math.min(limit, sorted.size())));
  }

  /** The examples sorted by id; fails when an id repeats. */
  public static List<Example> sortedById(List<Example> examples) {
    List<Example> sorted = examples.stream().sorted(BY_ID).toList();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
        throw new IllegalArgumentException("duplicate example id \"" + sorted.get(i).id() + "\"");
      }
    }
    return sorted;
  }

  public Shard shard(int index) {
    return list.get(index);
  }

  public int count() {
    return list.size();
  }

  public int exampleCount() {
    return list.stream().mapToInt(Shard::size).sum();
  }

  /** All examples, in id order. */
  public List<Example> examples() {
    return list.stream().flatMap(shard -> shard.examples().stream()).toList();
  }

  @Override
  public Iterator<Shard> iterator() {
    return list.iterator();
  }

  @Override
  public String toString() {
    return "Shards[" + list.size() + " of " + shardSize + ", " + exampleCount() + " examples]";
  }
}
