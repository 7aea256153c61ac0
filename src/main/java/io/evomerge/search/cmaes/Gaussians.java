package io.evomerge.search.cmaes;

import java.util.SplittableRandom;

/**
 * Standard normal draws that are the same on every JVM and platform: Marsaglia's polar method on
 * {@link StrictMath}, fed by a {@link SplittableRandom} derived from a stream seed and a
 * generation number, so that no generator state needs saving; {@link #mix} also seeds the search's
 * other per-generation draws. Not thread-safe.
 */
public final class Gaussians {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final SplittableRandom uniform;
  private double spare;
  private boolean hasSpare;

  /** The draws of generation {@code generation} of the stream {@code streamSeed}. */
  Gaussians(long streamSeed, long generation) {
    this.uniform = new SplittableRandom(mix(streamSeed, generation));
  }

  /** A well-mixed seed from two numbers (Stafford's variant 13 of the MurmurHash3 finaliser). */
  public static long mix(long a, long b) {
    long z = a + GOLDEN_GAMMA * (b + 1);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The next standard normal draw. */
  double next() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * uniform.nextDouble() - 1;
      v = 2 * uniform.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spare = v * m;
    hasSpare = true;
    return u * m;
  }
}
