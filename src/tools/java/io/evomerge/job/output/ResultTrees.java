package io.evomerge.job.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Comparing the {@code result.json} of two runs. */
public final class ResultTrees {

  private ResultTrees() {}

  /**
   * The deterministic part of a {@code result.json} text: its tree without the {@code timing}
   * field, the one part that differs between two runs with the same configuration and seed.
   */
  public static JsonNode withoutTiming(String json) throws JsonProcessingException {
    JsonNode tree = OutputJson.reader().readTree(json);
    if (tree instanceof ObjectNode object) {
      object.remove("timing");
    }
    return tree;
  }
}
