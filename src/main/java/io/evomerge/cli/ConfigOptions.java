package io.evomerge.cli;

import io.evomerge.config.ConfigLoader;
import io.evomerge.config.EvoMergeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --set}: a picocli mixin of the commands that read the configuration. */
public final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The job configuration (YAML, see conf/evomerge.yaml): a path, a Hadoop URI "
          + "(file://, hdfs://, s3a://), or the name of a file shipped with spark-submit --files. "
          + "Relative data paths in it are read from the file's own folder. "
          + "Default: the built-in defaults, which equal conf/evomerge.yaml.")
  private String file;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Overrides one key of the configuration, after the file; repeatable, applied "
          + "in order. The value is read as YAML, e.g. --set search.seed=7 "
          + "--set compare=[lorahub,uniform] --set search.stage1={popSize: 10, budget: 200}.")
  private List<String> overrides = new ArrayList<>();

  public EvoMergeConfig load() {
    return file == null ? ConfigLoader.load(overrides) : ConfigLoader.load(file, overrides);
  }

  /** The configuration of {@code --config}, else of {@code fallback}, with the overrides. */
  EvoMergeConfig load(Path fallback) {
    return file == null ? ConfigLoader.load(fallback, overrides) : load();
  }

  public List<String> overrides() {
    return List.copyOf(overrides);
  }

  public String source() {
    return file == null ? ConfigLoader.BUILT_IN : file;
  }
}
