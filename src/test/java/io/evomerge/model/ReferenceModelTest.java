package io.evomerge.model;

import io.evomerge.protocol.ExampleResult;
import io.evomerge.protocol.AdapterInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.adapter.AdapterRepository;
import io.evomerge.adapter.LoraAdapter;
import io.evomerge.data.Example;
import io.evomerge.encoder.MiniLmEncoder;
import io.evomerge.encoder.TextEncoder;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The reference model with the real ONNX encoder and hand-built rank-1 adapters. */
class ReferenceModelTest {

  private static final TextEncoder ENCODER = MiniLmEncoder.sharedCached();
  private static final Example REVIEW = new Example("r1", "Is this review positive or negative?",
      "The plot dragged and the acting was wooden.", "negative", List.of("positive", "negative"));
  private static final Example QUESTION = new Example("q1", "", "Where is the nearest train station?",
      "location", List.of("person", "location", "number"));

  /**
   * A rank-1 adapter whose update {@code scale * b a^T} scores option "pull" higher for prompts
   * along {@code prompt}: b = e(prompt), a = e(pull) - e(push).
   */
  private static LoraAdapter steering(String id, String prompt, String pull, String push) {
    float[] b = ENCODER.encode(prompt);
    float[] up = ENCODER.encode(pull);
    float[] down = ENCODER.encode(push);
    float[] a = new float[b.length];
    for (int k = 0; k < a.length; k++) {
      a[k] = up[k] - down[k];
    }
    return new LoraAdapter(id, "steer to " + pull, 1, 4.0, b.length, a, b);
  }

  private static final AdapterRepository REPOSITORY = new AdapterRepository(AdapterRepository.REFERENCE_BASE_MODEL,
      List.of(steering("to-positive", REVIEW.prompt(), "positive", "negative"),
          steering("to-number", QUESTION.prompt(), "number", "location")));
  private static final ReferenceModel MODEL = new ReferenceModel(REPOSITORY, ENCODER,
      ReferenceModel.DEFAULT_TEMPERATURE);

  @Test
  void theBaseModelIsACosineClassifierAtTheTemperature() {
    double[] scores = MODEL.scores(ReferenceModel.baseVectors(2), REVIEW);
    float[] x = ENCODER.encode(REVIEW.prompt());
    for (int j = 0; j < 2; j++) {
      assertEquals(20.0 * dot(x, ENCODER.encode(REVIEW.options().get(j))), scores[j], 1e-9);
    }
  }

  @Test
  void anAdapterMovesThePredictionTowardItsTaskAndTheLossFollows() {
    ControlVectors base = ReferenceModel.baseVectors(2);
    ControlVectors steer = ControlVectors.of(new double[] {1, 1}, new double[] {1, 0});
    ExampleResult before = MODEL.evaluate(base, List.of(REVIEW)).get(0);
    ExampleResult after = MODEL.evaluate(steer, List.of(REVIEW)).get(0);
    assertEquals("positive", after.prediction());
    assertFalse(after.correct());
    assertTrue(after.loss() > before.loss() + 1.0, before.loss() + " -> " + after.loss());
    assertEquals(List.of("positive"), MODEL.predict(steer, List.of(REVIEW.withoutOutput())));
  }

  @Test
  void alphaZeroSwitchesAnAdapterOffWhateverItsBeta() {
    ControlVectors off = ControlVectors.of(new double[] {0, 0}, new double[] {1.5, -1.5});
    assertArrayEquals(MODEL.scores(ReferenceModel.baseVectors(2), QUESTION), MODEL.scores(off, QUESTION));
  }

  @Test
  void theLossIsTheCrossEntropyOfTheTargetOverTheOptions() {
    ControlVectors v = ControlVectors.of(new double[] {0.5, 1}, new double[] {0.3, 0.7});
    double[] s = MODEL.scores(v, QUESTION);
    double logSumExp = Math.log(Math.exp(s[0]) + Math.exp(s[1]) + Math.exp(s[2]));
    ExampleResult r = MODEL.evaluate(v, List.of(QUESTION)).get(0);
    assertEquals(logSumExp - s[1], r.loss(), 1e-9);
    int best = s[0] >= s[1] && s[0] >= s[2] ? 0 : s[1] >= s[2] ? 1 : 2;
    assertEquals(QUESTION.options().get(best), r.prediction());
    assertEquals(best == 1, r.correct());
  }

  @Test
  void mergedWeightsAreCachedUnderTheMergeId() {
    ControlVectors v = ControlVectors.of(new double[] {0.25, 0.75}, new double[] {1, -1});
    assertSame(MODEL.merged(v), MODEL.merged(ControlVectors.of(new double[] {0.25, 0.75}, new double[] {1, -1})));
    assertEquals(MergeDigest.of(v), MergeDigest.of(ControlVectors.of(new double[] {0.25, 0.75}, new double[] {1, -1})));
  }

  @Test
  void controlVectorsMustMatchTheRepositorySize() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MODEL.evaluate(ControlVectors.uniform(3), List.of(REVIEW)));
    assertTrue(e.getMessage().contains("3 entries") && e.getMessage().contains("2 adapters"), e.getMessage());
  }

  @Test
  void aTargetOutsideTheOptionsIsRejectedNamingTheExample() {
    Example bad = new Example("bad-7", "", "text", "maybe", List.of("yes", "no"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MODEL.evaluate(ControlVectors.uniform(2), List.of(bad)));
    assertTrue(e.getMessage().contains("bad-7") && e.getMessage().contains("maybe"), e.getMessage());
  }

  @Test
  void describesItsAdaptersInControlVectorOrder() {
    assertEquals("all-MiniLM-L6-v2+bilinear", MODEL.baseModel());
    assertEquals(List.of(new AdapterInfo("to-positive", "steer to positive", 1),
        new AdapterInfo("to-number", "steer to number", 1)), MODEL.adapters());
  }

  @Test
  void concurrentCallsGiveTheSameResultsAsSerialOnes() throws Exception {
    List<Example> examples = List.of(REVIEW, QUESTION);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<ExampleResult>>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < 16; t++) {
        double beta = t / 8.0 - 1;
        futures.add(pool.submit(() -> MODEL.evaluate(
            ControlVectors.of(new double[] {1, 0.5}, new double[] {beta, 0.5}), examples)));
      }
      for (int t = 0; t < 16; t++) {
        double beta = t / 8.0 - 1;
        assertEquals(MODEL.evaluate(ControlVectors.of(new double[] {1, 0.5}, new double[] {beta, 0.5}), examples),
            futures.get(t).get());
      }
    } finally {
      pool.shutdown();
    }
  }

  private static double dot(float[] x, float[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (double) x[i] * y[i];
    }
    return s;
  }
}
