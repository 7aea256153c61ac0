package io.evomerge.config;

import io.evomerge.search.Method;
import io.evomerge.search.SearchSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole configuration of EvoMerge, read by {@link ConfigLoader}; every key, with its default
 * (the paper's release), is documented in {@code conf/evomerge.yaml}. Every component is an
 * immutable record, so the configuration can be shared freely between threads. The sections (not
 * the root, whose {@link SearchSettings} is not serialisable) may be shipped to executors.
 */
public record EvoMergeConfig(
    SearchSettings search,
    List<Method> compare,
    SelectionSettings selection,
    ServiceConfig service,
    DataConfig data,
    BudgetConfig budget,
    SparkConfig spark,
    OutputConfig output) {

  public EvoMergeConfig {
    Objects.requireNonNull(search, "search");
    compare = Check.distinct("compare", compare);
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(output, "output");
  }

  public static EvoMergeConfig defaults() {
    return new EvoMergeConfig(
        SearchSettings.defaults(),
        List.of(),
        SelectionSettings.all(),
        ServiceConfig.defaults(),
        DataConfig.defaults(),
        BudgetConfig.unlimited(),
        SparkConfig.defaults(),
        OutputConfig.defaults());
  }

  /** The methods a run searches: the configured one first, then, with {@code compare}, the compared ones. */
  public List<Method> methods(boolean compare) {
    List<Method> methods = new ArrayList<>(List.of(search.method()));
    if (compare) {
      methods.addAll(comparedMethods());
    }
    return List.copyOf(methods);
  }

  /**
   * The methods {@code --compare} runs, in the order configured (or in {@link Method}'s order when
   * {@code compare} is empty), without {@code search.method}.
   */
  public List<Method> comparedMethods() {
    List<Method> methods = new ArrayList<>(compare.isEmpty() ? List.of(Method.values()) : compare);
    methods.remove(search.method());
    return List.copyOf(methods);
  }
}
