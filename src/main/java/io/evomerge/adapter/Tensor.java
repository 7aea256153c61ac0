package io.evomerge.adapter;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a safetensors file: element type, shape, and values in row-major (C) order.
 * Values are held as doubles, which represent every supported type exactly. Immutable: arrays are copied in and out.
 */
public record Tensor(DType dtype, int[] shape, double[] values) {

  public Tensor {
    Objects.requireNonNull(dtype, "dtype");
    shape = shape.clone();
    values = values.clone();
    long count = elementCount(shape);
    if (count != values.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count
          + " elements but " + values.length + " values were given");
    }
  }

  public static long elementCount(int[] shape) {
    long count = 1;
    for (int dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      count = Math.multiplyExact(count, dim);
    }
    return count;
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  public float[] toFloats() {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor other
        && dtype == other.dtype
        && Arrays.equals(shape, other.shape)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
  }
}
