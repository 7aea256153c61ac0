package io.evomerge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigRecordsTest {

  @Test
  void checksReportTheKeyTheValueAndTheRule() {
    assertEquals("popSize: 0 must be > 0",
        assertThrows(IllegalArgumentException.class, () -> Check.positive("popSize", 0)).getMessage());
    assertEquals("jitter: 1.5 must be between 0 and 1",
        assertThrows(IllegalArgumentException.class, () -> Check.inRange("jitter", 1.5, 0, 1)).getMessage());
    assertEquals("url: 'ftp://h' must be an http:// or https:// URL with a host",
        assertThrows(IllegalArgumentException.class, () -> Check.httpUrl("url", "ftp://h")).getMessage());
    assertEquals("ids: 'a' is listed twice", assertThrows(IllegalArgumentException.class,
        () -> Check.distinct("ids", List.of("a", "b", "a"))).getMessage());
  }

  @Test
  void hadoopLocationsOfEveryKindAreAccepted() {
    for (String path : List.of("data/x.jsonl", "/abs/x", "file:///x", "hdfs://nn:8020/x", "s3a://bucket/x")) {
      assertEquals(path, Check.pathOrUri("fitness", path));
    }
    assertThrows(IllegalArgumentException.class, () -> Check.pathOrUri("fitness", " "));
    assertThrows(IllegalArgumentException.class, () -> Check.pathOrUri("fitness", "3x://a"));
  }

  @Test
  void theServiceAcceptsEmbeddedOrAnHttpUrl() {
    assertTrue(ServiceConfig.defaults().usesEmbedded());
    ServiceConfig remote = ServiceConfig.defaults().withUrl("https://lmaas.example.com/api");
    assertEquals("https://lmaas.example.com/api", remote.url());
    assertThrows(IllegalArgumentException.class, () -> ServiceConfig.defaults().withUrl("localhost:8080"));
  }

  @Test
  void retryBackoffMayNotShrink() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RetryConfig(1000, 3, 500, 100, 0));
    assertEquals("maxBackoffMs: 100 must be >= initialBackoffMs (500)", e.getMessage());
  }

  @Test
  void faultRatesMaySumToOneAtMost() {
    assertTrue(new FaultsConfig(1, 0, 0, 0.5, 0.5, 0, 120_000, 0, 0, 0, 1).injectsAny());
    assertThrows(IllegalArgumentException.class, () -> new FaultsConfig(1, 0, 0, 0.5, 0.5, 0.1, 1000, 0, 0, 0, 1));
  }

  @Test
  void theApiKeyComesFromTheNamedVariable() {
    ApiKeySource source = ApiKeySource.defaults();
    assertEquals(Optional.of("k1"), source.read(Map.of("EVOMERGE_API_KEY", " k1 \n")));
    assertEquals(Optional.empty(), source.read(Map.of()));
    assertEquals("environment variable EVOMERGE_API_KEY", source.describe());
  }

  @Test
  void everySectionSurvivesJavaSerialisationForExecutors() throws Exception {
    EvoMergeConfig c = EvoMergeConfig.defaults();
    for (Object section : List.of(c.service(), c.data(), c.budget(), c.spark(), c.output())) {
      assertEquals(section, roundTrip(section));
    }
  }

  private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    }
  }
}
