package io.evomerge.report;

import java.util.List;
import java.util.TreeSet;

/**
 * Classification metrics of a merged model on a labelled set. Pure functions of their inputs;
 * sums run in a fixed order (input order, labels sorted), so equal inputs give equal bits.
 *
 * <p>Macro-F1 averages the per-label F1 over every label that occurs in the targets or the
 * predictions (labels are option strings). Per label, {@code F1 = 2 TP / (2 TP + FP + FN)}: the
 * harmonic mean of precision and recall where both are defined, and 0 where one is undefined
 * (a label never predicted, or predicted but never a target), as scikit-learn's
 * {@code zero_division=0}.
 */
public final class Metrics {

  private Metrics() {}

  public static double accuracy(List<String> targets, List<String> predictions) {
    requireSameNonEmpty(targets, predictions);
    int correct = 0;
    for (int i = 0; i < targets.size(); i++) {
      correct += targets.get(i).equals(predictions.get(i)) ? 1 : 0;
    }
    return (double) correct / targets.size();
  }

  public static double macroF1(List<String> targets, List<String> predictions) {
    requireSameNonEmpty(targets, predictions);
    TreeSet<String> labels = new TreeSet<>(targets);
    labels.addAll(predictions);
    double sum = 0.0;
    for (String label : labels) {
      sum += f1(label, targets, predictions);
    }
    return sum / labels.size();
  }

  static double f1(String label, List<String> targets, List<String> predictions) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < targets.size(); i++) {
      boolean isTarget = targets.get(i).equals(label);
      boolean isPrediction = predictions.get(i).equals(label);
      tp += isTarget && isPrediction ? 1 : 0;
      fp += !isTarget && isPrediction ? 1 : 0;
      fn += isTarget && !isPrediction ? 1 : 0;
    }
    int denominator = 2 * tp + fp + fn;
    return denominator == 0 ? 0.0 : 2.0 * tp / denominator;
  }

  /** The arithmetic mean of {@code losses}, summed in order; at least one value. */
  public static double meanLoss(double[] losses) {
    if (losses.length == 0) {
      throw new IllegalArgumentException("mean loss of no examples is undefined");
    }
    double sum = 0.0;
    for (double loss : losses) {
      sum += loss;
    }
    return sum / losses.length;
  }

  private static void requireSameNonEmpty(List<String> targets, List<String> predictions) {
    if (targets.size() != predictions.size()) {
      throw new IllegalArgumentException(
          targets.size() + " targets but " + predictions.size() + " predictions");
    }
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no examples: metrics need at least one target");
    }
  }
}
