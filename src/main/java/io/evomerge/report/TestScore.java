package io.evomerge.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.evomerge.data.Example;
import io.evomerge.protocol.ExampleResult;
import java.util.ArrayList;
import java.util.List;

/**
 * How a merged model scores on a labelled set (usually the test split). Immutable.
 *
 * @param examples how many examples were scored (0 when the service scores its own data set)
 * @param loss mean cross-entropy of the targets
 * @param accuracy fraction of correct predictions, in [0, 1]; NaN where not measured
 * @param macroF1 macro-averaged F1 over the option labels, in [0, 1] (see {@link Metrics}); NaN where not measured
 */
@JsonPropertyOrder({"examples", "loss", "accuracy", "macroF1"})
public record TestScore(int examples, double loss, double accuracy, double macroF1) {

  public TestScore {
    if (examples < 0) {
      throw new IllegalArgumentException("examples: " + examples + " must be >= 0");
    }
    requireUnit("accuracy", accuracy);
    requireUnit("macroF1", macroF1);
  }

  /**
   * Scores {@code results} against the targets of {@code examples}; both in the same order, with
   * the same ids.
   */
  public static TestScore of(List<Example> examples, List<ExampleResult> results) {
    if (examples.size() != results.size()) {
      throw new IllegalArgumentException(
          examples.size() + " examples but " + results.size() + " results");
    }
    List<String> targets = new ArrayList<>(examples.size());
    List<String> predictions = new ArrayList<>(results.size());
    double[] losses = new double[results.size()];
    for (int i = 0; i < examples.size(); i++) {
      targets.add(targetOf(examples.get(i), results.get(i)));
      predictions.add(results.get(i).prediction());
      losses[i] = results.get(i).loss();
    }
    return new TestScore(
        examples.size(),
        Metrics.meanLoss(losses),
        Metrics.accuracy(targets, predictions),
        Metrics.macroF1(targets, predictions));
  }

  private static String targetOf(Example example, ExampleResult result) {
    if (!example.id().equals(result.id())) {
      throw new IllegalArgumentException(
          "result for '" + result.id() + "' where example '" + example.id() + "' was expected");
    }
    if (example.output() == null || result.prediction() == null) {
      throw new IllegalArgumentException("example '" + example.id() + "' has no target or no prediction");
    }
    return example.output();
  }

  /**
   * A score of which only the loss is known, or nothing ({@code loss} NaN): the {@code bmm}
   * dialect returns session losses, no predictions.
   */
  public static TestScore lossOnly(int examples, double loss) {
    return new TestScore(examples, loss, Double.NaN, Double.NaN);
  }

  private static void requireUnit(String name, double value) {
    if (!Double.isNaN(value) && !(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + ": " + value + " is not in [0, 1]");
    }
  }
}
