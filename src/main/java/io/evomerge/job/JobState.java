package io.evomerge.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evomerge.config.ConfigLoader;
import io.evomerge.config.EvoMergeConfig;
import io.evomerge.protocol.Json;
import io.evomerge.selection.ScreeningState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The driver's whole state, checkpointed after every step; its size does not grow with the run.
 * Holds no secrets. Immutable.
 *
 * @param fingerprint digest of the configuration that shapes results ({@link #fingerprintOf}); a
 *     resume with another configuration is refused
 * @param methods every method of the run, the searched one first; empty until the screening (if
 *     any) is done
 * @param usage what the run has asked of the service so far (screening, searches, test scoring)
 * @param reserved calls reserved for the evaluation in flight when this state was saved, 0
 *     between evaluations; a resume charges them, since the crashed attempt may have sent them
 * @param screening what the screening has measured, or null when the run screens nothing
 */
public record JobState(String runId, String fingerprint, List<MethodState> methods, CallUsage usage,
    long reserved, ScreeningState screening) {

  private static final ObjectMapper MAPPER = Json.mapper();

  public JobState {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(usage, "usage");
    methods = List.copyOf(methods);
  }

  /** This state with the screening at {@code next} and {@code spent} added. */
  JobState withScreening(ScreeningState next, CallUsage spent) {
    return new JobState(runId, fingerprint, methods, usage.plus(spent), 0, next);
  }

  /** This state with the searches started: {@code started}, one per method. */
  JobState withMethods(List<MethodState> started) {
    return new JobState(runId, fingerprint, started, usage, reserved, screening);
  }

  /** Whether the searches have started (after a screening, if any). */
  boolean started() {
    return !methods.isEmpty();
  }

  /** This state with the method at {@code index} replaced and {@code spent} added. */
  JobState with(int index, MethodState state, CallUsage spent) {
    List<MethodState> updated = new ArrayList<>(methods);
    updated.set(index, state);
    return new JobState(runId, fingerprint, updated, usage.plus(spent), 0, screening);
  }

  /** This state, about to send up to {@code calls} calls. */
  JobState reserving(long calls) {
    return new JobState(runId, fingerprint, methods, usage, calls, screening);
  }

  /**
   * The state a resumed attempt starts from: calls reserved by an evaluation that never reported
   * back are charged as lost.
   */
  JobState resumed() {
    if (reserved == 0) {
      return this;
    }
    // Counted as planned too: a crash says nothing of the retries the next generations need.
    CallUsage lost = new CallUsage(reserved, 0, 0, 0, 0, reserved, 0);
    return new JobState(runId, fingerprint, methods, usage.plus(lost), 0, screening);
  }

  /** Calls charged against the budget so far. */
  public long calls() {
    return usage.spent();
  }

  /** Examples planned so far. */
  public long examples() {
    return usage.examples();
  }

  /** Whether every method's search has ended. */
  boolean searched() {
    return started() && methods.stream().allMatch(MethodState::finished);
  }

  /**
   * Digest of what shapes a run's results: search, comparison, data, the service's place, dialect,
   * embedded repository and bmm section, and the selection when it screens (so a run without
   * screening keeps its digest). Budgets, output, Spark, timeouts, retries and concurrency may
   * change between a stop and a resume.
   */
  static String fingerprintOf(EvoMergeConfig config) {
    ObjectNode tree = ConfigLoader.toTree(config).deepCopy();
    tree.remove(List.of("budget", "output", "spark"));
    if (!config.selection().screens()) {
      tree.remove("selection");
    }
    JsonNode service = tree.path("service");
    ObjectNode kept = MAPPER.createObjectNode();
    kept.set("url", service.path("url"));
    kept.set("dialect", service.path("dialect"));
    kept.set("repository", service.path("embedded").path("repository"));
    kept.set("bmm", service.path("bmm"));
    tree.set("service", kept);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(MAPPER.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
