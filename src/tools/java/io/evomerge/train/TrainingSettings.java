package io.evomerge.train;

/**
 * Hyper-parameters of {@link AdapterTrainer}. Immutable.
 *
 * @param loraAlpha LoRA alpha; the update is {@code (loraAlpha / r) * B A}
 * @param temperature the scorer's fixed temperature s (must match the serving model's)
 * @param epochs the most passes over the training set
 * @param weightDecay L2 penalty on A and B, added to the gradient (0 disables it)
 * @param patience stop after this many epochs without a better dev loss (0: never stop early)
 */
public record TrainingSettings(int rank, double loraAlpha, double temperature, int epochs, int batchSize,
    double learningRate, double weightDecay, int patience) {

  public TrainingSettings {
    positive("rank", rank);
    positive("epochs", epochs);
    positive("batchSize", batchSize);
    if (!(loraAlpha > 0) || !(temperature > 0) || !(learningRate > 0) || !(weightDecay >= 0)
        || patience < 0) {
      throw new IllegalArgumentException("loraAlpha, temperature and learningRate must be > 0, "
          + "weightDecay and patience >= 0: " + this);
    }
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " = " + value + " must be > 0");
    }
  }

  /** r = 8, lora_alpha = 16, s = 20, 40 epochs of batches of 32, Adam 0.01, no decay, patience 5. */
  public static TrainingSettings defaults() {
    return new TrainingSettings(8, 16, 20.0, 40, 32, 0.01, 0.0, 5);
  }

  public TrainingSettings withRank(int value) {
    return new TrainingSettings(value, loraAlpha, temperature, epochs, batchSize, learningRate, weightDecay, patience);
  }

  public TrainingSettings withLoraAlpha(double value) {
    return new TrainingSettings(rank, value, temperature, epochs, batchSize, learningRate, weightDecay, patience);
  }

  public TrainingSettings withEpochs(int value) {
    return new TrainingSettings(rank, loraAlpha, temperature, value, batchSize, learningRate, weightDecay, patience);
  }

  public TrainingSettings withLearningRate(double value) {
    return new TrainingSettings(rank, loraAlpha, temperature, epochs, batchSize, value, weightDecay, patience);
  }

  public TrainingSettings withPatience(int value) {
    return new TrainingSettings(rank, loraAlpha, temperature, epochs, batchSize, learningRate, weightDecay, value);
  }

  public double scale() {
    return loraAlpha / rank;
  }
}
