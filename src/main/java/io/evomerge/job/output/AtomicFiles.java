package io.evomerge.job.output;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Whole-file writes that readers never see half done: the bytes go to a hidden temporary file in
 * the target's folder, which is then renamed onto the target. Where the FileSystem's rename does
 * not overwrite (HDFS), the old target is deleted first, so a crash in that window leaves no
 * target but a complete temporary file (which a failed rename also leaves in place). Stateless.
 */
final class AtomicFiles {

  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code target}, replacing what was there. */
  static void write(FileSystem fs, Path target, byte[] bytes) throws IOException {
    Path temp = temporaryFor(target);
    try {
      writeNew(fs, temp, bytes);
    } catch (IOException | RuntimeException e) {
      fs.delete(temp, false);
      throw e;
    }
    replace(fs, temp, target);
  }

  /** A fresh hidden name in {@code target}'s folder: {@code .<name>.<uuid>.tmp}. */
  static Path temporaryFor(Path target) {
    return new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
  }

  /** Creates {@code path}, which must not exist, with exactly {@code bytes}. */
  static void writeNew(FileSystem fs, Path path, byte[] bytes) throws IOException {
    try (FSDataOutputStream out = fs.create(path, false)) {
      out.write(bytes);
    }
  }

  /**
   * Renames {@code source} onto {@code target}, deleting an existing target first if needed. An
   * existing folder is always deleted first: Hadoop's rename would move the source into it.
   */
  static void replace(FileSystem fs, Path source, Path target) throws IOException {
    if (fs.exists(target) && fs.getFileStatus(target).isDirectory()) {
      fs.delete(target, true);
    }
    if (fs.rename(source, target)) {
      return;
    }
    if (fs.exists(target) && fs.delete(target, true) && fs.rename(source, target)) {
      return;
    }
    throw new IOException("could not rename " + source + " to " + target);
  }

  /** The whole content of {@code path}. */
  static byte[] read(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }
}
