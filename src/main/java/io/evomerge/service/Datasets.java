package io.evomerge.service;

import io.evomerge.data.Example;
import io.evomerge.protocol.QueryPlus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a session's data set inside the data folder ({@code <root>/<dataset_dir>/<dataset>},
 * {@code .jsonl} optional) and reads it. The release's default {@code dataset_dir},
 * {@code data/Userdata}, means the data folder itself. Names that lead outside the folder are
 * refused.
 */
final class Datasets {

  private final Path root;
  private final DatasetReader reader;

  Datasets(Path root, DatasetReader reader) {
    this.root = root;
    this.reader = reader;
  }

  List<Example> read(QueryPlus q) {
    Path file = locate(q);
    List<Example> examples;
    try {
      examples = reader.read(file);
    } catch (IOException | RuntimeException e) {
      throw ApiError.badField("query_plus.dataset", "query_plus.dataset '" + q.dataset() + "' cannot be used: " + e.getMessage());
    }
    if (examples.isEmpty()) {
      throw ApiError.badField("query_plus.dataset", "query_plus.dataset '" + q.dataset() + "' holds no examples");
    }
    return examples;
  }

  private Path locate(QueryPlus q) {
    if (root == null) {
      throw ApiError.badField("query_plus.dataset", "this service has no data folder, so it cannot open sessions (data_root)");
    }
    String dir = QueryPlus.DEFAULT_DATASET_DIR.equals(q.datasetDir()) ? "" : q.datasetDir();
    Path file = inside(dir, q.dataset());
    if (!Files.isRegularFile(file) && !q.dataset().endsWith(".jsonl")) {
      file = inside(dir, q.dataset() + ".jsonl");
    }
    if (!Files.isRegularFile(file)) {
      throw ApiError.badField("query_plus.dataset", "query_plus.dataset '" + q.dataset() + "' is not a file in the service's data folder"
          + (dir.isEmpty() ? "" : " under dataset_dir '" + dir + "'"));
    }
    return file;
  }

  private Path inside(String dir, String name) {
    try {
      Path file = root.resolve(dir).resolve(name).normalize();
      if (!file.startsWith(root) || Path.of(name).isAbsolute() || Path.of(dir).isAbsolute()) {
        throw ApiError.badField("query_plus.dataset", "query_plus.dataset_dir / dataset lead outside the service's data folder");
      }
      return file;
    } catch (InvalidPathException e) {
      throw ApiError.badField("query_plus.dataset", "query_plus.dataset '" + name + "' is not a valid file name");
    }
  }
}
