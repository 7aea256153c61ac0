package io.evomerge.config;

import java.io.Serializable;
import java.util.List;

/**
 * The data of a run: the fitness set the search optimises on and the test set the result is
 * reported on, both JSON Lines ({@code io.evomerge.data.ExampleReader}) on any Hadoop FileSystem
 * ({@code file://}, {@code hdfs://}, {@code s3a://}, or a plain path, relative to the working
 * directory). Immutable.
 */
public record DataConfig(
    String fitness, String test, int shardSize, int maxFitnessExamples, List<String> adapters)
    implements Serializable {

  public DataConfig {
    Check.pathOrUri("fitness", fitness);
    Check.pathOrUri("test", test);
    Check.positive("shardSize", shardSize);
    Check.positive("maxFitnessExamples", maxFitnessExamples);
    adapters = Check.distinctNonBlank("adapters", adapters);
  }

  public static DataConfig defaults() {
    return new DataConfig(
        "data/tasks/target-sentiment-games/dev.jsonl",
        "data/tasks/target-sentiment-games/test.jsonl",
        15,
        300,
        List.of());
  }
}
