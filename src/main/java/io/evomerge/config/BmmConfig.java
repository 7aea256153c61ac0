package io.evomerge.config;

import java.io.Serializable;

/**
 * The session of the {@code bmm} dialect ({@code POST /v1/sessions}; see the README's protocol
 * notes): the service keeps the data set and samples its own batches. Unused by the
 * {@code evomerge} dialect. Immutable.
 *
 * @param presetId the service's preset (base model and repository); empty = the service's default
 * @param dataset name of the data set on the service; required when the dialect is {@code bmm}
 * @param datasetDir folder of the data set on the service; empty = the service's default
 * @param batchSize examples per batch, &gt; 0 (the paper's release: 15)
 * @param evaluationBatches batches per evaluation, &gt; 0 (the paper's release: 20)
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
    return new BmmConfig("", "", "", "", 15, 20);
  }

  public BmmConfig withDataset(String name) {
    return new BmmConfig(presetId, name, testDataset, datasetDir, batchSize, evaluationBatches);
  }

  public BmmConfig withBatches(int size, int batches) {
    return new BmmConfig(presetId, dataset, testDataset, datasetDir, size, batches);
  }
}
