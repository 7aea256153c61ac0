package io.evomerge.adapter;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One LoRA adapter on the reference model's bilinear map: {@code delta_W = (loraAlpha / rank) * B A}
 * with {@code A} of shape {@code rank x dim} and {@code B} of shape {@code dim x rank}, both stored
 * row-major. Immutable: arrays are copied in and out.
 *
 * @param id the adapter's name, also its folder name in a repository ({@code [A-Za-z0-9._-]+},
 *     not starting with a dot)
 * @param task a human-readable description of what the adapter was trained on
 * @param dim the size of the embeddings the adapter acts on
 * @param a LoRA A, {@code rank * dim} values, row-major
 * @param b LoRA B, {@code dim * rank} values, row-major
 */
public record LoraAdapter(String id, String task, int rank, double loraAlpha, int dim, float[] a, float[] b) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

  public LoraAdapter {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("adapter id '" + id
          + "' must match [A-Za-z0-9._-]+ and not start with '.' (it names a folder)");
    }
    task = task == null ? "" : task;
    if (rank <= 0 || dim <= 0) {
      throw new IllegalArgumentException("adapter " + id + ": rank " + rank + " and dim " + dim + " must be > 0");
    }
    if (!(loraAlpha > 0) || !Double.isFinite(loraAlpha)) {
      throw new IllegalArgumentException("adapter " + id + ": lora_alpha " + loraAlpha + " must be > 0");
    }
    a = checked(a, rank * dim, id, "A");
    b = checked(b, dim * rank, id, "B");
  }

  private static float[] checked(float[] m, int expected, String id, String name) {
    if (m.length != expected) {
      throw new IllegalArgumentException("adapter " + id + ": LoRA " + name + " has " + m.length
          + " values, expected " + expected);
    }
    for (int i = 0; i < m.length; i++) {
      if (!Float.isFinite(m[i])) {
        throw new IllegalArgumentException("adapter " + id + ": LoRA " + name + "[" + i + "] = " + m[i]);
      }
    }
    return m.clone();
  }

  public double scale() {
    return loraAlpha / rank;
  }

  @Override
  public float[] a() {
    return a.clone();
  }

  @Override
  public float[] b() {
    return b.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoraAdapter other
        && id.equals(other.id) && task.equals(other.task) && rank == other.rank
        && Double.compare(loraAlpha, other.loraAlpha) == 0 && dim == other.dim
        && Arrays.equals(a, other.a) && Arrays.equals(b, other.b);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, task, rank, loraAlpha, dim, Arrays.hashCode(a), Arrays.hashCode(b));
  }

  @Override
  public String toString() {
    return "LoraAdapter[" + id + ", rank=" + rank + ", lora_alpha=" + loraAlpha + ", dim=" + dim + "]";
  }
}
