package io.evomerge.service;

import io.evomerge.data.Example;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/** Draws a session's batches: examples sorted by id, each batch {@code size} distinct ones. */
final class Sampling {

  private Sampling() {}

  /** {@code batches} batches of {@code size} distinct examples each, flattened in batch order. */
  static List<Example> batches(List<Example> examples, int size, int batches, RandomGenerator random) {
    List<Example> sorted = examples.stream().sorted(Comparator.comparing(Example::id)).toList();
    List<Example> sample = new ArrayList<>(size * batches);
    for (int b = 0; b < batches; b++) {
      sample.addAll(batch(sorted, size, random));
    }
    return sample;
  }

  private static List<Example> batch(List<Example> sorted, int size, RandomGenerator random) {
    int[] order = new int[sorted.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    List<Example> batch = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(order.length - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      batch.add(sorted.get(order[i]));
    }
    return batch;
  }

  /** Mean over batches of each batch's mean, each summed in order. */
  static double meanOfBatchMeans(double[] losses, int batchSize) {
    int batches = losses.length / batchSize;
    double total = 0;
    for (int b = 0; b < batches; b++) {
      double sum = 0;
      for (int i = b * batchSize; i < (b + 1) * batchSize; i++) {
        sum += losses[i];
      }
      total += sum / batchSize;
    }
    return total / batches;
  }
}
