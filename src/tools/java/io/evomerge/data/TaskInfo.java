package io.evomerge.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One generated task as the manifest {@code data/tasks/tasks.json} describes it. Its files are
 * {@code <tasks dir>/<id>/<split>.jsonl} for every split in {@link #sizes()}. Immutable and
 * thread-safe.
 *
 * @param id folder name and adapter name, e.g. {@code sentiment-movies}
 * @param family what kind of task: sentiment, emotion, topic, question, intent, style, triage, noise
 * @param role {@code source} (an adapter is trained on it) or {@code target} (held out: the job
 *     merges adapters for it)
 * @param labels {@code clean}; {@code inverted} (every label moved to the next option, for two
 *     options a swap: an adapter trained on it helps when subtracted); or {@code random} (noise)
 * @param description what the texts are and, for a target, how the adapters are meant to relate
 * @param instruction the instruction on every line of the task
 * @param options the answer strings of every line, in file order
 * @param sizes examples per split, in file order: {@code train, dev} for a source, {@code dev,
 *     test} for a target (the dev split is the fitness set)
 * @param intended for a target, the intended role of source tasks (keys {@code helpful}, {@code
 *     subtract}, {@code interfering}); empty for a source
 */
@JsonPropertyOrder({"id", "family", "role", "labels", "description", "instruction", "options",
    "sizes", "intended"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TaskInfo(String id, String family, String role, String labels, String description,
    String instruction, List<String> options, Map<String, Integer> sizes,
    Map<String, List<String>> intended) implements Serializable {

  public static final String SOURCE = "source";
  public static final String TARGET = "target";

  public TaskInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(family, "family");
    if (!SOURCE.equals(role) && !TARGET.equals(role)) {
      throw new IllegalArgumentException("task " + id + ": role must be source or target, was " + role);
    }
    if (!List.of("clean", "inverted", "random").contains(labels)) {
      throw new IllegalArgumentException("task " + id + ": labels must be clean, inverted or random");
    }
    description = description == null ? "" : description;
    instruction = instruction == null ? "" : instruction;
    options = List.copyOf(options);
    sizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    intended = intended == null ? Map.of() : copy(intended);
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isSource() {
    return SOURCE.equals(role);
  }

  public java.nio.file.Path file(java.nio.file.Path tasksDir, String split) {
    if (!sizes.containsKey(split)) {
      throw new IllegalArgumentException("task " + id + " has no split " + split + "; it has " + sizes.keySet());
    }
    return tasksDir.resolve(id).resolve(split + ".jsonl");
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> map) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key, List.copyOf(value)));
    return java.util.Collections.unmodifiableMap(copy);
  }
}
