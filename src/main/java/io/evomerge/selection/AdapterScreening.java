package io.evomerge.selection;

import java.io.Serializable;

/**
 * How one adapter did in a screening: its loss alone against the base model's on the same shards.
 * Immutable.
 *
 * @param adapter index into the repository
 * @param shards how many fitness shards it was scored on (survivors of more rounds saw more)
 * @param examples how many examples those shards hold
 * @param loss its mean loss over them (weighted by examples)
 * @param baseLoss the base model's mean loss over the same shards (NaN while one is not scored)
 */
public record AdapterScreening(int adapter, int shards, int examples, double loss, double baseLoss)
    implements Serializable {

  public double delta() {
    return loss - baseLoss;
  }
}
