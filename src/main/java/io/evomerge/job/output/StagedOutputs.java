package io.evomerge.job.output;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The final outputs of one attempt while they are written: write each into {@link #resolve}, then
 * {@link #commit()} moves them into the run folder. Closing without a commit deletes them, so
 * {@code try (StagedOutputs out = dir.stageOutputs()) { ...; out.commit(); }} leaves either the
 * complete new outputs or none of this attempt's.
 *
 * <p>Commit order: an existing {@code result.json} is deleted first, every other entry is renamed
 * into place (replacing the old one), and {@code result.json} is renamed last. A
 * {@code result.json} in the run folder therefore means every output beside it is complete and
 * from the same attempt. Each rename is atomic on HDFS and local disks; on object stores (S3A) a
 * folder rename is a copy, so a crash during commit can leave {@code result.json} absent, never a
 * stale one. Not thread-safe: one attempt, one driver thread.
 */
public final class StagedOutputs implements Closeable {

  private final RunDirectory run;
  private final Path staging;
  private boolean committed;

  private StagedOutputs(RunDirectory run, Path staging) {
    this.run = run;
    this.staging = staging;
  }

  static StagedOutputs create(RunDirectory run) throws IOException {
    FileSystem fs = run.fileSystem();
    Path staging = run.resolve(RunDirectory.STAGING);
    fs.delete(staging, true);
    if (!fs.mkdirs(staging)) {
      throw new IOException("could not create " + staging);
    }
    return new StagedOutputs(run, staging);
  }

  /** The staging folder itself, for writers that take a folder (Spark). */
  public Path path() {
    return staging;
  }

  /** Where to write the output {@code name} (for example {@link RunDirectory#RESULT_JSON}). */
  public Path resolve(String name) {
    if (name.equals(RunDirectory.CHECKPOINT) || name.equals(RunDirectory.STAGING) || name.contains("/")) {
      throw new IllegalArgumentException("'" + name + "' is not an output name");
    }
    return new Path(staging, name);
  }

  /** Moves every staged output into the run folder (see the class comment) and removes staging. */
  public void commit() throws IOException {
    if (committed) {
      throw new IllegalStateException("outputs of run " + run.runId() + " are already committed");
    }
    FileSystem fs = run.fileSystem();
    removeClutter(fs, staging);
    fs.delete(run.resolve(RunDirectory.RESULT_JSON), false);
    // checksum side files and temporaries (names starting with . or _) are left behind
    List<Path> entries = Arrays.stream(fs.listStatus(staging)).map(FileStatus::getPath)
        .filter(p -> !p.getName().startsWith(".") && !p.getName().startsWith("_"))
        .sorted(Comparator.comparing((Path p) -> p.getName().equals(RunDirectory.RESULT_JSON))
            .thenComparing(Comparator.naturalOrder()))
        .toList();
    for (Path entry : entries) {
      AtomicFiles.replace(fs, entry, run.resolve(entry.getName()));
    }
    fs.delete(staging, true);
    committed = true;
  }

  /** Deletes Hadoop's {@code .crc} side files and Spark's empty {@code _SUCCESS} markers. */
  private static void removeClutter(FileSystem fs, Path folder) throws IOException {
    for (FileStatus status : fs.listStatus(folder)) {
      String name = status.getPath().getName();
      if (status.isDirectory()) {
        removeClutter(fs, status.getPath());
      } else if (name.endsWith(".crc") || name.equals("_SUCCESS")) {
        fs.delete(status.getPath(), false);
      }
    }
  }

  /** Deletes the staged outputs unless they were committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      run.fileSystem().delete(staging, true);
    }
  }
}
