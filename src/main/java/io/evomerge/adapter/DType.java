package io.evomerge.adapter;

/**
 * The element types of a safetensors file that this project reads, with their size in bytes and
 * their spelling in the header. All are little-endian in the file.
 */
public enum DType {
  F64(8),
  F32(4),
  F16(2),
  BF16(2);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }
}
