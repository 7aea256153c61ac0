package io.evomerge.config;

import java.io.Serializable;
import java.util.regex.Pattern;

/** How the job uses Spark. Immutable. */
public record SparkConfig(int partitions, String master, String appName) implements Serializable {

  private static final Pattern NO_SPACE = Pattern.compile("\\S*");

  public SparkConfig {
    Check.atLeast("partitions", partitions, 0);
    Check.matches("master", master, NO_SPACE, "a Spark master URL such as local[2], spark://host:7077, yarn");
    Check.nonBlank("appName", appName);
  }

  public static SparkConfig defaults() {
    return new SparkConfig(0, "", "evomerge");
  }
}
