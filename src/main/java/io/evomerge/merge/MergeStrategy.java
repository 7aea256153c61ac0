package io.evomerge.merge;

/**
 * Turns control vectors into one merged update over a fixed list of adapters. The reference model
 * calls exactly one strategy; {@link AsymmetricMerge} (the paper's rule) is the default, and
 * white-box merges (Task Arithmetic, TIES, DARE, ...) can be added as further implementations.
 * Implementations are immutable and thread-safe, and deterministic: equal vectors give equal
 * results, bit for bit.
 */
public interface MergeStrategy {

  String name();

  /** How many adapters it merges: the length every control vector must have. */
  int adapterCount();

  /** The merged update for {@code vectors}; throws IllegalArgumentException on a wrong length. */
  MergedLora merge(ControlVectors vectors);
}
