package io.evomerge.job.output;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The history rows of a run while it runs: one small JSON file per generation,
 * {@code m<method>-g<generation>.json}, written atomically beside the checkpoint. Writing one
 * costs the same at generation 60 as at generation 5; the Parquet and CSV tables are made from
 * them once, at the end. A generation written again (after a resume) replaces its file, and rows
 * of generations the checkpoint does not include are left out on reading. Immutable.
 */
public final class HistoryLog {

  private static final Pattern NAME = Pattern.compile("m(\\d{2})-g(\\d{6})\\.json");
  private static final TypeReference<List<HistoryRow>> ROWS = new TypeReference<>() {};

  private final FileSystem fs;
  private final Path folder;

  private HistoryLog(FileSystem fs, Path folder) {
    this.fs = fs;
    this.folder = folder;
  }

  public static HistoryLog of(FileSystem fs, Path folder) {
    return new HistoryLog(fs, folder);
  }

  /** Writes the rows of generation {@code generation} of method {@code method} (run order). */
  public void append(int method, int generation, List<HistoryRow> rows) throws IOException {
    fs.mkdirs(folder);
    Path path = new Path(folder, String.format("m%02d-g%06d.json", method, generation));
    AtomicFiles.write(fs, path, OutputJson.compact().writeValueAsBytes(rows));
  }

  /**
   * Every row of method {@code m}'s generations below {@code generations.get(m)}, methods in run
   * order, then by generation and index.
   */
  public List<HistoryRow> read(List<Integer> generations) throws IOException {
    List<Path> files = new ArrayList<>();
    if (fs.exists(folder)) {
      for (FileStatus status : fs.listStatus(folder)) {
        keep(status.getPath(), generations).ifPresent(files::add);
      }
    }
    files.sort(Comparator.comparing(Path::getName));
    List<HistoryRow> rows = new ArrayList<>();
    for (Path file : files) {
      rows.addAll(OutputJson.reader().forType(ROWS).readValue(AtomicFiles.read(fs, file)));
    }
    return rows;
  }

  private static Optional<Path> keep(Path file, List<Integer> generations) {
    Matcher m = NAME.matcher(file.getName());
    if (!m.matches()) {
      return Optional.empty();
    }
    int method = Integer.parseInt(m.group(1));
    int generation = Integer.parseInt(m.group(2));
    return method < generations.size() && generation < generations.get(method)
        ? Optional.of(file) : Optional.empty();
  }
}
