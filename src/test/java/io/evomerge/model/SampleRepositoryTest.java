package io.evomerge.model;

import io.evomerge.protocol.ExampleResult;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evomerge.adapter.AdapterRepository;
import io.evomerge.data.Example;
import io.evomerge.data.ExampleReader;
import io.evomerge.merge.ControlVectors;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed repository in {@code data/repository} loads and scores as its summary says. */
class SampleRepositoryTest {

  private static final Path DIR = Path.of("data/repository");

  @Test
  void holdsAtLeastTwentyRankEightAdaptersSortedByName() throws Exception {
    AdapterRepository repository = AdapterRepository.load(DIR);
    assertTrue(repository.size() >= 20, "only " + repository.size() + " adapters");
    assertEquals(8, repository.rank());
    assertEquals(384, repository.dim());
    List<String> ids = repository.adapters().stream().map(a -> a.id()).toList();
    assertEquals(ids.stream().sorted().toList(), ids);
  }

  @Test
  void anAdapterReproducesItsSummaryAccuracyThroughTheServingModel() throws Exception {
    ReferenceModel model = ReferenceModel.load(DIR);
    JsonNode summary = new ObjectMapper().readTree(DIR.resolve("training-summary.json").toFile());
    JsonNode row = null;
    for (JsonNode r : summary.get("adapters")) {
      if (r.get("adapter").asText().equals("sentiment-movies")) {
        row = r;
      }
    }
    List<Example> dev = ExampleReader.of().read(Path.of("data/tasks/sentiment-movies/dev.jsonl"));
    int index = model.repository().indexOf("sentiment-movies");
    double[] alpha = new double[model.repository().size()];
    double[] beta = new double[model.repository().size()];
    alpha[index] = 1;
    beta[index] = 1;
    List<ExampleResult> results = model.evaluate(ControlVectors.of(alpha, beta), dev);
    double accuracy = results.stream().filter(ExampleResult::correct).count() / (double) results.size();
    assertEquals(row.get("devAccuracy").doubleValue(), accuracy, 1e-12);
    List<ExampleResult> base = model.evaluate(ReferenceModel.baseVectors(model.repository().size()), dev);
    assertEquals(row.get("baseDevAccuracy").doubleValue(),
        base.stream().filter(ExampleResult::correct).count() / (double) base.size(), 1e-12);
  }
}
