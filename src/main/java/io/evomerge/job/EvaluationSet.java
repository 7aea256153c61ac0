package io.evomerge.job;

import io.evomerge.client.MergeClient;
import io.evomerge.client.MergeServiceException;
import io.evomerge.client.PermanentFailure;
import io.evomerge.client.TransientFailure;
import io.evomerge.data.Shards;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeDigest;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.EvaluateResponse;
import io.evomerge.protocol.SessionCreateRequest;
import io.evomerge.protocol.SessionEvaluateRequest;
import io.evomerge.protocol.SessionEvaluateResponse;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What candidates are evaluated on, cut into {@link Part parts}: what one Spark partition holds
 * for the whole run, each owning the tasks it evaluates. Immutable.
 */
public sealed interface EvaluationSet extends Serializable {

  /** Tasks per candidate: shards of examples, or 1 for a session. */
  int shardCount();

  /** Examples one candidate is scored on. */
  long examplesPerCandidate();

  /** The set cut into parts, one Spark partition each, at most {@code partitions} of them (bmm: one per session). */
  List<Part> parts(int partitions);

  /** Has the provider keep the merge of {@code vectors} (bmm); its {@code adapter_dir}, if any. */
  Optional<String> materialize(MergeClient client, ControlVectors vectors);

  /** What one Spark partition holds, and the tasks it evaluates. Immutable; travels to executors. */
  interface Part extends Serializable {
    /** The tasks of {@code all} (one evaluation's, in order) that this part evaluates: each has one owner. */
    List<EvaluationTask> pick(List<EvaluationTask> all);

    /** Makes the calls of {@code tasks} (all owned) through {@code client}; results in task order. */
    List<ShardResult> evaluate(MergeClient client, List<EvaluationTask> tasks);
  }

  /**
   * Dialect {@code evomerge}: the examples travel with each call, one shard per call.
   *
   * @param withResults whether the executors return every example's result (the test set's
   *     metrics need them) or only the losses (all that the search and the screening use)
   */
  record OfExamples(Shards shards, boolean withResults) implements EvaluationSet {

    public OfExamples {
      Objects.requireNonNull(shards, "shards");
    }

    /** A set whose executors return every example's result. */
    public OfExamples(Shards shards) {
      this(shards, true);
    }

    @Override
    public int shardCount() {
      return shards.count();
    }

    @Override
    public long examplesPerCandidate() {
      return shards.exampleCount();
    }

    /**
     * One part per partition, each holding every shard and taking a contiguous slice of each
     * evaluation's tasks (as {@code parallelize} would cut them): a candidate's shards stay
     * together, and a single candidate's shards still spread over the partitions.
     */
    @Override
    public List<Part> parts(int partitions) {
      int count = Math.max(1, partitions);
      return IntStream.range(0, count).<Part>mapToObj(i -> new Slice(this, i, count)).toList();
    }

    @Override
    public Optional<String> materialize(MergeClient client, ControlVectors vectors) {
      return Optional.empty();
    }
  }

  /** Slice {@code index} of {@code count} of every evaluation's tasks, on the whole of {@code set}. */
  record Slice(OfExamples set, int index, int count) implements Part {

    @Override
    public List<EvaluationTask> pick(List<EvaluationTask> all) {
      return all.subList((int) ((long) index * all.size() / count), (int) ((long) (index + 1) * all.size() / count));
    }

    @Override
    public List<ShardResult> evaluate(MergeClient client, List<EvaluationTask> tasks) {
      Shards shards = set.shards();
      List<EvaluateResponse> answers = client.callAll(tasks, task -> client.evaluate(
          EvaluateRequest.of(task.vectors(), shards.shard(task.shard()).examples()),
          task.candidate() * shards.count() + task.shard()));
      return IntStream.range(0, tasks.size()).mapToObj(i -> ShardResult.ofExamples(tasks.get(i).candidate(),
          tasks.get(i).shard(), answers.get(i).results(), set.withResults())).toList();
    }
  }

  /**
   * Dialect {@code bmm}: the service holds the data set, one call evaluates a whole candidate.
   * Candidate {@code c} goes to session {@code c mod sessions.size()}, always; all of a session's
   * candidates are one partition, which keeps at most {@code service.inFlight()} calls on it (1 by
   * default: the release answers wrongly when a session gets two at once). A session the service
   * no longer knows (404: it restarted) is opened again with the same request. {@code preset} and
   * {@code dataset} are for messages.
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
    /** Sessions this JVM opened again (after a 404, or on another replica): by the original id. */
    private static final Map<String, Session> REOPENED = new ConcurrentHashMap<>();

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

