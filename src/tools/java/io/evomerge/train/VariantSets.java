package io.evomerge.train;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The training and dev sets of one {@link AdapterVariant}, derived from the encoded sample tasks
 * with the variant's own generator (so no text is encoded twice). Pure; stateless.
 */
final class VariantSets {

  record Encoded(EncodedSet train, EncodedSet dev) {}

  record Sets(EncodedSet train, EncodedSet dev) {}

  private VariantSets() {}

  static Sets of(AdapterVariant variant, Map<String, Encoded> tasks, RandomGenerator random) {
    Encoded first = tasks.get(variant.tasks().get(0));
    return switch (variant.kind()) {
      case FULL -> new Sets(first.train(), first.dev());
      case BOOTSTRAP -> new Sets(bootstrap(first.train(), first.train().size() / 2, random), first.dev());
      case PERMUTED -> permuted(first, random);
      case MIXTURE -> mixture(first, tasks.get(variant.tasks().get(1)), random);
      case RANDOM -> new Sets(randomTargets(first.train(), random), randomTargets(first.dev(), random));
    };
  }

  static EncodedSet bootstrap(EncodedSet set, int n, RandomGenerator random) {
    int[] indices = new int[Math.max(1, n)];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = random.nextInt(set.size());
    }
    return set.select(indices);
  }

  /** {@code n} distinct examples of {@code set}, in a random order. */
  static EncodedSet subset(EncodedSet set, int n, RandomGenerator random) {
    int[] order = AdapterTrainer.permutation(set.size(), random);
    return set.select(java.util.Arrays.copyOf(order, Math.max(1, Math.min(n, set.size()))));
  }

  private static Sets mixture(Encoded a, Encoded b, RandomGenerator random) {
    EncodedSet train = subset(a.train(), a.train().size() / 2, random)
        .concat(subset(b.train(), b.train().size() / 2, random));
    EncodedSet dev = a.dev().isEmpty() || b.dev().isEmpty() ? a.dev().concat(b.dev())
        : subset(a.dev(), a.dev().size() / 2, random).concat(subset(b.dev(), b.dev().size() / 2, random));
    return new Sets(train, dev);
  }

  private static Sets permuted(Encoded task, RandomGenerator random) {
    Map<Integer, int[]> permutations = new HashMap<>();
    return new Sets(permute(task.train(), permutations, random), permute(task.dev(), permutations, random));
  }

  private static EncodedSet permute(EncodedSet set, Map<Integer, int[]> permutations, RandomGenerator random) {
    int[] targets = new int[set.size()];
    for (int i = 0; i < targets.length; i++) {
      EncodedExample e = set.get(i);
      int[] p = permutations.computeIfAbsent(e.options().length, k -> nonIdentity(k, random));
      targets[i] = p[e.target()];
    }
    return set.withTargets(targets);
  }

  private static int[] nonIdentity(int k, RandomGenerator random) {
    while (true) {
      int[] p = AdapterTrainer.permutation(k, random);
      boolean moved = k < 2;
      for (int j = 0; j < k && !moved; j++) {
        moved = p[j] != j;
      }
      if (moved) {
        return p;
      }
    }
  }

  private static EncodedSet randomTargets(EncodedSet set, RandomGenerator random) {
    int[] targets = new int[set.size()];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = random.nextInt(set.get(i).options().length);
    }
    return set.withTargets(targets);
  }
}
