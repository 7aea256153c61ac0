package io.evomerge.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.data.DataFiles;
import io.evomerge.data.TaskManifest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateTasksCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new GenerateTasksCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void writesEveryTaskAndItsManifestAndPrintsALinePerTask() {
    assertEquals(0, run("--out", dir.toString(), "--seed", "5"), err.toString());
    TaskManifest manifest = TaskManifest.read(dir);
    assertEquals("generate-tasks --seed 5", manifest.command());
    manifest.tasks().forEach(task -> assertTrue(out.toString().contains(task.id()), task.id()));
    manifest.tasks().forEach(task -> task.sizes().forEach((split, size) ->
        assertEquals(size, DataFiles.read(task.file(dir, split).toString()).size(), task.id() + "/" + split)));
    assertTrue(out.toString().contains("wrote " + manifest.tasks().size() + " tasks"), out.toString());
  }

  @Test
  void failsWithExitCodeOneWhenTheOutputCannotBeWritten() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    assertEquals(1, run("--out", file.toString()));
    assertTrue(err.toString().startsWith("generate-tasks failed:"), err.toString());
  }

  @Test
  void rejectsABadSeedWithAUsageError() {
    assertEquals(2, run("--seed", "thirteen"));
    assertTrue(err.toString().contains("--seed"), err.toString());
  }
}
