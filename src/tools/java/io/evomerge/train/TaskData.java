package io.evomerge.train;

import io.evomerge.data.Example;
import io.evomerge.data.ExampleReader;
import io.evomerge.data.TaskInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task of a tasks folder with its splits read. Immutable.
 *
 * @param splits examples by split name, in the manifest's split order
 */
public record TaskData(TaskInfo info, Map<String, List<Example>> splits) {

  public TaskData {
    splits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(splits));
  }

  public static TaskData load(Path tasksDir, TaskInfo info) {
    Map<String, List<Example>> splits = new LinkedHashMap<>();
    for (String split : info.sizes().keySet()) {
      splits.put(split, ExampleReader.of().read(info.file(tasksDir, split)));
    }
    return new TaskData(info, splits);
  }

  /** The examples of {@code split}; an empty list when the task has no such split. */
  public List<Example> split(String name) {
    return splits.getOrDefault(name, List.of());
  }

  public String id() {
    return info.id();
  }
}
