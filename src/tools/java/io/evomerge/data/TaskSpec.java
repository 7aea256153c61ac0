package io.evomerge.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One task of the built-in catalogue ({@code catalogue.yaml}): the public {@link TaskInfo} plus
 * what the generator needs — the grammar family and domain, and the grammar rule (concept) that
 * produces the texts of each option. Immutable.
 *
 * @param concepts rule names, one per option: texts of concept i have the true answer options[i]
 * @param capitalise whether sentences start with a capital letter (false for chat-style texts)
 */
record TaskSpec(String id, String family, String grammar, String domain, String role,
    String labels, String description, String instruction, List<String> concepts,
    List<String> options, Map<String, Integer> sizes, Map<String, List<String>> intended,
    Boolean capitalise) {

  public TaskSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(grammar, "task " + id + ": grammar");
    Objects.requireNonNull(domain, "task " + id + ": domain");
    labels = labels == null ? "clean" : labels;
    concepts = List.copyOf(concepts);
    options = List.copyOf(options);
    sizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sizes));
    capitalise = capitalise == null || capitalise;
    if (concepts.size() != options.size() || options.size() < 2) {
      throw new IllegalArgumentException("task " + id + ": needs >= 2 options, one concept each");
    }
  }

  public TaskInfo info() {
    return new TaskInfo(id, family, role, labels, description, instruction, options, sizes, intended);
  }
}
