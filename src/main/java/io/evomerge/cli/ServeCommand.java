package io.evomerge.cli;

import io.evomerge.config.ConfigException;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.ApiKey;
import io.evomerge.service.DatasetReader;
import io.evomerge.service.MergeService;
import io.evomerge.service.ServiceSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: the reference merge service over HTTP, until interrupted. */
@Command(
    name = "serve",
    description = {
      "Serves the reference merge service (all-MiniLM-L6-v2 + the LoRA adapters of a repository"
          + " folder) over HTTP, both dialects of the merge API, until interrupted.",
      "Limits and fault injection come from service.embedded in the configuration; the bearer key"
          + " from service.apiKey (an environment variable or a file). No Spark is needed."
    })
final class ServeCommand implements Callable<Integer> {

  @Mixin private ConfigOptions config;

  @Option(names = "--repository", paramLabel = "DIR",
      description = "Adapter repository folder (default: service.embedded.repository).")
  private Path repository;

  @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  private String host = "127.0.0.1";

  @Option(names = "--port", description = "Port (default: service.embedded.port; 0 picks a free one).")
  private Integer port;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    EvoMergeConfig resolved = config.load();
    ServiceConfig service = resolved.service();
    ApiKey key = ServiceEndpoint.requireKey(service, System.getenv());
    ServiceSettings configured = ServiceEndpoint.serviceSettings(service, List.of(key));
    ServiceSettings settings;
    try {
      settings = configured.withAddress(host, port == null ? configured.port() : port);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("command line", port == null ? "" : "--port", e.getMessage(), e);
    }
    Path folder = repository != null ? repository : Path.of(service.embedded().repository());
    ReferenceModel model = ServiceEndpoint.model(folder, repository != null ? "--repository"
        : "service.embedded.repository");
    CountDownLatch stopped = new CountDownLatch(1);
    try (MergeService server = MergeService.start(settings, model, DatasetReader.jsonLines())) {
      PrintWriter out = spec.commandLine().getOut();
      out.println("serving " + model.adapters().size() + " adapters from " + folder + " at "
          + server.baseUrl() + " (key from " + service.apiKey().describe() + "); Ctrl-C stops");
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
    }
    return ExitCodes.OK;
  }
}
