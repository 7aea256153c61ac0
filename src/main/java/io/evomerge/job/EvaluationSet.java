package io.evomerge.job;

import io.evomerge.client.MergeClient;
import io.evomerge.client.MergeServiceException;
import io.evomerge.client.PermanentFailure;
import io.evomerge.data.Shards;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeDigest;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.protocol.SessionCreateRequest;
import io.evomerge.protocol.SessionEvaluateRequest;
import io.evomerge.protocol.SessionEvaluateResponse;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What candidates are evaluated on, how a generation's tasks are cut into partitions, and how one
 * partition's tasks become service calls. Travels to executors inside {@link EvaluatePartition};
 * immutable.
 */
public sealed interface EvaluationSet extends Serializable {

  /** Tasks per candidate: shards of examples, or 1 for a session. */
  int shardCount();

  /** Examples one candidate is scored on. */
  long examplesPerCandidate();

  /** The tasks cut into groups, one Spark partition each, at most {@code partitions} of them. */
  List<List<EvaluationTask>> groups(List<EvaluationTask> tasks, int partitions);

  /** Makes the calls of {@code tasks} (one group) through {@code client}; results in task order. */
  List<ShardResult> evaluate(MergeClient client, List<EvaluationTask> tasks);

  /**
   * Asks the provider to keep the merge of {@code vectors} (dialect {@code bmm}:
   * {@code POST /v1/sessions/{id}/materialize}) and returns its {@code adapter_dir}; empty for a
   * dialect without it.
   */
  Optional<String> materialize(MergeClient client, ControlVectors vectors);

  /** Dialect {@code evomerge}: the examples travel with each call, one shard per call. */
  record OfExamples(Shards shards) implements EvaluationSet {

    public OfExamples {
      Objects.requireNonNull(shards, "shards");
    }

    @Override
    public int shardCount() {
      return shards.count();
    }

    @Override
    public long examplesPerCandidate() {
      return shards.exampleCount();
    }

    /** Contiguous slices, as Spark's {@code parallelize} cuts them. */
    @Override
    public List<List<EvaluationTask>> groups(List<EvaluationTask> tasks, int partitions) {
      int slices = Math.max(1, Math.min(partitions, tasks.size()));
      List<List<EvaluationTask>> groups = new ArrayList<>(slices);
      for (int i = 0; i < slices; i++) {
        int from = (int) ((long) i * tasks.size() / slices);
        int to = (int) ((long) (i + 1) * tasks.size() / slices);
        groups.add(List.copyOf(tasks.subList(from, to)));
      }
      return groups;
    }

    @Override
    public List<ShardResult> evaluate(MergeClient client, List<EvaluationTask> tasks) {
      List<EvaluateResponse> answers = client.callAll(tasks, task -> client.evaluate(
          EvaluateRequest.of(task.vectors(), shards.shard(task.shard()).examples()),
          task.candidate() * shards.count() + task.shard()));
      List<ShardResult> results = new ArrayList<>(tasks.size());
      for (int i = 0; i < tasks.size(); i++) {
        EvaluationTask task = tasks.get(i);
        results.add(ShardResult.ofExamples(task.candidate(), task.shard(), answers.get(i).results()));
      }
      return results;
    }

    @Override
    public Optional<String> materialize(MergeClient client, ControlVectors vectors) {
      return Optional.empty();
    }
  }

