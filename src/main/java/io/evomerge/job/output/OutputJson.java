package io.evomerge.job.output;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The JSON settings of every file this package writes: map keys sorted, two-space indentation
 * with {@code \n} line ends on every OS. Readers and writers are immutable and thread-safe.
 */
final class OutputJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));

  private OutputJson() {}

  /** Pretty, deterministic output. */
  static ObjectWriter pretty() {
    return MAPPER.writer(PRETTY);
  }

  /** One-line output. */
  static ObjectWriter compact() {
    return MAPPER.writer();
  }

  static ObjectReader reader() {
    return MAPPER.reader();
  }
}
