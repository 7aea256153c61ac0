package io.evomerge.adapter;

/** Widening of 16-bit floats (IEEE 754 binary16 and bfloat16) to float. Stateless. */
final class HalfFloats {

  private HalfFloats() {}

  static float f16ToFloat(short bits) {
    int sign = (bits >>> 15) & 0x1;
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
    return sign == 0 ? magnitude : -magnitude;
  }

  static float bf16ToFloat(short bits) {
    return Float.intBitsToFloat((bits & 0xffff) << 16);
  }
}
