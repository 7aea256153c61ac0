package io.evomerge.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

  @TempDir Path dir;

  private static final Safetensors SAMPLE = new Safetensors(Map.of(
      "b", SafetensorsWriter.f32(new int[] {2, 2}, new float[] {1f, -2f, 3.5f, 0f}),
      "a", new Tensor(DType.F64, new int[] {3}, new double[] {0.1, 0.2, 0.3})), Map.of("k", "v"));

  @Test
  void writtenContentReadsBackEqual() throws Exception {
    Path file = dir.resolve("x.safetensors");
    SafetensorsWriter.write(SAMPLE, file);
    assertEquals(SAMPLE, Safetensors.read(file));
  }

  @Test
  void layoutFollowsTheSpecification() {
    byte[] bytes = SafetensorsWriter.serialize(SAMPLE);
    long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertEquals(0, n % 8, "data starts 8-byte aligned");
    assertTrue(header.startsWith("{\"__metadata__\":{\"k\":\"v\"},\"a\":{\"dtype\":\"F64\",\"shape\":[3],"
        + "\"data_offsets\":[0,24]},\"b\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[24,40]}}"),
        header);
    assertEquals(8 + n + 40, bytes.length);
    ByteBuffer data = ByteBuffer.wrap(bytes, (int) (8 + n), 40).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0.1, data.getDouble());
  }

  @Test
  void halfAndBfloat16ValuesAreWidenedExactly() throws Exception {
    String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},"
        + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[8,12]}}";
    ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    data.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x0001).putShort((short) 0x7C00);
    data.putShort((short) 0x3FC0).putShort((short) 0xBF80);
    Safetensors read = Safetensors.parse(file(header, data.array()), "mem");
    assertArrayEquals(new double[] {1.0, -2.0, 0x1p-24, Double.POSITIVE_INFINITY},
        read.tensor("h").orElseThrow().values());
    assertArrayEquals(new double[] {1.5, -1.0}, read.tensor("bf").orElseThrow().values());
  }

  @Test
  void aTruncatedFileIsRejectedNamingTheFile() {
    byte[] bytes = SafetensorsWriter.serialize(SAMPLE);
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 4);
    MalformedFileException e = assertThrows(MalformedFileException.class,
        () -> Safetensors.parse(cut, "weights.safetensors"));
    assertTrue(e.getMessage().startsWith("weights.safetensors: "), e.getMessage());
    assertTrue(e.getMessage().contains("past the data buffer"), e.getMessage());
  }

  @Test
  void aHeaderLengthBeyondTheFileIsRejected() {
    byte[] bytes = SafetensorsWriter.serialize(SAMPLE);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
    assertMessage(bytes, "header length 1099511627776 is invalid");
    assertMessage(new byte[5], "fewer than the 8-byte header length");
  }

  @Test
  void badHeadersAreRejectedWithTheReason() {
    assertMessage(file("[1,2]", new byte[0]), "does not start with '{'");
    assertMessage(file("{\"a\": ", new byte[0]), "header is not valid JSON");
    assertMessage(file("{\"a\":{\"dtype\":\"I8\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1]),
        "unsupported dtype 'I8'");
    assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", new byte[4]),
        "tensor 'a' has no 'shape'");
    assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]),
        "span 4 bytes but F32 [2] needs 8");
    assertMessage(file("{\"__metadata__\":{\"x\":1}}", new byte[0]), "__metadata__.x must be a string");
  }

  @Test
  void overlappingOrGappedOffsetsAreRejected() {
    String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
    assertMessage(file(overlap, new byte[8]), "overlapping tensors or a hole");
    String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
    assertMessage(file(gap, new byte[8]), "data buffer has 8 bytes but the tensors cover 4");
  }

  @Test
  void onlyWritableTypesCanBeWritten() {
    Safetensors half = new Safetensors(Map.of("h", new Tensor(DType.F16, new int[] {1}, new double[] {1})),
        Map.of());
    assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.serialize(half));
  }

  private static void assertMessage(byte[] bytes, String expected) {
    MalformedFileException e = assertThrows(MalformedFileException.class,
        () -> Safetensors.parse(bytes, "f.safetensors"));
    assertTrue(e.getMessage().startsWith("f.safetensors: ") && e.getMessage().contains(expected),
        e.getMessage());
  }

  private static byte[] file(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    return out.putLong(h.length).put(h).put(data).array();
  }

}
