package io.evomerge.merge.whitebox;

import io.evomerge.merge.MergedLora;

/**
 * A dense {@code dim x dim} update in the shape of {@link MergedLora}: {@code B} is the update,
 * {@code A} the identity, rank {@code dim}, scale 1, so that {@code scale * B A} is the update
 * itself. Stateless.
 */
final class DenseUpdates {

  private DenseUpdates() {}

  /** {@code update} (row-major, {@code dim * dim}) as a merged update. */
  static MergedLora of(int dim, double[] update) {
    if (update.length != dim * dim) {
      throw new IllegalArgumentException("a dense update over " + dim + "-d embeddings has "
          + dim * dim + " entries, not " + update.length);
    }
    double[] identity = new double[dim * dim];
    for (int k = 0; k < dim; k++) {
      identity[k * dim + k] = 1;
    }
    return new MergedLora(dim, dim, 1.0, update, identity);
  }
}
