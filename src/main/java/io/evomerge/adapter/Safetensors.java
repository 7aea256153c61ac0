package io.evomerge.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The content of a safetensors file (https://github.com/huggingface/safetensors, format section):
 * named tensors plus the optional string-to-string {@code __metadata__}. Immutable; tensors are
 * kept sorted by name.
 *
 * <p>File layout: 8 bytes little-endian unsigned header length N, then N bytes of UTF-8 JSON, then
 * the raw little-endian data, each tensor's bytes at {@code data_offsets [begin, end)} relative to
 * the end of the header. Parsing checks every header field and offset.
 */
public record Safetensors(Map<String, Tensor> tensors, Map<String, String> metadata) {

  public static final String METADATA_KEY = "__metadata__";
  private static final long MAX_HEADER_BYTES = 100_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();

  public Safetensors {
    tensors = Collections.unmodifiableSortedMap(new TreeMap<>(tensors));
    metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    if (tensors.containsKey(METADATA_KEY)) {
      throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
    }
  }

  public static Safetensors read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** Parses the bytes of a file; {@code source} names it in error messages. */
  public static Safetensors parse(byte[] bytes, String source) throws MalformedFileException {
    int dataStart = 8 + (int) headerLength(bytes, source);
    Map<String, String> metadata = new LinkedHashMap<>();
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : header(bytes, dataStart, source).properties()) {
      if (field.getKey().equals(METADATA_KEY)) {
        metadata.putAll(metadata(field.getValue(), source));
      } else {
        entries.add(entry(field.getKey(), field.getValue(), source));
      }
    }
    checkCoverage(entries, bytes.length - dataStart, source);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Entry e : entries) {
      tensors.put(e.name, decode(e, bytes, dataStart));
    }
    return new Safetensors(tensors, metadata);
  }

  public Optional<Tensor> tensor(String name) {
    return Optional.ofNullable(tensors.get(Objects.requireNonNull(name, "name")));
  }

  private static long headerLength(byte[] bytes, String source) throws MalformedFileException {
    if (bytes.length < 8) {
      throw new MalformedFileException(source,
          "not a safetensors file: " + bytes.length + " bytes, fewer than the 8-byte header length");
    }
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (n < 2 || n > MAX_HEADER_BYTES || n > bytes.length - 8L) {
      throw new MalformedFileException(source, "header length " + Long.toUnsignedString(n)
          + " is invalid for a file of " + bytes.length + " bytes");
    }
    return n;
  }

  private static JsonNode header(byte[] bytes, int dataStart, String source) throws MalformedFileException {
    String text = new String(bytes, 8, dataStart - 8, StandardCharsets.UTF_8);
    if (!text.startsWith("{")) {
      throw new MalformedFileException(source, "header does not start with '{'");
    }
    try {
      JsonNode node = JSON.readTree(text.stripTrailing());
      if (node == null || !node.isObject()) {
        throw new MalformedFileException(source, "header is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedFileException(source, "header is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static Map<String, String> metadata(JsonNode node, String source)
      throws MalformedFileException {
    if (!node.isObject()) {
      throw new MalformedFileException(source, METADATA_KEY + " must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      if (!f.getValue().isTextual()) {
        throw new MalformedFileException(source,
            METADATA_KEY + "." + f.getKey() + " must be a string, got " + f.getValue().getNodeType());
      }
      out.put(f.getKey(), f.getValue().textValue());
    }
    return out;
  }

  private static Entry entry(String name, JsonNode node, String source) throws MalformedFileException {
    String where = "tensor '" + name + "'";
    if (!node.isObject()) {
      throw new MalformedFileException(source, where + " must be an object");
    }
    JsonNode dtype = require(node, "dtype", where, source);
    DType type = Arrays.stream(DType.values()).filter(t -> t.name().equals(dtype.asText())).findFirst()
        .orElseThrow(() -> new MalformedFileException(source,
        where + " has unsupported dtype '" + dtype.asText() + "' (supported: F64, F32, F16, BF16)"));
    int[] shape = intArray(require(node, "shape", where, source), where + " shape", source);
    long[] offsets = longPair(require(node, "data_offsets", where, source), where, source);
    long expected = Tensor.elementCount(shape) * type.bytes();
    if (offsets[1] - offsets[0] != expected) {
      throw new MalformedFileException(source, where + " data_offsets [" + offsets[0] + ", "
          + offsets[1] + ") span " + (offsets[1] - offsets[0]) + " bytes but " + type + " "
          + Arrays.toString(shape) + " needs " + expected);
    }
    return new Entry(name, type, shape, offsets[0], offsets[1]);
  }

  private static JsonNode require(JsonNode node, String key, String where, String source)
      throws MalformedFileException {
    JsonNode value = node.get(key);
    if (value == null) {
      throw new MalformedFileException(source, where + " has no '" + key + "'");
    }
    return value;
  }

  private static int[] intArray(JsonNode node, String where, String source)
      throws MalformedFileException {
    if (!node.isArray()) {
      throw new MalformedFileException(source, where + " must be an array of integers");
    }
    int[] out = new int[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = node.get(i);
      if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
        throw new MalformedFileException(source, where + "[" + i + "] = " + v + " is not a size");
      }
      out[i] = v.intValue();
    }
    return out;
  }

  private static long[] longPair(JsonNode node, String where, String source)
      throws MalformedFileException {
    if (!node.isArray() || node.size() != 2 || !node.get(0).canConvertToLong()
        || !node.get(1).canConvertToLong() || !node.get(0).isIntegralNumber()
        || !node.get(1).isIntegralNumber()) {
      throw new MalformedFileException(source, where + " data_offsets must be [begin, end], got " + node);
    }
    long begin = node.get(0).longValue();
    long end = node.get(1).longValue();
    if (begin < 0 || end < begin) {
      throw new MalformedFileException(source, where + " data_offsets [" + begin + ", " + end
          + ") are not 0 <= begin <= end");
    }
    return new long[] {begin, end};
  }

  /** The tensors must tile the data buffer exactly: no overlap, no hole, nothing past the end. */
  private static void checkCoverage(List<Entry> entries, long dataBytes, String source)
      throws MalformedFileException {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong((Entry e) -> e.begin).thenComparingLong(e -> e.end));
    long cursor = 0;
    for (Entry e : sorted) {
      if (e.end > dataBytes) {
        throw new MalformedFileException(source, "tensor '" + e.name + "' data_offsets end " + e.end
            + " lies past the data buffer of " + dataBytes + " bytes (file truncated?)");
      }
      if (e.begin != cursor) {
        throw new MalformedFileException(source, "tensor '" + e.name + "' starts at byte " + e.begin
            + " of the data buffer, expected " + cursor + " (overlapping tensors or a hole)");
      }
      cursor = e.end;
    }
    if (cursor != dataBytes) {
      throw new MalformedFileException(source, "data buffer has " + dataBytes
          + " bytes but the tensors cover " + cursor);
    }
  }

  private static Tensor decode(Entry e, byte[] bytes, int dataStart) {
    ByteBuffer buf = ByteBuffer.wrap(bytes, dataStart + (int) e.begin, (int) (e.end - e.begin))
        .slice().order(ByteOrder.LITTLE_ENDIAN);
    double[] values = new double[(int) Tensor.elementCount(e.shape)];
    for (int i = 0; i < values.length; i++) {
      values[i] = switch (e.dtype) {
        case F64 -> buf.getDouble();
        case F32 -> buf.getFloat();
        case F16 -> f16ToFloat(buf.getShort());
        case BF16 -> Float.intBitsToFloat((buf.getShort() & 0xffff) << 16);
      };
    }
    return new Tensor(e.dtype, e.shape, values);
  }

  private static float f16ToFloat(short bits) {
    int exponent = (bits >>> 10) & 0x1f;
    int fraction = bits & 0x3ff;
    float magnitude;
    if (exponent == 0) {
      magnitude = fraction * 0x1p-24f; // zero or subnormal: fraction * 2^-14 * 2^-10
    } else if (exponent == 0x1f) {
      magnitude = fraction == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      magnitude = Float.intBitsToFloat(((exponent - 15 + 127) << 23) | (fraction << 13));
    }
    return bits < 0 ? -magnitude : magnitude;
  }

  private record Entry(String name, DType dtype, int[] shape, long begin, long end) {}
}
