package io.evomerge.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.adapter.AdapterRepository;
import io.evomerge.data.Example;
import io.evomerge.encoder.MiniLmEncoder;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.model.ReferenceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trains on a small task whose labels the zero-shot model cannot know ("alpha" = praise). */
class AdapterTrainerTest {

  private static final String[] GOOD = {"wonderful", "delightful", "superb", "excellent", "charming",
      "brilliant", "lovely", "fantastic"};
  private static final String[] BAD = {"awful", "dreadful", "boring", "terrible", "dull", "horrible",
      "clumsy", "painful"};
  private static final String[] THINGS = {"film", "meal", "hotel", "concert", "book", "service",
      "game", "trip", "show", "class"};

  private static EncodedSet train;
  private static EncodedSet dev;
  private static List<Example> devExamples;
  private static final TrainingSettings SETTINGS = TrainingSettings.defaults().withEpochs(15);

  static List<Example> examples(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean good = random.nextBoolean();
      String word = (good ? GOOD : BAD)[random.nextInt(GOOD.length)];
      String thing = THINGS[random.nextInt(THINGS.length)];
      out.add(new Example(seed + "-" + i, "Label the review.", "The " + thing + " was " + word + ".",
          good ? "alpha" : "beta", List.of("alpha", "beta")));
    }
    return out;
  }

  @BeforeAll
  static void encode() {
    train = EncodedSet.of(examples(1, 160), MiniLmEncoder.sharedCached());
    devExamples = examples(2, 60);
    dev = EncodedSet.of(devExamples, MiniLmEncoder.sharedCached());
  }

  @Test
  void learnsATaskTheBaseModelCannotAndTheServingModelAgrees() {
    TrainingResult result = AdapterTrainer.of(SETTINGS).train("praise-alpha", "praise is alpha", train, dev,
        new SplittableRandom(42));
    assertTrue(result.devAccuracy() >= 0.9, "dev accuracy " + result.devAccuracy());
    assertTrue(result.bestEpoch() >= 1 && result.bestEpoch() <= result.epochsRun());

    ReferenceModel model = ReferenceModel.of(new AdapterRepository("base", List.of(result.adapter())));
    List<ExampleResult> served = model.evaluate(ControlVectors.of(new double[] {1}, new double[] {1}), devExamples);
    double accuracy = served.stream().filter(ExampleResult::correct).count() / (double) served.size();
    double loss = served.stream().mapToDouble(ExampleResult::loss).average().orElseThrow();
    assertEquals(result.devAccuracy(), accuracy, 1e-12);
    assertEquals(result.devLoss(), loss, 1e-4);
    List<ExampleResult> base = model.evaluate(ReferenceModel.baseVectors(1), devExamples);
    assertTrue(base.stream().mapToDouble(ExampleResult::loss).average().orElseThrow() > loss + 0.2);
  }

  @Test
  void theSameSeedGivesTheSameAdapterBitForBitAndAnotherSeedAnother() {
    AdapterTrainer trainer = AdapterTrainer.of(SETTINGS.withEpochs(2));
    TrainingResult one = trainer.train("x", "", train, dev, new SplittableRandom(5));
    TrainingResult two = trainer.train("x", "", train, dev, new SplittableRandom(5));
    TrainingResult other = trainer.train("x", "", train, dev, new SplittableRandom(6));
    assertEquals(one, two);
    assertNotEquals(one.adapter(), other.adapter());
  }

  @Test
  void stopsEarlyAfterPatienceEpochsWithoutDevProgress() {
    TrainingResult result = AdapterTrainer.of(SETTINGS.withEpochs(50).withLearningRate(0.2).withPatience(2))
        .train("x", "", train, dev, new SplittableRandom(3));
    assertTrue(result.epochsRun() < 50, "ran " + result.epochsRun());
    assertEquals(result.bestEpoch() + 2, result.epochsRun());
  }
}
