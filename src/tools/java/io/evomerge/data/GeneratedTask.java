package io.evomerge.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task produced by {@link TaskGenerator}: its manifest entry and the examples of each split.
 * Immutable and thread-safe.
 *
 * @param splits examples by split name, in the order of {@link TaskInfo#sizes()}
 */
public record GeneratedTask(TaskInfo info, Map<String, List<Example>> splits) {

  public GeneratedTask {
    Objects.requireNonNull(info, "info");
    Map<String, List<Example>> copy = new LinkedHashMap<>();
    splits.forEach((split, examples) -> copy.put(split, List.copyOf(examples)));
    splits = Collections.unmodifiableMap(copy);
  }

  public List<Example> split(String name) {
    List<Example> examples = splits.get(name);
    if (examples == null) {
      throw new IllegalArgumentException("task " + info.id() + " has no split " + name);
    }
    return examples;
  }
}
