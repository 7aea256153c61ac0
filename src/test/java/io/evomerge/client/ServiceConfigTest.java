package io.evomerge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.config.ApiKeySource;
import io.evomerge.config.BmmConfig;
import io.evomerge.config.EmbeddedConfig;
import io.evomerge.config.RetryConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.protocol.Dialect;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's one settings type, {@link ServiceConfig}, as the client reads it. */
class ServiceConfigTest {

  static final ServiceConfig SETTINGS = settings(List.of(), 2000, 16, 1, 12.5);

  /** Dialect bmm on conll04 at http://127.0.0.1:8080/ (or {@code urls}), with the numbers given. */
  static ServiceConfig settings(List<String> urls, int connectMs, int maxInFlight, int sessions,
      double rate) {
    BmmConfig bmm = BmmConfig.defaults();
    return new ServiceConfig("http://127.0.0.1:8080/", urls, Dialect.BMM, new ApiKeySource("MY_KEY", ""),
        connectMs, 30_000, maxInFlight, sessions, rate, new RetryConfig(60_000, 6, 100, 5000, 0.3),
        new BmmConfig(bmm.presetId(), "conll04", bmm.testDataset(), bmm.datasetDir(), bmm.batchSize(),
            bmm.evaluationBatches()),
        EmbeddedConfig.defaults());
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void survivesJavaSerialisationAsTasksCarryIt() throws Exception {
    assertEquals(SETTINGS, roundTrip(SETTINGS));
    assertEquals(new CallCounts(3, 1, 2, 0), roundTrip(new CallCounts(3, 1, 2, 0)));
  }

  @Test
  void theClientDropsATrailingSlashAndReadsTheDialectsDefaults() {
    assertEquals(List.of("http://127.0.0.1:8080"), MergeClient.of(SETTINGS).replicas());
    assertEquals(16, ServiceConfig.defaults().withUrl("http://x").inFlight());
    assertEquals(1, settings(List.of(), 2000, 0, 1, 12.5).inFlight());
    assertEquals(List.of("http://a:1", "http://b:2"),
        MergeClient.of(settings(List.of("http://a:1/", "http://b:2"), 2000, 16, 1, 12.5)).replicas());
  }

  @Test
  void countsAddUpEachNumberInItsOwnPlace() {
    CallCounter counter = new CallCounter();
    counter.onAttempt("a");
    counter.onRetry("a", null, 0);
    counter.onAttempt("a");
    counter.onAnswer("a");
    counter.onAttempt("b");
    counter.onFailure("b", null);
    CallCounts counts = counter.counts();
    assertEquals(new CallCounts(3, 1, 1, 1), counts);
    assertEquals(counts.attempts(), counts.answers() + counts.retries() + counts.failures());
    assertEquals(new CallCounts(6, 2, 2, 2), counts.plus(counts));
  }

  @Test
  void refusesSettingsThatCannotWorkNamingTheSetting() {
    assertMessage(() -> ServiceConfig.defaults().withUrl("ftp:/x"), "url: 'ftp:/x'");
    assertMessage(() -> settings(List.of(), 2000, -1, 1, 12.5), "maxInFlight: -1");
    assertMessage(() -> settings(List.of(), 2000, 16, 1, -1), "rateLimitPerSecond: -1");
    assertMessage(() -> settings(List.of(), 0, 16, 1, 12.5), "connectTimeoutMs: 0");
    assertMessage(() -> settings(List.of(), 2000, 16, 0, 12.5), "sessionsPerReplica: 0");
    assertMessage(() -> settings(List.of("http://a:1", "localhost:2"), 2000, 16, 1, 12.5), "urls: 'localhost:2'");
    assertMessage(() -> new RetryConfig(0, 0, 1, 2, 0), "maxElapsedMs: 0");
    assertMessage(() -> new RetryConfig(1000, -1, 1, 2, 0), "maxAttempts: -1");
    assertMessage(() -> new RetryConfig(1000, 3, 10, 5, 0), "maxBackoffMs: 5");
    assertMessage(() -> new RetryConfig(1000, 3, 1, 5, 1.5), "jitter: 1.5");
  }

  static void assertMessage(Runnable action, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
