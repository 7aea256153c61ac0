package io.evomerge.config;

import io.evomerge.protocol.QueryPlus;
import java.io.Serializable;

/**
 * The session of the {@code bmm} dialect ({@code POST /v1/sessions}; see the README's protocol
 * notes): the service keeps the data set and samples its own batches. Unused by the
 * {@code evomerge} dialect. Immutable.
 */
public record BmmConfig(
    String presetId,
    String dataset,
    String testDataset,
    String datasetDir,
    int batchSize,
    int evaluationBatches)
    implements Serializable {

  public BmmConfig {
    Check.notNull("presetId", presetId);
    Check.notNull("dataset", dataset);
    Check.notNull("testDataset", testDataset);
    Check.notNull("datasetDir", datasetDir);
    Check.positive("batchSize", batchSize);
    Check.positive("evaluationBatches", evaluationBatches);
  }

  public static BmmConfig defaults() {
    return new BmmConfig("", "", "", "", QueryPlus.DEFAULT_BATCH_SIZE, QueryPlus.DEFAULT_EVALUATION_BATCHES);
  }
}
