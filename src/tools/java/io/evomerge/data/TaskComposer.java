package io.evomerge.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Composes the examples of one task from its grammar. Each split has the concepts in equal shares
 * (in shuffled order); every input text is unique within the task, so no split leaks into another.
 * The answer follows the task's label policy: {@code clean} (the concept's option), {@code
 * inverted} (the next option, cyclically) or {@code random} (uniform). Not thread-safe: one per
 * task and generator.
 */
final class TaskComposer {

  private static final int MAX_TRIES = 500;

  private final TaskSpec task;
  private final Grammar grammar;
  private final RandomGenerator random;
  private final Set<String> seen = new HashSet<>();

  private TaskComposer(TaskSpec task, Grammar grammar, RandomGenerator random) {
    this.task = task;
    this.grammar = grammar;
    this.random = random;
  }

  /** Every split of the task, in the catalogue's split order. */
  public static Map<String, List<Example>> compose(TaskSpec task, Grammar grammar, RandomGenerator random) {
    TaskComposer composer = new TaskComposer(task, grammar, random);
    Map<String, List<Example>> splits = new LinkedHashMap<>();
    task.sizes().forEach((split, size) -> splits.put(split, composer.split(split, size)));
    return splits;
  }

  private List<Example> split(String split, int size) {
    List<Example> examples = new ArrayList<>(size);
    List<Integer> concepts = shuffledConcepts(size);
    for (int i = 0; i < size; i++) {
      String id = String.format("%s-%s-%04d", task.id(), split, i + 1);
      examples.add(new Example(id, task.instruction(), uniqueText(concepts.get(i)),
          answer(concepts.get(i)), task.options()));
    }
    return List.copyOf(examples);
  }

  private List<Integer> shuffledConcepts(int size) {
    List<Integer> concepts = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      concepts.add(i % task.concepts().size());
    }
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      concepts.set(j, concepts.set(i, concepts.get(j)));
    }
    return concepts;
  }

  private String uniqueText(int concept) {
    for (int tries = 0; tries < MAX_TRIES; tries++) {
      String text = text(concept);
      if (seen.add(text)) {
        return text;
      }
    }
    throw new IllegalStateException("task " + task.id() + ": the grammar of concept "
        + task.concepts().get(concept) + " gave no new text in " + MAX_TRIES + " tries; it is too small");
  }

  private String text(int concept) {
    return Grammar.tidy(grammar.expand(task.concepts().get(concept), random), task.capitalise());
  }

  private String answer(int concept) {
    int k = task.options().size();
    return switch (task.labels()) {
      case "clean" -> task.options().get(concept);
      case "inverted" -> task.options().get((concept + 1) % k);
      case "random" -> task.options().get(random.nextInt(k));
      default -> throw new IllegalStateException("task " + task.id() + ": unknown labels " + task.labels());
    };
  }
}
