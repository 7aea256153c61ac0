package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.evomerge.client.MergeClient;
import io.evomerge.config.ServiceConfig;
import io.evomerge.config.TestConfigs;
import io.evomerge.protocol.QueryPlus;
import io.evomerge.protocol.SessionCreateRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.evomerge.data.Shards;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ExampleResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every type that travels to executors survives Java serialisation (Spark's closure serialiser). */
class ShippedTypesTest {

  private static final ControlVectors VECTORS = ControlVectors.of(new double[] {0.5, 1}, new double[] {-0.25, 0.75});

  @Test
  void anEvaluationTaskRoundTrips() throws Exception {
    var task = new EvaluationTask(3, 1, VECTORS);
    assertEquals(task, roundTrip(task));
  }

  @Test
  void aShardResultRoundTrips() throws Exception {
    var result = ShardResult.ofExamples(2, 4, List.of(new ExampleResult("e1", 0.3, "yes", true)), true);
    assertEquals(result, roundTrip(result));
  }

  @Test
  void thePartitionFunctionRoundTripsWithItsSettingsAndSet() throws Exception {
    var set = new EvaluationSet.OfExamples(Shards.of(LoopbackService.examples(7), 3));
    var tasks = EvaluationTask.grid(List.of(VECTORS), set.shardCount());
    var function = new EvaluatePartition(ServiceConfig.defaults().withUrl("http://127.0.0.1:1"), tasks, LocalCallMetrics.counters(), 2.5);
    EvaluatePartition copy = roundTrip(function);
    assertEquals(function.service(), copy.service());
    assertEquals(tasks, copy.tasks());
    assertEquals(2.5, copy.ratePerSecond(), 0.0);
    assertEquals(set.parts(2), roundTrip(new java.util.ArrayList<>(set.parts(2))), "the cached parts");
  }

  /**
   * Issue 9: the API key never travels inside a serialised task. The executor reads it itself,
   * here from a secret file that {@code service.apiKey.file} names, and its calls are accepted.
   */
  @Test
  void theSerialisedTaskHoldsNoKeyAndTheExecutorReadsItFromItsSecretFile(@TempDir Path dir) throws Exception {
    try (LoopbackService service = LoopbackService.start(3, 5)) {
      MergeClient.registerKey(service.service.baseUrl(), null);
      Path secret = dir.resolve("api-key");
      Files.writeString(secret, LoopbackService.KEY.reveal() + "\n");
      ServiceConfig config = TestConfigs.service(service.client.url(), "maxInFlight=4", "apiKey.env=",
          "apiKey.file=" + secret);
      var set = new EvaluationSet.OfExamples(Shards.of(LoopbackService.examples(4), 2));
      var tasks = EvaluationTask.grid(List.of(ControlVectors.uniform(3)), set.shardCount());
      var function = new EvaluatePartition(config, tasks, LocalCallMetrics.counters(), 0);

      byte[] bytes = serialise(function);
      String asText = new String(bytes, StandardCharsets.ISO_8859_1);
      assertFalse(asText.contains(LoopbackService.KEY.reveal()), "the task's bytes hold the key");

      EvaluatePartition onExecutor = deserialise(bytes);
      List<ShardResult> results = new java.util.ArrayList<>();
      onExecutor.call(set.parts(1).iterator()).forEachRemaining(results::add);
      assertEquals(2, results.size());
      assertEquals(4, results.stream().mapToInt(r -> r.results().size()).sum());
    }
  }

  @Test
  void aSessionSetRoundTrips() throws Exception {
    var request = SessionCreateRequest.of("p", QueryPlus.of("d"));
    var set = new EvaluationSet.OfSession(List.of(new EvaluationSet.OfSession.Session(0, "s-1", request, 5),
        new EvaluationSet.OfSession.Session(1, "s-2", request, 5)), 300, "p", "d");
    assertEquals(set, roundTrip(set));
  }

  @Test
  void anAdapterSelectionRoundTripsAndExpandsIntoTheRepositoryOrder() throws Exception {
    var selection = AdapterSelection.of(List.of("a", "b", "c"), List.of("c", "a"));
    assertEquals(selection, roundTrip(selection));
    ControlVectors full = selection.expand(VECTORS);
    assertEquals(ControlVectors.of(new double[] {0.5, 0, 1}, new double[] {-0.25, 0, 0.75}), full);
  }

  private static byte[] serialise(Object value) throws Exception {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private static <T> T deserialise(byte[] bytes) throws Exception {
    try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      return (T) in.readObject();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
