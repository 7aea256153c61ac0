package io.evomerge.data;

import java.util.List;

/**
 * One valid line of a JSON Lines file before its options are resolved. Immutable.
 *
 * @param line 1-based line number
 * @param options the line's own options, or {@code null} when the line has none
 */
record ParsedLine(
    int line, String id, String instruction, String input, String output, List<String> options) {

  ParsedLine {
    options = options == null ? null : List.copyOf(options);
  }

  Example toExample(List<String> fileOptions) {
    return new Example(id, instruction, input, output, options == null ? fileOptions : options);
  }
}
