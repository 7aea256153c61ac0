package io.evomerge.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The content of a safetensors file (https://github.com/huggingface/safetensors, format section):
 * named tensors plus the optional string-to-string {@code __metadata__}. Immutable; tensors are
 * kept sorted by name, which is also the order the writer lays their data out in.
 *
 * <p>File layout: 8 bytes little-endian unsigned header length N, then N bytes of UTF-8 JSON
 * (padded with spaces to a multiple of 8 by the writer), then the raw little-endian data, each
 * tensor's bytes at {@code data_offsets [begin, end)} relative to the end of the header.
 */
public record Safetensors(Map<String, Tensor> tensors, Map<String, String> metadata) {

  public Safetensors {
    tensors = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tensors));
    metadata = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    if (tensors.containsKey(SafetensorsReader.METADATA_KEY)) {
      throw new IllegalArgumentException("a tensor cannot be named " + SafetensorsReader.METADATA_KEY);
    }
  }

  public static Safetensors of(Map<String, Tensor> tensors) {
    return new Safetensors(tensors, Map.of());
  }

  public static Safetensors of(Map<String, Tensor> tensors, Map<String, String> metadata) {
    return new Safetensors(tensors, metadata);
  }

  public static Safetensors read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** Parses the bytes of a file; {@code source} names it in error messages. */
  public static Safetensors parse(byte[] bytes, String source) throws MalformedFileException {
    return SafetensorsReader.parse(bytes, source);
  }

  /** Writes this content to {@code file} (replacing it). Tensors must have a writable dtype. */
  public void write(Path file) throws IOException {
    Files.write(file, toBytes());
  }

  public byte[] toBytes() {
    return SafetensorsWriter.serialize(this);
  }

  public Optional<Tensor> tensor(String name) {
    return Optional.ofNullable(tensors.get(Objects.requireNonNull(name, "name")));
  }
}