  /**
   * Dialect {@code bmm}: the service holds the data set, one call evaluates a whole candidate.
   * Candidate {@code c} goes to session {@code c mod sessions.size()}, always; all of a session's
   * candidates are one partition, which keeps at most {@code service.inFlight()} calls on it (1 by
   * default: the release answers wrongly when a session gets two at once). A session the service
   * no longer knows (404: it restarted) is opened again with the same request.
   *
   * @param sessions the sessions opened for this set, over the replicas
   * @param preset the preset, for messages
   * @param dataset the data set, for messages
   */
  record OfSession(List<Session> sessions, long examplesPerCandidate, String preset, String dataset)
      implements EvaluationSet {

    /** One open session: on replica {@code replica}, opened by {@code request}. */
    public record Session(int replica, String sessionId, SessionCreateRequest request, int adapterCount)
        implements Serializable {
      public Session {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(request, "request");
      }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OfSession.class);
    /** Sessions this JVM opened again after a 404: old id to new id. */
    private static final Map<String, String> REOPENED = new ConcurrentHashMap<>();

    public OfSession {
      sessions = List.copyOf(sessions);
      if (sessions.isEmpty()) {
        throw new IllegalArgumentException("a session set needs at least one session");
      }
      Objects.requireNonNull(preset, "preset");
      Objects.requireNonNull(dataset, "dataset");
    }

    @Override
    public int shardCount() {
      return 1;
    }

    /** The adapters of the preset: the length of every control vector. */
    public int adapterCount() {
      return sessions.get(0).adapterCount();
    }

    /** One group per session that has candidates, whatever {@code partitions} says. */
    @Override
    public List<List<EvaluationTask>> groups(List<EvaluationTask> tasks, int partitions) {
      List<List<EvaluationTask>> bySession = new ArrayList<>();
      for (int s = 0; s < sessions.size(); s++) {
        bySession.add(new ArrayList<>());
      }
      for (EvaluationTask task : tasks) {
        bySession.get(task.candidate() % sessions.size()).add(task);
      }
      return bySession.stream().filter(g -> !g.isEmpty()).map(List::copyOf).toList();
    }

    @Override
    public List<ShardResult> evaluate(MergeClient client, List<EvaluationTask> tasks) {
      if (tasks.isEmpty()) {
        return List.of();
      }
      Session session = sessions.get(tasks.get(0).candidate() % sessions.size());
      for (EvaluationTask task : tasks) {
        if (task.candidate() % sessions.size() != sessions.indexOf(session)) {
          throw new IllegalArgumentException("candidate " + task.candidate() + " belongs to another session");
        }
      }
      MergeClient replica = client.onReplica(session.replica());
      List<SessionEvaluateResponse> answers = replica.callAll(tasks,
          task -> call(replica, session, task.candidate(), SessionEvaluateRequest.of(task.vectors(), tag(task)), true));
      List<ShardResult> results = new ArrayList<>(tasks.size());
      for (int i = 0; i < tasks.size(); i++) {
        results.add(ShardResult.ofSession(tasks.get(i).candidate(), answers.get(i).loss()));
      }
      return results;
    }

    @Override
    public Optional<String> materialize(MergeClient client, ControlVectors vectors) {
      Session session = sessions.get(0);
      MergeClient replica = client.onReplica(session.replica());
      SessionEvaluateRequest request = SessionEvaluateRequest.of(vectors, "best-" + digest(vectors));
      String id = current(session);
      try {
        return Optional.of(replica.materialize(id, request).adapterDir());
      } catch (MergeServiceException e) {
        throw e.withContext(describe(session, id, "materializing the best merge", vectors));
      }
    }

    /**
     * The tag of a candidate's evaluation: its index and the digest of its vectors, so that two
     * candidates never share the folder the service writes the merged adapter to, and a re-run
     * call writes the same one.
     */
    static String tag(EvaluationTask task) {
      return "c" + task.candidate() + "-" + digest(task.vectors());
    }

    private static String digest(ControlVectors vectors) {
      String hex = MergeDigest.of(vectors);
      return hex.substring(0, Math.min(16, hex.length()));
    }

    private SessionEvaluateResponse call(MergeClient replica, Session session, int candidate,
        SessionEvaluateRequest request, boolean mayReopen) {
      String id = current(session);
      try {
        return replica.evaluateSession(id, request);
      } catch (PermanentFailure e) {
        if (e.status() != 404 || !mayReopen) {
          throw e.withContext(describe(session, id, "candidate " + candidate + " (tag " + request.tag() + ")",
              ControlVectors.of(request.alpha(), request.beta())));
        }
        String reopened = replica.createSession(session.request()).sessionId();
        REOPENED.put(session.sessionId(), reopened);
        LOG.warn("session {} on {} is unknown to the service (it restarted?); opened {} with the same request",
            id, replica.replicas().get(0), reopened);
        return call(replica, session, candidate, request, false);
      } catch (MergeServiceException e) {
        throw e.withContext(describe(session, id, "candidate " + candidate + " (tag " + request.tag() + ")",
            ControlVectors.of(request.alpha(), request.beta())));
      }
    }

    private static String current(Session session) {
      return REOPENED.getOrDefault(session.sessionId(), session.sessionId());
    }

    private String describe(Session session, String id, String what, ControlVectors vectors) {
      return "session " + id + " (service.bmm.presetId '" + preset + "', dataset '" + dataset + "', replica "
          + session.replica() + "), " + what + ", alpha=" + Arrays.toString(vectors.alpha())
          + ", beta=" + Arrays.toString(vectors.beta());
    }
  }
}
