package io.evomerge.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.config.TestConfigs;
import io.evomerge.data.Example;
import io.evomerge.data.ExampleReader;
import io.evomerge.data.Shard;
import io.evomerge.data.Shards;
import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.ExampleResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The screening core driven by the real reference model in-process, as the job drives it through
 * the API: the 22 sample adapters screened for target-sentiment-games on its fitness (dev) shards.
 */
class SampleRepositoryScreeningTest {

  @Test
  void screeningTheSampleRepositoryForTheGamesTargetKeepsSentimentAdaptersWithinItsPlannedCalls() throws Exception {
    ReferenceModel model = ReferenceModel.load(Path.of("data/repository"));
    List<String> ids = model.repository().adapters().stream().map(a -> a.id()).toList();
    List<Example> dev = ExampleReader.of().read(Path.of("data/tasks/target-sentiment-games/dev.jsonl"));
    List<Shard> shards = Shards.of(dev, 15).list();
    ScreeningPlan plan = ScreeningPlan.of(TestConfigs.topK(5, 2), ids, shards.size());
    ScreeningState state = ScreeningState.start(plan);
    long calls = 0;
    for (ScreeningPlan.Round round = plan.round(state); !round.isEmpty(); round = plan.round(state)) {
      assertEquals(plan.stages().get(round.index()).calls(), round.pairs().size());
      List<ShardLoss> scores = new ArrayList<>();
      for (ShardLoss.Pair pair : round.pairs()) {
        List<Example> examples = shards.get(pair.shard()).examples();
        double loss = model.evaluate(plan.vectors(pair), examples).stream().mapToDouble(ExampleResult::loss)
            .average().orElseThrow();
        scores.add(new ShardLoss(pair.adapter(), pair.shard(), loss, examples.size()));
        calls++;
      }
      state = state.withScores(scores);
    }
    assertEquals(plan.totalCalls(), calls);
    int[] selection = plan.selection(state);
    List<String> chosen = IntStream.of(selection).mapToObj(ids::get).toList();
    assertEquals(5, chosen.size());
    long sentiment = chosen.stream().filter(id -> id.startsWith("sentiment-") && !id.endsWith("-inverted")).count();
    assertTrue(sentiment >= 3, "mostly clean sentiment adapters: " + chosen);
    AdapterScreening best = state.ranking().get(0);
    assertTrue(best.delta() < 0, "the best adapter alone beats the base model: " + best);
    assertTrue(IntStream.of(selection).anyMatch(i -> i == best.adapter()));
  }
}
