package io.evomerge.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One multiple-choice example, one line of a JSON Lines data file ({@link ExampleReader}; Alpaca /
 * LLaMA-Factory compatible). Immutable and thread-safe.
 *
 * @param id unique within its data set; shards are built in id order
 * @param instruction optional task instruction, may be empty
 * @param output the target answer, one of {@code options}; {@code null} for prediction-only requests
 * @param options the answer strings the scorer chooses among, at least two
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Example(String id, String instruction, String input, String output, List<String> options)
    implements Serializable {

  public Example {
    Objects.requireNonNull(id, "id");
    instruction = instruction == null ? "" : instruction;
    input = input == null ? "" : input;
    options = List.copyOf(Objects.requireNonNull(options, "options"));
  }

  public Example withoutOutput() {
    return new Example(id, instruction, input, null, options);
  }

  public String prompt() {
    return instruction.isEmpty() ? input : instruction + "\n" + input;
  }
}
