package io.evomerge.data;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The manifest of a tasks folder, {@code <dir>/tasks.json}: how the folder was made and every task
 * in it. The layout of the folder is {@code <dir>/tasks.json} plus {@code <dir>/<task id>/<split>.jsonl}.
 * Immutable and thread-safe.
 *
 * @param version format version of the manifest, currently 1
 * @param command the command that generated the folder (with its seed)
 * @param design how sources and targets are meant to relate, in words
 * @param tasks sources first, then targets, in generation order
 */
@JsonPropertyOrder({"version", "command", "design", "tasks"})
public record TaskManifest(int version, String command, String design, List<TaskInfo> tasks) {

  public static final String FILE_NAME = "tasks.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public TaskManifest {
    Objects.requireNonNull(command, "command");
    design = design == null ? "" : design;
    tasks = List.copyOf(tasks);
  }

  public List<TaskInfo> sources() {
    return tasks.stream().filter(TaskInfo::isSource).toList();
  }

  public List<TaskInfo> targets() {
    return tasks.stream().filter(task -> !task.isSource()).toList();
  }

  public TaskInfo task(String id) {
    return tasks.stream().filter(task -> task.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no task " + id + " in the manifest"));
  }

  public static TaskManifest read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try {
      return JSON.readValue(file.toFile(), TaskManifest.class);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw DataFileException.of(DataProblem.ofFile(file.toString(), "no such file (run generate-tasks)"));
    } catch (IOException e) {
      throw DataFileException.of(DataProblem.ofFile(file.toString(), "not a task manifest: " + e.getMessage()));
    }
  }

  /** Writes {@code <dir>/tasks.json} (two-space indent, {@code \n} line ends, deterministic). */
  public void write(Path dir) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"));
    try {
      String text = JSON.writer(printer).writeValueAsString(this) + "\n";
      Files.writeString(dir.resolve(FILE_NAME), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(FILE_NAME), e);
    }
  }
}
