package io.evomerge.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.Objects;

/**
 * The {@code query_plus} of a bmm session, field for field as the paper's release declares it:
 * which data set the service reads and how it samples and decodes. Only {@code dataset} is
 * required; a field left out (null) takes the release's default. Immutable.
 *
 * @param maxSamples examples read from the data set at most; null for all
 * @param evaluationBatches batches per evaluation; the loss is their mean
 */
@JsonPropertyOrder({"dataset", "dataset_dir", "template", "cutoff_len", "max_samples", "batch_size",
    "evaluation_batches", "temperature", "top_p", "top_k", "max_new_tokens", "repetition_penalty"})
public record QueryPlus(
    String dataset,
    @JsonProperty("dataset_dir") String datasetDir,
    String template,
    @JsonProperty("cutoff_len") Integer cutoffLen,
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("max_samples") Integer maxSamples,
    @JsonProperty("batch_size") Integer batchSize,
    @JsonProperty("evaluation_batches") Integer evaluationBatches,
    Double temperature,
    @JsonProperty("top_p") Double topP,
    @JsonProperty("top_k") Integer topK,
    @JsonProperty("max_new_tokens") Integer maxNewTokens,
    @JsonProperty("repetition_penalty") Double repetitionPenalty) implements Serializable {

  public static final String DEFAULT_DATASET_DIR = "data/Userdata";
  public static final int DEFAULT_BATCH_SIZE = 15;
  public static final int DEFAULT_EVALUATION_BATCHES = 20;

  public QueryPlus {
    Objects.requireNonNull(dataset, "query_plus.dataset is required");
    datasetDir = datasetDir == null ? DEFAULT_DATASET_DIR : datasetDir;
    template = template == null ? "default" : template;
    cutoffLen = cutoffLen == null ? 2048 : cutoffLen;
    batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
    evaluationBatches = evaluationBatches == null ? DEFAULT_EVALUATION_BATCHES : evaluationBatches;
    temperature = temperature == null ? 0.95 : temperature;
    topP = topP == null ? 0.7 : topP;
    topK = topK == null ? 50 : topK;
    maxNewTokens = maxNewTokens == null ? 1024 : maxNewTokens;
    repetitionPenalty = repetitionPenalty == null ? 1.0 : repetitionPenalty;
  }

  public static QueryPlus of(String dataset) {
    return of(dataset, null, null, null);
  }

  /** The query of {@code dataset}; a null argument takes the release's default. */
  public static QueryPlus of(String dataset, String datasetDir, Integer batchSize, Integer evaluationBatches) {
    return new QueryPlus(dataset, datasetDir, null, null, null, batchSize, evaluationBatches,
        null, null, null, null, null);
  }
}
