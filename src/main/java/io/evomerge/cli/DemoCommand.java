package io.evomerge.cli;

import io.evomerge.job.RunOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code demo}: the whole product on this machine, in a few minutes. */
@Command(
    name = "demo",
    description = {
      "Starts the reference merge service on loopback, runs warm-scaling in local Spark on the"
          + " sample repository and the target task of conf/demo.yaml, compares it with the paper's"
          + " Evo-Merging, LoraHub, the uniform merge and the best single adapter, prints the comparison"
          + " table and where the outputs are.",
      "Without --config it reads conf/demo.yaml; --set overrides any key."
    })
final class DemoCommand implements Callable<Integer> {

  static final Path DEMO_CONFIG = Path.of("conf/demo.yaml");

  @Mixin private ConfigOptions config;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return Startup.run(config.load(DEMO_CONFIG), new RunOptions(false, false, true, Integer.MAX_VALUE),
        spec.commandLine().getOut());
  }
}
