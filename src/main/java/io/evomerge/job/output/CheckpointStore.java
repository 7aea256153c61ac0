package io.evomerge.job.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * <p>Each save writes a new file {@code checkpoint-0000000007.json}, one line
 * {@code {"format":1,"sequence":7,"sha256":"...","state":...}} (the hash is over the compact JSON
 * of the state), to a hidden temporary file renamed to its final, never-used name: no save
 * renames over an existing file (safe where rename does not overwrite, as on HDFS). Only then are
 * older files deleted, keeping the previous one as a fallback, and temporaries of crashed
 * attempts removed.
 *
 * <p>{@link #load()} returns the state of the newest complete file (it parses, its checksum
 * matches, and the FileSystem's own checksum holds), compactly re-serialised; a truncated newest
 * file or a partial temporary is skipped with a warning; other read errors propagate.
 *
 * <p>One writer (the driver) at a time; not thread-safe. An instance lists the folder on its
 * first save (and after a load) and then knows the next sequence, so that a save costs a write, a
 * rename and a delete, however long the run.
 */
public final class CheckpointStore {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
  private static final int FORMAT = 1;
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{10})\\.json");

  /** Checkpoint files kept after a save: the new one and its predecessor. */
  private static final int KEPT = 2;

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

  /** Saves {@code json} (any one JSON value) as the newest state. */
  public void save(String json) throws IOException {
    JsonNode state = OutputJson.reader().readTree(json);
    if (state == null || state.isMissingNode()) {
      throw new IllegalArgumentException("checkpoint state is empty: one JSON value expected");
    }
    write(OutputJson.compact().writeValueAsString(state));
  }

  /** Saves {@code state}, serialised with {@code mapper}: serialised once, hashed once, written once. */
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
    Path target = path(sequence);
    Path temp = AtomicFiles.temporaryFor(target);
    String text = "{\"format\":" + FORMAT + ",\"sequence\":" + sequence + ",\"sha256\":\""
        + sha256(state) + "\",\"state\":" + state + "}\n";
    AtomicFiles.writeNew(fs, temp, text.getBytes(StandardCharsets.UTF_8));
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
    Path path = path(sequence);
    try {
      return Optional.of(verify(AtomicFiles.read(fs, path), sequence));
    } catch (JsonProcessingException | ChecksumException | IllegalStateException e) {
      LOG.warn("Skipping incomplete checkpoint {}: {}", path, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The compact state JSON of a file's {@code bytes}.
   *
   * @throws IllegalStateException where the file is incomplete or not the checkpoint expected
   */
  private static String verify(byte[] bytes, long sequence) throws JsonProcessingException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    JsonNode envelope = OutputJson.reader().readTree(text);
    if (envelope == null || !envelope.isObject() || envelope.path("format").asInt() != FORMAT) {
      throw new IllegalStateException("not a checkpoint of format " + FORMAT);
    }
    if (envelope.path("sequence").asLong(-1) != sequence || !envelope.has("state")) {
      throw new IllegalStateException("sequence or state missing");
    }
    String state = OutputJson.compact().writeValueAsString(envelope.get("state"));
    String hash = envelope.path("sha256").asText();
    if (!sha256(state).equals(hash) && !sha256(stateAsWritten(text)).equals(hash)) {
      throw new IllegalStateException("checksum does not match the state");
    }
    return state;
  }

  /** The state exactly as the file holds it: after {@code "state":}, before the closing brace. */
  private static String stateAsWritten(String text) {
    String file = text.strip();
    int start = file.indexOf("\"state\":");
    return start < 0 || !file.endsWith("}") ? "" : file.substring(start + 8, file.length() - 1);
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private Path path(long sequence) {
    return new Path(folder, String.format("checkpoint-%010d.json", sequence));
  }

  /** The sequence of a checkpoint file name; empty for any other name. */
  private static Optional<Long> sequenceOf(String fileName) {
    Matcher m = NAME.matcher(fileName);
    return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  /** Sequence numbers of the checkpoint files present, ascending. */
  private List<Long> sequences() throws IOException {
    List<Long> sequences = new ArrayList<>();
    for (FileStatus status : list()) {
      sequenceOf(status.getPath().getName()).ifPresent(sequences::add);
    }
    sequences.sort(null);
    return sequences;
  }

  private FileStatus[] list() throws IOException {
    return fs.exists(folder) ? fs.listStatus(folder) : new FileStatus[0];
  }

  /**
   * Deletes the checkpoint that is no longer kept; after a listing, every older one and the
   * temporaries of interrupted saves too. Failures only warn.
   */
  private void cleanUp(long newest, boolean all) {
    try {
      if (!all) {
        fs.delete(path(newest - KEPT), false);
        return;
      }
      for (FileStatus status : list()) {
        String name = status.getPath().getName();
        boolean old = sequenceOf(name).map(s -> s <= newest - KEPT).orElse(false);
        if (old || (name.startsWith(".checkpoint-") && name.endsWith(".tmp"))) {
          fs.delete(status.getPath(), false);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("Could not remove old checkpoints in {}: {}", folder, e.getMessage());
    }
  }
}
