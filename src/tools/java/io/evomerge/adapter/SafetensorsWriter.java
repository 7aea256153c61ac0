package io.evomerge.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serialises {@link Safetensors} content: metadata first, tensors in name order, data packed in the
 * same order with no gaps, header padded with spaces so the data starts 8-byte aligned. The
 * output is a function of the content alone (deterministic). Only F32 and F64 tensors can be
 * written. The product only reads safetensors; trainers, generators and tests write them.
 * Stateless and thread-safe.
 */
public final class SafetensorsWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsWriter() {}

  /** Writes {@code content} to {@code file} (replacing it). */
  public static void write(Safetensors content, Path file) throws IOException {
    Files.write(file, serialize(content));
  }

  /** An F32 tensor holding {@code values}. */
  public static Tensor f32(int[] shape, float[] values) {
    double[] copy = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i];
    }
    return new Tensor(DType.F32, shape, copy);
  }

  public static byte[] serialize(Safetensors content) {
    byte[] header = paddedHeader(content);
    long dataBytes = 0;
    for (Tensor t : content.tensors().values()) {
      dataBytes += Tensor.elementCount(t.shape()) * t.dtype().bytes();
    }
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + header.length + dataBytes))
        .order(ByteOrder.LITTLE_ENDIAN);
    out.putLong(header.length).put(header);
    for (Tensor t : content.tensors().values()) {
      putValues(out, t);
    }
    return out.array();
  }

  private static byte[] paddedHeader(Safetensors content) {
    ObjectNode root = JSON.createObjectNode();
    if (!content.metadata().isEmpty()) {
      ObjectNode meta = root.putObject(Safetensors.METADATA_KEY);
      content.metadata().forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : content.tensors().entrySet()) {
      Tensor t = e.getValue();
      if (t.dtype() != DType.F32 && t.dtype() != DType.F64) {
        throw new IllegalArgumentException("tensor '" + e.getKey() + "' has dtype " + t.dtype()
            + "; only F32 and F64 can be written");
      }
      long size = Tensor.elementCount(t.shape()) * t.dtype().bytes();
      ObjectNode node = root.putObject(e.getKey());
      node.put("dtype", t.dtype().name());
      ArrayNode shape = node.putArray("shape");
      for (int d : t.shape()) {
        shape.add(d);
      }
      node.putArray("data_offsets").add(offset).add(offset + size);
      offset += size;
    }
    return pad(toJson(root));
  }

  private static byte[] toJson(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] pad(byte[] json) {
    int padded = (json.length + 7) / 8 * 8;
    byte[] out = java.util.Arrays.copyOf(json, padded);
    java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
    return out;
  }

  private static void putValues(ByteBuffer out, Tensor t) {
    double[] values = t.values();
    for (double v : values) {
      switch (t.dtype()) {
        case F32 -> out.putFloat((float) v);
        case F64 -> out.putDouble(v);
        default -> throw new IllegalStateException("unwritable " + t.dtype());
      }
    }
  }
}
