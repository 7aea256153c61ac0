package io.evomerge.job.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver state of a run, saved after every generation so that a restarted job resumes where
 * it stopped. The job defines the state; this store keeps it as JSON.
 *
 * <p>Layout: each save writes a new numbered file {@code checkpoint-0000000007.json} (an
 * envelope with the sequence number, the SHA-256 of the state and the state itself). The bytes
 * go to a hidden temporary file in the same folder first, which is then renamed to its final,
 * never-used name, so no save ever renames over an existing file (safe where rename does not
 * overwrite, as on HDFS). Only after the new file is in place are older ones deleted, keeping
 * the previous one as a fallback, and leftover temporaries of crashed attempts removed.
 *
 * <p>{@link #load()} returns the state of the newest file that is complete: it parses and its
 * checksum matches (and the FileSystem's own checksum, where it keeps one, holds). A truncated
 * newest file (a crash on a store whose rename is a copy) or a partial temporary file is skipped
 * with a warning, never returned; other read errors propagate.
 *
 * <p>One writer (the driver) at a time; not thread-safe. An instance lists the folder on its
 * first save (and after a load) and then knows the next sequence, so that a save costs a write, a
 * rename and a delete, however long the run. {@link #load()} returns the state compactly
 * re-serialised, equal as JSON to what was saved (numbers round-trip exactly).
 */
public final class CheckpointStore {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  /** Checkpoint files kept after a save: the new one and its predecessor. */
  static final int KEPT = 2;

  private final FileSystem fs;
  private final Path folder;
  /** The sequence of the next save; 0 until this instance has listed the folder. */
  private long next;

  private CheckpointStore(FileSystem fs, Path folder) {
    this.fs = fs;
    this.folder = folder;
  }

  /** The checkpoints in {@code folder}, created on the first save. */
  public static CheckpointStore of(FileSystem fs, Path folder) {
    return new CheckpointStore(fs, folder);
  }

  public Path folder() {
    return folder;
  }

  /** Saves {@code json} (any JSON value) as the newest state. */
  public void save(String json) throws IOException {
    write(OutputJson.compact().writeValueAsString(CheckpointFile.parseState(json)));
  }

  /**
   * Saves {@code state}, serialised with {@code mapper}: serialised once, hashed once, written
   * once.
   */
  public void save(Object state, ObjectMapper mapper) throws IOException {
    write(mapper.writeValueAsString(state));
  }

  private void write(String state) throws IOException {
    boolean listed = next == 0;
    if (listed) {
      fs.mkdirs(folder);
      List<Long> existing = sequences();
      next = existing.isEmpty() ? 1 : existing.get(existing.size() - 1) + 1;
    }
    long sequence = next;
    Path target = new Path(folder, CheckpointFile.name(sequence));
    Path temp = AtomicFiles.temporaryFor(target);
    AtomicFiles.writeNew(fs, temp, CheckpointFile.envelope(sequence, state));
    if (!fs.rename(temp, target)) {
      next = 0;
      throw new IOException("could not rename " + temp + " to " + target);
    }
    next = sequence + 1;
    cleanUp(sequence, listed);
  }

  /** The newest complete state, or empty when there is none. */
  public Optional<String> load() throws IOException {
    next = 0;
    List<Long> existing = sequences();
    for (int i = existing.size() - 1; i >= 0; i--) {
      Optional<String> state = read(existing.get(i));
      if (state.isPresent()) {
        return state;
      }
    }
    return Optional.empty();
  }

  /** The newest complete state as a {@code type}, read with {@code mapper}. */
  public <T> Optional<T> load(Class<T> type, ObjectMapper mapper) throws IOException {
    Optional<String> json = load();
    return json.isEmpty() ? Optional.empty() : Optional.of(mapper.readValue(json.get(), type));
  }

  private Optional<String> read(long sequence) throws IOException {
    Path path = new Path(folder, CheckpointFile.name(sequence));
    try {
      return Optional.of(CheckpointFile.verify(AtomicFiles.read(fs, path), sequence));
    } catch (JsonProcessingException | ChecksumException | IllegalStateException e) {
      LOG.warn("Skipping incomplete checkpoint {}: {}", path, e.getMessage());
      return Optional.empty();
    }
  }

  /** Sequence numbers of the checkpoint files present, ascending. */
  List<Long> sequences() throws IOException {
    List<Long> sequences = new ArrayList<>();
    for (FileStatus status : list()) {
      CheckpointFile.sequenceOf(status.getPath().getName()).ifPresent(sequences::add);
    }
    sequences.sort(null);
    return sequences;
  }

  private FileStatus[] list() throws IOException {
    return fs.exists(folder) ? fs.listStatus(folder) : new FileStatus[0];
  }

  /**
   * Deletes the checkpoint that is no longer kept; after a listing, every older one and the
   * temporaries too. Failures only warn.
   */
  private void cleanUp(long newest, boolean all) {
    try {
      if (!all) {
        fs.delete(new Path(folder, CheckpointFile.name(newest - KEPT)), false);
        return;
      }
      for (FileStatus status : list()) {
        String name = status.getPath().getName();
        boolean old = CheckpointFile.sequenceOf(name).map(s -> s <= newest - KEPT).orElse(false);
        if (old || CheckpointFile.isTemporary(name)) {
          fs.delete(status.getPath(), false);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not remove old checkpoints in {}: {}", folder, e.getMessage());
    }
  }
}
