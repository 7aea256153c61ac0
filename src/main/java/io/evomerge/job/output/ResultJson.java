package io.evomerge.job.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.evomerge.report.ComparisonRow;
import io.evomerge.report.ComparisonTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The content of a run's {@code result.json}: UTF-8, two-space indentation, {@code \n} line
 * ends, a final newline, fields in a fixed order, doubles in Java's shortest round-trip form
 * (NaN as {@code "NaN"}); written atomically. Immutable. Everything but {@code timing} is a
 * function of the configuration, the seed and the service's answers, so two runs with the same
 * configuration and seed write the same bytes once {@code timing} is removed.
 *
 * @param runId the run
 * @param seed the seed of every random draw
 * @param best the searched method's result
 * @param compared the baselines and ablations run beside it, in the order they ran; may be empty
 * @param screening the screening that chose the searched adapters; null (left out) when every
 *     adapter was searched
 * @param api usage of the merge service by the whole run (screening included)
 * @param configuration the resolved configuration as given (key order kept) minus every key, at
 *     any depth, whose name matches {@link #SECRET}: a defensive check, the caller must not pass
 *     secrets in the first place
 * @param timing wall-clock facts, the one non-deterministic part
 * @param adapterDir where the provider keeps the searched method's best merge ({@code materialize},
 *     dialect bmm); null (left out) for a service without it
 */
@JsonPropertyOrder({"runId", "seed", "best", "adapter_dir", "compared", "screening", "api", "configuration",
    "timing"})
public record ResultJson(
    String runId,
    long seed,
    MethodResult best,
    List<MethodResult> compared,
    @JsonInclude(JsonInclude.Include.NON_NULL) ScreeningResult screening,
    ApiUsage api,
    JsonNode configuration,
    Timing timing,
    @JsonProperty("adapter_dir") @JsonInclude(JsonInclude.Include.NON_NULL) String adapterDir) {

  /** Configuration keys that are never written. */
  static final Pattern SECRET = Pattern.compile("(?i)(api.?key|secret|token|password)");

  public ResultJson {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(best, "best");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(timing, "timing");
    compared = List.copyOf(compared);
    configuration =
        configuration == null ? JsonNodeFactory.instance.objectNode() : configuration.deepCopy();
    withoutSecrets(configuration);
  }

  private static void withoutSecrets(JsonNode node) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      if (SECRET.matcher(it.next().getKey()).find()) {
        it.remove();
      }
    }
    node.elements().forEachRemaining(ResultJson::withoutSecrets);
  }

  /** The configuration, a copy: the tree itself is mutable. */
  @Override
  public JsonNode configuration() {
    return configuration.deepCopy();
  }

  /** The searched method first, then each compared method. */
  public ComparisonTable comparisonTable() {
    List<ComparisonRow> rows = new ArrayList<>();
    rows.add(best.toComparisonRow());
    compared.forEach(m -> rows.add(m.toComparisonRow()));
    return new ComparisonTable(rows);
  }

  /** The file's text for {@code result}. */
  public static String toJson(ResultJson result) {
    try {
      return OutputJson.pretty().writeValueAsString(result) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("result.json of run " + result.runId() + " is not serialisable", e);
    }
  }

  public static ResultJson fromJson(String json) throws JsonProcessingException {
    return OutputJson.reader().forType(ResultJson.class).readValue(json);
  }

  /** Writes {@code result} to {@code path} atomically, replacing an older file. */
  public static void write(FileSystem fs, Path path, ResultJson result) throws IOException {
    AtomicFiles.write(fs, path, toJson(result).getBytes(StandardCharsets.UTF_8));
  }

  public static ResultJson read(FileSystem fs, Path path) throws IOException {
    return fromJson(new String(AtomicFiles.read(fs, path), StandardCharsets.UTF_8));
  }
}
