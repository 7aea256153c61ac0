package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evomerge.client.ClientSettings;
import io.evomerge.data.Shards;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ExampleResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

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
    var result = ShardResult.ofExamples(2, 4, List.of(new ExampleResult("e1", 0.3, "yes", true)));
    assertEquals(result, roundTrip(result));
  }

  @Test
  void thePartitionFunctionRoundTripsWithItsSettingsAndSet() throws Exception {
    var set = new EvaluationSet.OfExamples(Shards.of(LoopbackService.examples(7), 3));
    var function = new EvaluatePartition(ClientSettings.of("http://127.0.0.1:1").withApiKey(LoopbackService.KEY),
        set, LocalCallMetrics.counters());
    EvaluatePartition copy = roundTrip(function);
    assertEquals(function.client(), copy.client());
    assertEquals(function.set(), copy.set());
  }

  @Test
  void aSessionSetRoundTrips() throws Exception {
    var set = new EvaluationSet.OfSession("s-1", 300);
    assertEquals(set, roundTrip(set));
  }

  @Test
  void anAdapterSelectionRoundTripsAndExpandsIntoTheRepositoryOrder() throws Exception {
    var selection = AdapterSelection.of(List.of("a", "b", "c"), List.of("c", "a"));
    assertEquals(selection, roundTrip(selection));
    ControlVectors full = selection.expand(VECTORS);
    assertEquals(ControlVectors.of(new double[] {0.5, 0, 1}, new double[] {-0.25, 0, 0.75}), full);
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
