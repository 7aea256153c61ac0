package io.evomerge.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes examples as JSON Lines in the format {@link ExampleReader} reads, with a fixed key order
 * ({@code id, instruction, input, output, options}; {@code output} left out when null), UTF-8 and
 * {@code \n} line ends, so that the same examples always give the same bytes. Stateless and
 * thread-safe.
 */
public final class ExampleWriter {

  private static final JsonFactory JSON = new JsonFactory();

  private ExampleWriter() {}

  public static String toLine(Example example) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      write(example, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** Writes the examples, one line each, in the given order; the stream is not closed. */
  public static void write(List<Example> examples, OutputStream out) {
    try {
      for (Example example : examples) {
        out.write((toLine(example) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Example example, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", example.id());
    json.writeStringField("instruction", example.instruction());
    json.writeStringField("input", example.input());
    if (example.output() != null) {
      json.writeStringField("output", example.output());
    }
    json.writeArrayFieldStart("options");
    for (String option : example.options()) {
      json.writeString(option);
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
