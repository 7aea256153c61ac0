package io.evomerge.cli;

import io.evomerge.client.MergeClient;
import io.evomerge.config.ConfigException;
import io.evomerge.config.EmbeddedConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.Dialect;
import io.evomerge.service.DatasetReader;
import io.evomerge.service.MergeService;
import io.evomerge.service.ServiceSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The merge service a run talks to: a remote one named by {@code service.url}, or, for {@code
 * embedded}, the reference service started in this JVM on loopback with a fresh random key (which
 * stays in this JVM). Closing it stops the embedded service. The job sees only the {@link
 * ServiceConfig}.
 */
public final class ServiceEndpoint implements AutoCloseable {

  private final ServiceConfig client;
  private final MergeService embedded;

  private ServiceEndpoint(ServiceConfig client, MergeService embedded) {
    this.client = client;
    this.embedded = embedded;
  }

  /**
   * Connects to (or starts) the service {@code config} names; the key is read from {@code env}. The
   * paper's release (dialect bmm) has no authentication, so there a key is optional.
   */
  public static ServiceEndpoint open(ServiceConfig config, Map<String, String> env) throws IOException {
    if (ServiceConfig.EMBEDDED.equals(config.url())) {
      ApiKey key = ApiKey.random("em-");
      MergeService service = startEmbedded(config, key);
      MergeClient.registerKey(service.baseUrl(), key);
      return new ServiceEndpoint(config.withUrl(service.baseUrl()), service);
    }
    if (config.dialect() != Dialect.BMM) {
      requireKey(config, env);
    }
    return new ServiceEndpoint(config, null);
  }

  /** What executors need to call the service: its address and settings, never the key. */
  public ServiceConfig client() {
    return client;
  }

  public Optional<MergeService> embedded() {
    return Optional.ofNullable(embedded);
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }

  /**
   * Starts the reference service, which needs the model's libraries: the cluster job jar leaves
   * them out, so there {@code embedded} is a configuration error that says what to do instead.
   */
  private static MergeService startEmbedded(ServiceConfig config, ApiKey key) throws IOException {
    try {
      ReferenceModel model = model(Path.of(config.embedded().repository()), "service.embedded.repository");
      return MergeService.start(serviceSettings(config, List.of(key)), model, DatasetReader.jsonLines());
    } catch (NoClassDefFoundError e) {
      throw new ConfigException("configuration", "service.url", "'embedded' needs the reference service's"
          + " libraries, which the cluster job jar leaves out (" + e.getMessage() + "); run locally with"
          + " submit/evomerge run, or point service.url at a service such as submit/evomerge serve", e);
    }
  }

  /** The model of the repository {@code folder}, which {@code key} named; not one exits 2. */
  static ReferenceModel model(Path folder, String key) {
    try {
      return ReferenceModel.load(folder);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(folder.toString(), key,
          "not a usable adapter repository: " + e.getMessage(), e);
    }
  }

  public static ServiceSettings serviceSettings(ServiceConfig config, List<ApiKey> keys) {
    EmbeddedConfig embedded = config.embedded();
    ServiceSettings defaults = ServiceSettings.defaults();
    String preset = config.bmm().presetId().isBlank() ? defaults.presetId() : config.bmm().presetId();
    // Sessions (dialect bmm) name their data set relative to the working directory.
    return new ServiceSettings(defaults.host(), embedded.port(), keys, embedded.limits(), embedded.faults(),
        Path.of("").toAbsolutePath(), preset);
  }

  /** The key {@code config.apiKey} names, read from {@code env} or its file; an error says where it looked. */
  public static ApiKey requireKey(ServiceConfig config, Map<String, String> env) {
    return ApiKey.of(config.apiKey().read(env).orElseThrow(() -> new ConfigException("configuration",
        "service.apiKey", "no API key found in " + config.apiKey().describe() + "; the service at "
            + config.url() + " needs one")));
  }
}
