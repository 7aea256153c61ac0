package io.evomerge.job.output;

import java.io.IOException;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The folder of one run, {@code <output>/<run-id>/}, on any Hadoop FileSystem:
 *
 * <pre>
 * &lt;output&gt;/&lt;run-id&gt;/
 *   checkpoint/      driver state, kept across attempts ({@link CheckpointStore}), and
 *     history/       the history rows, one file per generation ({@link HistoryLog})
 *   result.json      best merge, scores, compared methods, usage, configuration ({@link ResultJson})
 *   history/         one Parquet row per evaluated candidate ({@link HistoryWriter})
 *   history.csv      the same rows as one CSV file
 *   report.html      charts and comparison table ({@link ReportWriter})
 *   _staging/        only while final outputs are being written ({@link StagedOutputs})
 * </pre>
 *
 * <p>Final outputs are never written in place: they go to {@code _staging/} and are renamed into
 * the run folder by {@link StagedOutputs#commit()}, so a failed run leaves no half-written output.
 * Immutable and thread-safe; the folder is created lazily.
 */
public final class RunDirectory {

  public static final String CHECKPOINT = "checkpoint";
  public static final String RESULT_JSON = "result.json";
  public static final String HISTORY = "history";
  public static final String HISTORY_CSV = "history.csv";
  public static final String REPORT_HTML = "report.html";
  public static final String STAGING = "_staging";

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final FileSystem fs;
  private final Path path;
  private final String runId;

  private RunDirectory(FileSystem fs, Path path, String runId) {
    this.fs = fs;
    this.path = path;
    this.runId = runId;
  }

  /**
   * The folder of {@code runId} under {@code output}, on the FileSystem of {@code output}'s scheme.
   *
   * @param runId letters, digits, {@code .}, {@code _} and {@code -}; starts with a letter or digit
   */
  public static RunDirectory of(Path output, String runId, Configuration conf) throws IOException {
    return of(output.getFileSystem(conf), output, runId);
  }

  /** As {@link #of(Path, String, Configuration)}, on a given FileSystem. */
  public static RunDirectory of(FileSystem fs, Path output, String runId) {
    Objects.requireNonNull(fs, "fs");
    Objects.requireNonNull(output, "output");
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("run id '" + runId + "' must match " + RUN_ID.pattern());
    }
    FileSystem plain = withoutChecksums(fs);
    return new RunDirectory(plain, plain.makeQualified(new Path(output, runId)), runId);
  }

  /**
   * The local file system without Hadoop's {@code .crc} side files, which mean nothing to a
   * user; any other file system as it is.
   */
  private static FileSystem withoutChecksums(FileSystem fs) {
    return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  public String runId() {
    return runId;
  }

  /** {@code <output>/<run-id>}, fully qualified. */
  public Path path() {
    return path;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /** {@code <run>/<name>}: where a committed output lives. */
  public Path resolve(String name) {
    return new Path(path, name);
  }

  /** The checkpoints of this run; they survive failed attempts and commits. */
  public CheckpointStore checkpoints() {
    return CheckpointStore.of(fs, resolve(CHECKPOINT));
  }

  /** The history rows of this run, kept beside its checkpoints until the end. */
  public HistoryLog historyLog() {
    return HistoryLog.of(fs, new Path(resolve(CHECKPOINT), HISTORY));
  }

  /** Whether the run's final {@code result.json} is there. */
  public boolean hasResult() throws IOException {
    return fs.exists(resolve(RESULT_JSON));
  }

  /**
   * A fresh, empty {@code _staging/} folder for this attempt's final outputs; what an earlier
   * attempt left there is deleted first.
   */
  public StagedOutputs stageOutputs() throws IOException {
    return StagedOutputs.create(this);
  }
}
