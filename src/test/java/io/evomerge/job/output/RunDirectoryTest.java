package io.evomerge.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

  @TempDir java.nio.file.Path temp;
  private Path output;
  private FileSystem local;

  @BeforeEach
  void setUp() throws IOException {
    output = new Path(temp.toUri().toString(), "out");
    local = FileSystem.getLocal(new Configuration());
  }

  private java.nio.file.Path runFolder() {
    return temp.resolve("out").resolve("run-1");
  }

  private List<String> entries() throws IOException {
    try (var files = Files.list(runFolder())) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
    }
  }

  private static void text(FileSystem fs, Path path, String content) throws IOException {
    try (var out = fs.create(path, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void theRunFolderIsTheRunIdUnderTheOutputOnThePathsFileSystem() throws IOException {
    RunDirectory run = RunDirectory.of(output, "run-1", new Configuration());

    assertEquals("file", run.path().toUri().getScheme());
    assertEquals(runFolder().toString(), run.path().toUri().getPath());
    assertEquals(new Path(run.path(), "checkpoint"), run.checkpoints().folder());
  }

  @Test
  void runIdsThatCouldEscapeOrHideAreRefused() {
    for (String bad : List.of("", "../x", "a/b", ".hidden", "_staging", "a b")) {
      var e = assertThrows(IllegalArgumentException.class, () -> RunDirectory.of(local, output, bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void stagedOutputsAppearOnlyOnCommit() throws IOException {
    RunDirectory run = RunDirectory.of(local, output, "run-1");
    try (StagedOutputs staged = run.stageOutputs()) {
      text(local, staged.resolve(RunDirectory.RESULT_JSON), "{}");
      text(local, staged.resolve(RunDirectory.REPORT_HTML), "<html/>");
      assertEquals(List.of("_staging"), entries());

      staged.commit();
    }
    assertEquals(List.of("report.html", "result.json"), entries());
  }

  @Test
  void aFailedAttemptLeavesThePreviousOutputsAndCheckpointsUntouched() throws IOException {
    RunDirectory run = RunDirectory.of(local, output, "run-1");
    run.checkpoints().save("{\"generation\":3}");
    try (StagedOutputs staged = run.stageOutputs()) {
      text(local, staged.resolve(RunDirectory.RESULT_JSON), "{\"attempt\":1}");
      staged.commit();
    }

    assertThrows(IllegalStateException.class, () -> {
      try (StagedOutputs staged = run.stageOutputs()) {
        text(local, staged.resolve(RunDirectory.RESULT_JSON), "{\"attempt\":2");
        throw new IllegalStateException("the run failed before its outputs were complete");
      }
    });

    assertEquals(List.of("checkpoint", "result.json"), entries());
    assertEquals("{\"attempt\":1}", Files.readString(runFolder().resolve("result.json")));
    assertEquals(Optional.of("{\"generation\":3}"), run.checkpoints().load());
  }

  @Test
  void aNewCommitReplacesFilesAndFoldersOfTheSameName() throws IOException {
    RunDirectory run = RunDirectory.of(local, output, "run-1");
    for (int attempt = 1; attempt <= 2; attempt++) {
      try (StagedOutputs staged = run.stageOutputs()) {
        local.mkdirs(staged.resolve(RunDirectory.HISTORY));
        text(local, new Path(staged.resolve(RunDirectory.HISTORY), "part-" + attempt), "x");
        text(local, staged.resolve(RunDirectory.RESULT_JSON), "{\"attempt\":" + attempt + "}");
        staged.commit();
      }
    }
    assertEquals("{\"attempt\":2}", Files.readString(runFolder().resolve("result.json")));
    try (var parts = Files.list(runFolder().resolve("history"))) {
      assertEquals(List.of("part-2"), parts.map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith(".crc")).toList());
    }
  }

  @Test
  void aCrashDuringCommitNeverLeavesAStaleResultBesideNewOutputs() throws IOException {
    RunDirectory first = RunDirectory.of(local, output, "run-1");
    try (StagedOutputs staged = first.stageOutputs()) {
      text(local, staged.resolve(RunDirectory.RESULT_JSON), "{\"attempt\":1}");
      text(local, staged.resolve(RunDirectory.REPORT_HTML), "old");
      staged.commit();
    }
    FaultyFileSystem faulty = new FaultyFileSystem();
    faulty.crashOnRenameTo = RunDirectory.RESULT_JSON;
    RunDirectory second = RunDirectory.of(faulty, output, "run-1");

    StagedOutputs staged = second.stageOutputs();
    text(local, staged.resolve(RunDirectory.RESULT_JSON), "{\"attempt\":2}");
    text(local, staged.resolve(RunDirectory.REPORT_HTML), "new");
    assertThrows(IOException.class, staged::commit);

    assertFalse(Files.exists(runFolder().resolve("result.json")));
    assertEquals("new", Files.readString(runFolder().resolve("report.html")));
  }

  @Test
  void stagingStartsEmptyEvenAfterACrashedAttempt() throws IOException {
    RunDirectory run = RunDirectory.of(local, output, "run-1");
    StagedOutputs crashed = run.stageOutputs();
    text(local, crashed.resolve("report.html"), "half");

    try (StagedOutputs fresh = run.stageOutputs()) {
      assertEquals(0, local.listStatus(fresh.path()).length);
    }
  }

  @Test
  void checkpointAndStagingAreNotOutputNames() throws IOException {
    try (StagedOutputs staged = RunDirectory.of(local, output, "run-1").stageOutputs()) {
      assertThrows(IllegalArgumentException.class, () -> staged.resolve("checkpoint"));
      assertThrows(IllegalArgumentException.class, () -> staged.resolve("a/b"));
    }
  }

  @Test
  void historyComesBackInMethodAndGenerationOrderWithoutGenerationsTheCheckpointDoesNotHold()
      throws IOException {
    RunDirectory run = RunDirectory.of(local, output, "run-1");
    List<HistoryRow> rows = HistorySamples.rows(4, 2, 3, 3);
    run.appendHistory(1, 0, rows.subList(0, 2));
    run.appendHistory(0, 1, rows.subList(2, 4));
    run.appendHistory(0, 0, rows.subList(4, 6));
    run.appendHistory(0, 2, rows.subList(6, 8));

    assertEquals(List.of(rows.get(4), rows.get(5), rows.get(2), rows.get(3), rows.get(0), rows.get(1)),
        run.readHistory(List.of(2, 1)), "method 0's generation 2 was written but never checkpointed");
  }

  @Test
  void historyOfAnotherFormatIsRefusedNamingTheFile() throws IOException {
    RunDirectory run = RunDirectory.of(local, output, "run-1");
    Path file = new Path(run.resolve("checkpoint"), "history/m00-g000000.json");
    text(local, file, "[{\"runId\":\"run-1\",\"alpha\":[1.0],\"beta\":[0.5]}]");

    IOException e = assertThrows(IOException.class, () -> run.readHistory(List.of(1)));
    assertTrue(e.getMessage().startsWith(file + ": not history rows of this EvoMerge version"), e.getMessage());
    assertTrue(e.getMessage().contains("without --resume"), e.getMessage());
  }
}
