package io.evomerge.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads example files from any Hadoop {@link FileSystem} path: {@code file://}, {@code hdfs://},
 * {@code s3a://}, or a plain local path (resolved by the configuration's default file system).
 * Problems are reported under the path as given. Stateless and thread-safe (the {@link
 * Configuration} passed in must not be changed while a read is running).
 */
public final class DataFiles {

  private DataFiles() {}

  public static List<Example> read(String pathOrUri) {
    return read(pathOrUri, new Configuration(), ExampleReader.of());
  }

  /**
   * The examples of {@code pathOrUri}.
   *
   * @throws DataFileException when the file is missing or its data invalid
   * @throws UncheckedIOException when the file system fails
   */
  public static List<Example> read(String pathOrUri, Configuration conf, ExampleReader reader) {
    Path path = new Path(pathOrUri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs.getFileStatus(path).isDirectory()) {
        throw DataFileException.of(DataProblem.ofFile(pathOrUri, "is a directory, expected a JSON Lines file"));
      }
      try (InputStream in = fs.open(path)) {
        return reader.read(in, pathOrUri);
      }
    } catch (FileNotFoundException e) {
      throw DataFileException.of(DataProblem.ofFile(pathOrUri, "no such file"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pathOrUri + ": " + e.getMessage(), e);
    }
  }
}
