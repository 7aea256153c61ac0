package io.evomerge.bench.internal;

import io.evomerge.client.MergeClient;
import io.evomerge.config.FaultsConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.config.TestConfigs;
import io.evomerge.model.MergeModel;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.StatsResponse;
import io.evomerge.service.Fixtures;
import io.evomerge.service.MergeService;
import io.evomerge.config.LimitsConfig;
import io.evomerge.service.ServiceSettings;
import java.io.IOException;
import java.util.List;

/**
 * The reference service on loopback for one benchmark, with a fresh random key, and the job's
 * client settings for it. Closing it stops the service. Not thread-safe to close twice.
 */
public final class BenchService implements AutoCloseable {

  private final MergeService service;
  private final ApiKey key;

  private BenchService(MergeService service, ApiKey key) {
    this.service = service;
    this.key = key;
  }

  /** {@code model} behind a service that serves at most {@code maxConcurrency} calls at once. */
  public static BenchService start(MergeModel model, int maxConcurrency) throws IOException {
    ApiKey key = ApiKey.random("bench-");
    LimitsConfig limits = TestConfigs.limits("maxConcurrent: " + maxConcurrency);
    ServiceSettings settings = Fixtures.settings(List.of(key), limits, FaultsConfig.none(), null);
    return new BenchService(MergeService.start(settings, model), key);
  }

  /** The job's client settings from {@code config} (timeouts, retries, in flight) for this service. */
  public ServiceConfig client(ServiceConfig config) {
    MergeClient.registerKey(service.baseUrl(), key);
    return config.withUrl(service.baseUrl());
  }

  public String baseUrl() {
    return service.baseUrl();
  }

  /** Answers with status {@code status} to {@code POST /v1/evaluate} so far. */
  public long evaluateAnswers(int status) {
    StatsResponse stats = service.stats();
    return stats.calls("POST /v1/evaluate", status);
  }

  @Override
  public void close() {
    service.close();
  }
}
