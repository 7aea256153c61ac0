package io.evomerge.train;

import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.model.ReferenceModel;
import java.util.List;

/**
 * Accuracy and mean loss of a model with given control vectors on a list of examples, as the merge
 * service would report them. Immutable.
 */
public record Scores(double accuracy, double loss) {

  public static Scores of(ReferenceModel model, ControlVectors vectors, List<Example> examples) {
    List<ExampleResult> results = model.evaluate(vectors, examples);
    double correct = 0;
    double loss = 0;
    for (ExampleResult r : results) {
      correct += r.correct() ? 1 : 0;
      loss += r.loss();
    }
    return new Scores(correct / results.size(), loss / results.size());
  }
}
