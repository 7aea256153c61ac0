package io.evomerge.job.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The folder of one run, {@code <output>/<run-id>/}, on any Hadoop FileSystem:
 *
 * <pre>
 * &lt;output&gt;/&lt;run-id&gt;/
 *   checkpoint/      driver state, kept across attempts ({@link CheckpointStore}), and
 *     history/       the history rows, one JSON file per generation ({@link #appendHistory})
 *   result.json      best merge, scores, compared methods, usage, configuration ({@link ResultJson})
 *   history/         one Parquet row per evaluated candidate ({@link HistoryWriter})
 *   history.csv      the same rows as one CSV file
 *   report.html      charts and comparison table ({@link ReportWriter})
 *   _staging/        only while final outputs are being written ({@link StagedOutputs})
 * </pre>
 *
 * <p>Final outputs go to {@code _staging/} and are renamed into the run folder by
 * {@link StagedOutputs#commit()}, so a failed run leaves no half-written output. Immutable and
 * thread-safe; the folder is created lazily.
 */
public final class RunDirectory {

  public static final String CHECKPOINT = "checkpoint";
  public static final String RESULT_JSON = "result.json";
  public static final String HISTORY = "history";
  public static final String HISTORY_CSV = "history.csv";
  public static final String REPORT_HTML = "report.html";
  public static final String STAGING = "_staging";

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern HISTORY_FILE = Pattern.compile("m(\\d{2})-g(\\d{6})\\.json");
  private static final TypeReference<List<HistoryRow>> ROWS = new TypeReference<>() {};

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

  /**
   * As {@link #of(Path, String, Configuration)}, on a given FileSystem; the local one without
   * Hadoop's {@code .crc} side files, which mean nothing to a user.
   */
  public static RunDirectory of(FileSystem fs, Path output, String runId) {
    Objects.requireNonNull(fs, "fs");
    Objects.requireNonNull(output, "output");
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new IllegalArgumentException("run id '" + runId + "' must match " + RUN_ID.pattern());
    }
    FileSystem plain = fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    return new RunDirectory(plain, plain.makeQualified(new Path(output, runId)), runId);
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

  /**
   * Writes the history rows of generation {@code generation} of method {@code method} (run order)
   * atomically to {@code checkpoint/history/m<method>-g<generation>.json}: as cheap at generation
   * 60 as at 5; the Parquet and CSV tables are made from these files once, at the end. A
   * generation written again (after a resume) replaces its file.
   */
  public void appendHistory(int method, int generation, List<HistoryRow> rows) throws IOException {
    Path folder = historyFolder();
    fs.mkdirs(folder);
    Path file = new Path(folder, String.format("m%02d-g%06d.json", method, generation));
    AtomicFiles.write(fs, file, OutputJson.compact().writeValueAsBytes(rows));
  }

  /**
   * Every appended row of method {@code m}'s generations below {@code generations.get(m)} (those
   * the checkpoint holds), methods in run order, then by generation and index.
   */
  public List<HistoryRow> readHistory(List<Integer> generations) throws IOException {
    List<Path> files = new ArrayList<>();
    if (fs.exists(historyFolder())) {
      for (FileStatus status : fs.listStatus(historyFolder())) {
        Matcher m = HISTORY_FILE.matcher(status.getPath().getName());
        int method = m.matches() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
        if (method < generations.size() && Integer.parseInt(m.group(2)) < generations.get(method)) {
          files.add(status.getPath());
        }
      }
    }
    files.sort(Comparator.comparing(Path::getName));
    List<HistoryRow> rows = new ArrayList<>();
    for (Path file : files) {
      try {
        rows.addAll(OutputJson.reader().forType(ROWS).readValue(AtomicFiles.read(fs, file)));
      } catch (JsonProcessingException e) {
        throw new IOException(file + ": not history rows of this EvoMerge version (" + e.getOriginalMessage()
            + "); run again without --resume, or with the version that began the run", e);
      }
    }
    return rows;
  }

  private Path historyFolder() {
    return new Path(resolve(CHECKPOINT), HISTORY);
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
