package io.evomerge.data;

import java.io.Serializable;
import java.util.List;

/**
 * A consecutive slice of an id-sorted example set: the unit of work an executor sends to the merge
 * service. Immutable, thread-safe and serialisable (shipped to Spark executors).
 *
 * @param index 0-based position of the shard in its {@link Shards}
 * @param examples at least one example, in id order
 */
public record Shard(int index, List<Example> examples) implements Serializable {

  private static final long serialVersionUID = 1L;

  public Shard {
    if (index < 0) {
      throw new IllegalArgumentException("shard index must be >= 0, was " + index);
    }
    examples = List.copyOf(examples);
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("shard " + index + " has no examples");
    }
  }

  public int size() {
    return examples.size();
  }

  public List<String> ids() {
    return examples.stream().map(Example::id).toList();
  }
}