    /** One part per session, whatever {@code partitions} says. */
    @Override
    public List<Part> parts(int partitions) {
      return IntStream.range(0, sessions.size()).<Part>mapToObj(s -> new OfSessionPart(this, s)).toList();
    }

    /** Session {@code index} of {@code set}: the candidates {@code c} with {@code c mod sessions == index}. */
    record OfSessionPart(OfSession set, int index) implements Part {
      @Override
      public List<EvaluationTask> pick(List<EvaluationTask> all) {
        return all.stream().filter(task -> task.candidate() % set.sessions().size() == index).toList();
      }

      @Override
      public List<ShardResult> evaluate(MergeClient client, List<EvaluationTask> tasks) {
        return set.evaluate(client, tasks);
      }
    }

    /** Makes the calls of {@code tasks}, all of one session's candidates; results in task order. */
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
      List<SessionEvaluateResponse> answers = client.onReplica(session.replica()).callAll(tasks,
          task -> call(client, session, task.candidate(), SessionEvaluateRequest.of(task.vectors(), tag(task)), true));
      return IntStream.range(0, tasks.size())
          .mapToObj(i -> ShardResult.ofSession(tasks.get(i).candidate(), answers.get(i).loss())).toList();
    }

    @Override
    public Optional<String> materialize(MergeClient client, ControlVectors vectors) {
      Session session = current(sessions.get(0));
      SessionEvaluateRequest request = SessionEvaluateRequest.of(vectors, "best-" + digest(vectors));
      try {
        return Optional.of(client.onReplica(session.replica()).materialize(session.sessionId(), request).adapterDir());
      } catch (MergeServiceException e) {
        throw e.withContext(describe(session, "materializing the best merge", vectors));
      }
    }

    /**
     * A candidate's index and its vectors' digest: two candidates never share the folder the
     * service writes the merged adapter to, and a re-run call writes the same one.
     */
    static String tag(EvaluationTask task) {
      return "c" + task.candidate() + "-" + digest(task.vectors());
    }

    private static String digest(ControlVectors vectors) {
      String hex = MergeDigest.of(vectors);
      return hex.substring(0, Math.min(16, hex.length()));
    }

    /**
     * Evaluates on the session's current incarnation: opened again when the service forgot it
     * (404), moved to the next replica in the rotation when its own replica is out of it.
     */
    private SessionEvaluateResponse call(MergeClient client, Session original, int candidate,
        SessionEvaluateRequest request, boolean mayReopen) {
      Session session = current(original);
      String what = "candidate " + candidate + " (tag " + request.tag() + ")";
      ControlVectors vectors = ControlVectors.of(request.alpha(), request.beta());
      try {
        return client.onReplica(session.replica()).evaluateSession(session.sessionId(), request);
      } catch (PermanentFailure e) {
        if (e.status() != 404 || !mayReopen) {
          throw e.withContext(describe(session, what, vectors));
        }
        reopen(client, original, session.replica(), "is unknown to the service (it restarted?)");
        return call(client, original, candidate, request, false);
      } catch (TransientFailure e) {
        int other = nextInRotation(client, session.replica());
        if (other < 0) {
          throw e.withContext(describe(session, what, vectors));
        }
        reopen(client, original, other, "is on a replica out of the rotation");
        return call(client, original, candidate, request, mayReopen);
      }
    }

    private static int nextInRotation(MergeClient client, int replica) {
      if (client.inRotation(replica)) {
        return -1;
      }
      for (int i = 1; i < client.replicaCount(); i++) {
        int other = (replica + i) % client.replicaCount();
        if (client.inRotation(other)) {
          return other;
        }
      }
      return -1;
    }

    private static void reopen(MergeClient client, Session original, int replica, String why) {
      Session stale = current(original);
      String id = client.onReplica(replica).createSession(original.request()).sessionId();
      REOPENED.put(original.sessionId(), new Session(replica, id, original.request(), original.adapterCount()));
      LOG.warn("session {} on replica {} {}; opened {} on replica {} with the same request",
          stale.sessionId(), stale.replica(), why, id, replica);
    }

    private static Session current(Session session) {
      return REOPENED.getOrDefault(session.sessionId(), session);
    }

    private String describe(Session session, String what, ControlVectors vectors) {
      return "session " + session.sessionId() + " (service.bmm.presetId '" + preset + "', dataset '" + dataset
          + "', replica " + session.replica() + "), " + what + ", alpha=" + Arrays.toString(vectors.alpha())
          + ", beta=" + Arrays.toString(vectors.beta());
    }
  }
}
