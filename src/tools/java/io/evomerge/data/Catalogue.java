package io.evomerge.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in task catalogue and its grammars, read from the resources next to this class
 * ({@code catalogue.yaml} and one {@code <grammar>.yaml} per grammar). Immutable and thread-safe.
 *
 * @param design how the tasks are meant to relate, in words
 * @param tasks sources, then targets
 */
record Catalogue(String design, List<TaskSpec> tasks) {

  private static final String FOLDER = "/io/evomerge/data/tasks/";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Catalogue {
    tasks = List.copyOf(tasks);
  }

  public static Catalogue builtIn() {
    return read("catalogue.yaml", Catalogue.class);
  }

  /** The complete grammar of every task, by task id; fails on a rule that is used but not defined. */
  public Map<String, Grammar> grammars() {
    Map<String, GrammarFile> files = new HashMap<>();
    Map<String, Grammar> grammars = new HashMap<>();
    for (TaskSpec task : tasks) {
      GrammarFile file = files.computeIfAbsent(task.grammar(), name -> read(name + ".yaml", GrammarFile.class));
      grammars.put(task.id(), checked(task, file.domain(task.domain())));
    }
    return grammars;
  }

  private static Grammar checked(TaskSpec task, Grammar grammar) {
    List<String> undefined = grammar.undefined(task.concepts());
    if (!undefined.isEmpty()) {
      throw new IllegalStateException("task " + task.id() + ": undefined grammar rules " + undefined);
    }
    return grammar;
  }

  private static <T> T read(String name, Class<T> type) {
    try (InputStream in = Catalogue.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + FOLDER + name);
      }
      return YAML.readValue(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + FOLDER + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * One grammar resource ({@code <name>.yaml}): rules shared by its domains, and each domain's own
   * rules, which are added to (and override) the shared ones. Immutable once loaded.
   */
  record GrammarFile(Map<String, List<String>> rules, Map<String, Map<String, List<String>>> domains) {

    public GrammarFile {
      rules = rules == null ? Map.of() : Map.copyOf(rules);
      domains = domains == null ? Map.of() : Map.copyOf(domains);
    }

    public Grammar domain(String name) {
      Map<String, List<String>> own = domains.get(name);
      if (own == null) {
        throw new IllegalArgumentException("no grammar domain " + name + "; there are " + domains.keySet());
      }
      return Grammar.of(rules).with(own);
    }
  }
}
