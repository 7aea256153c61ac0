package io.evomerge.config;

import io.evomerge.search.Method;
import io.evomerge.search.SearchSettings;
import io.evomerge.selection.SelectionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole configuration of EvoMerge, as read from {@code conf/evomerge.yaml} by {@link
 * ConfigLoader}; the defaults are those of the paper's release (DESIGN.md section 1). Every
 * component is an immutable record, so the configuration can be shared freely between threads.
 * The sections (not the root, whose {@link SearchSettings} is not serialisable) may be shipped to
 * executors.
 *
 * @param search the search: seed, method, the two CMA-ES stages, the bound of beta
 * @param compare the methods {@code run --compare} runs beside {@code search.method}; empty =
 *     every other method
 * @param selection which adapters every method searches: all of them, or the top K of a
 *     screening through the API (DESIGN.md section 7) plus pinned ones
 * @param service the merge service and how it is called
 * @param data the fitness and test sets and the adapters to merge
 * @param budget hard limits of service usage
 * @param spark how Spark is used
 * @param output where the outputs go
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

  /**
   * The methods {@code --compare} runs, in the order configured (or in {@link Method}'s order when
   * {@code compare} is empty), without {@code search.method}.
   */
  public List<Method> comparedMethods() {
    List<Method> methods = new ArrayList<>(compare.isEmpty() ? List.of(Method.values()) : compare);
    methods.remove(search.method());
    return List.copyOf(methods);
  }

  public EvoMergeConfig withOutput(OutputConfig newOutput) {
    return new EvoMergeConfig(search, compare, selection, service, data, budget, spark, newOutput);
  }
}
