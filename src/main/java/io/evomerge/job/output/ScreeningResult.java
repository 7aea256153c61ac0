package io.evomerge.job.output;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The screening of a run in {@code result.json} (see {@code ScreeningPlan}): what it chose and how every
 * screened adapter did alone against the base model. Immutable.
 *
 * @param topK adapters chosen by screening
 * @param pinned adapters searched whatever the screening said
 * @param rounds rounds of successive halving
 * @param plannedCalls service calls the screening planned (without retries); the run's {@code api}
 *     counts them with the search's
 * @param selected the adapters every method searched, in repository order
 * @param ranking every screened adapter, best first
 */
@JsonPropertyOrder({"topK", "pinned", "rounds", "plannedCalls", "selected", "ranking"})
public record ScreeningResult(int topK, List<String> pinned, int rounds, long plannedCalls,
    List<String> selected, List<Adapter> ranking) {

  public ScreeningResult {
    pinned = List.copyOf(pinned);
    selected = List.copyOf(selected);
    ranking = List.copyOf(ranking);
  }

  /**
   * One screened adapter.
   *
   * @param adapter its id
   * @param rank 1 for the best
   * @param shards fitness shards it was scored on (survivors of more rounds saw more)
   * @param examples examples on those shards
   * @param loss its mean loss alone (alpha = 1, beta = 1, every other beta 0)
   * @param baseLoss the base model's mean loss on the same shards
   * @param delta {@code loss - baseLoss}; below 0 when it beats the base model alone
   * @param selected whether the search went over it
   */
  @JsonPropertyOrder({"adapter", "rank", "shards", "examples", "loss", "baseLoss", "delta", "selected"})
  public record Adapter(String adapter, int rank, int shards, int examples, double loss, double baseLoss,
      double delta, boolean selected) {
    public Adapter {
      Objects.requireNonNull(adapter, "adapter");
    }
  }
}
