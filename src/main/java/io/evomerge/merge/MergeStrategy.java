package io.evomerge.merge;

/**
 * Turns control vectors into one merged update over a fixed list of adapters. The reference model
 * calls exactly one strategy; {@link AsymmetricMerge} (the paper's rule) is the default, and
 * white-box merges (Task Arithmetic, TIES, DARE, ...) are further subclasses. Subclasses are
 * immutable and thread-safe, and deterministic: equal vectors give equal results, bit for bit.
 */
public abstract class MergeStrategy {

  private final String name;
  private final int adapterCount;

  protected MergeStrategy(String name, int adapterCount) {
    this.name = name;
    this.adapterCount = adapterCount;
  }

  public final String name() {
    return name;
  }

  /** How many adapters it merges: the length every control vector must have. */
  public final int adapterCount() {
    return adapterCount;
  }

  /** The merged update for {@code vectors}; throws IllegalArgumentException on a wrong length. */
  public final MergedLora merge(ControlVectors vectors) {
    if (vectors.size() != adapterCount) {
      throw new IllegalArgumentException("control vectors have " + vectors.size()
          + " entries but the repository has " + adapterCount + " adapters");
    }
    return mergeChecked(vectors);
  }

  protected abstract MergedLora mergeChecked(ControlVectors vectors);
}
