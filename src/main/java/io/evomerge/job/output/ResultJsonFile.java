package io.evomerge.job.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads and writes {@code result.json}: UTF-8, two-space indentation, {@code \n} line ends, a
 * final newline, fields in the records' declared order, doubles in Java's shortest round-trip
 * form (NaN as the string {@code "NaN"}). Writes are atomic (temporary file, then rename).
 * Stateless.
 */
public final class ResultJsonFile {

  private ResultJsonFile() {}

  /** The file's text for {@code result}. */
  public static String toJson(ResultJson result) {
    try {
      return OutputJson.pretty().writeValueAsString(result) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("result.json of run " + result.runId() + " is not serialisable", e);
    }
  }

  public static ResultJson fromJson(String json) throws JsonProcessingException {
    return OutputJson.reader().forType(ResultJson.class).readValue(json);
  }

  /** Writes {@code result} to {@code path} atomically, replacing an older file. */
  public static void write(FileSystem fs, Path path, ResultJson result) throws IOException {
    AtomicFiles.write(fs, path, toJson(result).getBytes(StandardCharsets.UTF_8));
  }

  public static ResultJson read(FileSystem fs, Path path) throws IOException {
    return fromJson(new String(AtomicFiles.read(fs, path), StandardCharsets.UTF_8));
  }

  /**
   * The deterministic part of a {@code result.json} text: the tree without its
   * {@value ResultJson#TIMING} field, for comparing two runs.
   */
  public static JsonNode withoutTiming(String json) throws JsonProcessingException {
    JsonNode tree = OutputJson.reader().readTree(json);
    if (tree instanceof ObjectNode object) {
      object.remove(ResultJson.TIMING);
    }
    return tree;
  }
}
