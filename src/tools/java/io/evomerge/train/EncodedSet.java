package io.evomerge.train;

import io.evomerge.data.Example;
import io.evomerge.encoder.TextEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of examples with every prompt and option embedded once (frozen encoder), as the trainer
 * consumes them. Immutable and thread-safe once built.
 */
public final class EncodedSet {

  private final List<EncodedExample> examples;

  private EncodedSet(List<EncodedExample> examples) {
    this.examples = List.copyOf(examples);
  }

  /** Embeds the distinct texts of {@code examples} in one batch; each must have its target among its options. */
  public static EncodedSet of(List<Example> examples, TextEncoder encoder) {
    Map<String, float[]> vectors = embedDistinct(examples, encoder);
    List<EncodedExample> out = new ArrayList<>(examples.size());
    for (Example e : examples) {
      int target = e.output() == null ? -1 : e.options().indexOf(e.output());
      if (target < 0) {
        throw new IllegalArgumentException("example " + e.id() + ": output '" + e.output()
            + "' is not one of its options " + e.options());
      }
      float[][] options = e.options().stream().map(vectors::get).toArray(float[][]::new);
      out.add(EncodedExample.of(vectors.get(e.prompt()), options, target));
    }
    return new EncodedSet(out);
  }

  private static Map<String, float[]> embedDistinct(List<Example> examples, TextEncoder encoder) {
    Map<String, float[]> vectors = new LinkedHashMap<>();
    for (Example e : examples) {
      vectors.put(e.prompt(), null);
      e.options().forEach(o -> vectors.put(o, null));
    }
    List<String> texts = new ArrayList<>(vectors.keySet());
    List<float[]> embedded = encoder.encodeAll(texts);
    for (int i = 0; i < texts.size(); i++) {
      vectors.put(texts.get(i), embedded.get(i));
    }
    return vectors;
  }

  public int size() {
    return examples.size();
  }

  public boolean isEmpty() {
    return examples.isEmpty();
  }

  /** A subset, by index, in the given order. */
  EncodedSet select(int[] indices) {
    List<EncodedExample> out = new ArrayList<>(indices.length);
    for (int i : indices) {
      out.add(examples.get(i));
    }
    return new EncodedSet(out);
  }

  EncodedSet withTargets(int[] targets) {
    if (targets.length != examples.size()) {
      throw new IllegalArgumentException(targets.length + " targets for " + examples.size() + " examples");
    }
    List<EncodedExample> out = new ArrayList<>(examples.size());
    for (int i = 0; i < targets.length; i++) {
      EncodedExample e = examples.get(i);
      out.add(new EncodedExample(e.x(), e.options(), targets[i], e.cosines()));
    }
    return new EncodedSet(out);
  }

  EncodedSet concat(EncodedSet other) {
    List<EncodedExample> out = new ArrayList<>(examples);
    out.addAll(other.examples);
    return new EncodedSet(out);
  }

  EncodedExample get(int i) {
    return examples.get(i);
  }

  List<EncodedExample> examples() {
    return examples;
  }
}
