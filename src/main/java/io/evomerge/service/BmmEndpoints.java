package io.evomerge.service;

import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import io.evomerge.merge.MergeDigest;
import io.evomerge.model.MergeModel;
import io.evomerge.protocol.ExampleResult;
import io.evomerge.protocol.MaterializeResponse;
import io.evomerge.protocol.PresetsResponse;
import io.evomerge.protocol.QueryPlus;
import io.evomerge.protocol.SessionCreateRequest;
import io.evomerge.protocol.SessionEvaluateRequest;
import io.evomerge.protocol.SessionEvaluateResponse;
import io.evomerge.protocol.SessionInfo;
import io.evomerge.service.Route.Call;
import io.evomerge.service.Route.Reply;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The session dialect, in the shapes of the paper's release: presets, sessions over a data set of
 * the data folder, evaluations that return the mean loss of the session's batches, and
 * materialisation of a merge. A session belongs to the key that made it; another valid key gets
 * 403. Creating the same session again (a retry) returns it unchanged. Errors are the release's
 * (written by {@link Exchange}): 404 {@code "Unknown session."}, 422 naming the field of a body
 * that fails validation, a bare 500 for an unknown preset or a vector of the wrong length.
 * Thread-safe.
 */
final class BmmEndpoints {

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9._-]{0,100}");

  private final MergeModel model;
  private final ServiceSettings settings;
  private final Datasets datasets;
  private final Stats stats;
  private final Bodies bodies;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  /**
   * A session: its owner and its fixed sample of {@code evaluation_batches} batches (flattened in
   * batch order), so that evaluating the same vectors twice gives the same loss. Immutable.
   */
  private record Session(SessionInfo info, String owner, List<Example> sample) {
    Session {
      sample = List.copyOf(sample);
    }
  }

  BmmEndpoints(MergeModel model, ServiceSettings settings, DatasetReader reader, Stats stats) {
    this.model = model;
    this.settings = settings;
    this.datasets = new Datasets(settings.dataRoot(), reader);
    this.stats = stats;
    this.bodies = new Bodies(settings.limits().maxTextChars());
  }

  Reply presets(Call call) {
    return Reply.ok(new PresetsResponse(List.of(new PresetsResponse.Preset(settings.presetId(),
        "presets/" + settings.presetId() + ".json", model.baseModel()))));
  }

  Reply create(Call call) {
    SessionCreateRequest request = bodies.parse(call.body(), SessionCreateRequest.class);
    QueryPlus q = check(request);
    byte[] canonical = Exchange.json(request);
    String id = HexFormat.of().formatHex(FaultPlan.sha256(call.owner(), canonical), 0, 16);
    Session existing = sessions.get(id);
    if (existing != null) {
      return Reply.ok(existing.info());
    }
    if (sessions.size() >= settings.limits().maxSessions()) {
      throw ApiError.badRequest("this service keeps at most " + settings.limits().maxSessions()
          + " sessions (max_sessions)");
    }
    Session created = sessions.computeIfAbsent(id, key -> open(key, call.owner(), request, q, canonical));
    return new Reply(201, created.info());
  }

  Reply info(Call call) {
    return Reply.ok(owned(call).info());
  }

  Reply evaluate(Call call) {
    Session session = owned(call);
    SessionEvaluateRequest request = bodies.parse(call.body(), SessionEvaluateRequest.class);
    ControlVectors vectors = vectors(request);
    String dir = adapterDir(session, request.tag());
    List<ExampleResult> results = call.each(session.sample(), one -> model.evaluate(vectors, one));
    stats.scored(results.size());
    double[] losses = results.stream().mapToDouble(ExampleResult::loss).toArray();
    double loss = meanOfBatchMeans(losses, session.info().queryPlus().batchSize());
    return Reply.ok(new SessionEvaluateResponse(loss, dir));
  }

  Reply materialize(Call call) {
    Session session = owned(call);
    SessionEvaluateRequest request = bodies.parse(call.body(), SessionEvaluateRequest.class);
    vectors(request);
    return Reply.ok(new MaterializeResponse(adapterDir(session, request.tag()), session.info()));
  }

  /**
   * Where the adapter of {@code tag} goes: a tag is at most 100 of {@code [A-Za-z0-9._-]}; none is
   * the release's {@code "manual"}.
   */
  private static String adapterDir(Session session, String tag) {
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw ApiError.badField("tag", "tag '" + tag + "' must be at most 100 characters of [A-Za-z0-9._-]");
    }
    return session.info().workdir() + "/artifacts/" + (tag == null ? "manual" : tag);
  }

  private ControlVectors vectors(SessionEvaluateRequest request) {
    int adapters = model.adapters().size();
    if (request.alpha().length != adapters || request.beta().length != adapters) {
      throw ApiError.internal("alpha has " + request.alpha().length + " and beta " + request.beta().length
          + " entries; the repository has " + adapters + " adapters");
    }
    return Validation.vectors(request.alpha(), request.beta(), adapters, settings.limits().betaBound());
  }

  private Session owned(Call call) {
    Session session = sessions.get(call.params().get(0));
    if (session == null) {
      throw ApiError.notFound("Unknown session.");
    }
    if (!session.owner().equals(call.owner())) {
      throw ApiError.forbidden("session '" + call.params().get(0) + "' belongs to another API key");
    }
    return session;
  }

  /** The request's {@code query_plus}, once its batches are within the service's limits. */
  private QueryPlus check(SessionCreateRequest request) {
    if (!settings.presetId().equals(request.presetId())) {
      throw ApiError.internal("preset_id '" + request.presetId() + "' is unknown; this service has ['"
          + settings.presetId() + "']");
    }
    QueryPlus q = request.queryPlus();
    if (q == null) {
      throw ApiError.badField("query_plus", "query_plus is required by this service: it names the data set");
    }
    if (q.batchSize() < 1) {
      throw ApiError.badField("query_plus.batch_size", "query_plus.batch_size = " + q.batchSize() + " must be >= 1");
    }
    int maxBatches = settings.limits().maxEvaluationBatches();
    if (q.evaluationBatches() < 1 || q.evaluationBatches() > maxBatches) {
      throw ApiError.badField("query_plus.evaluation_batches", "query_plus.evaluation_batches = " + q.evaluationBatches()
          + " must be in [1, " + maxBatches + "] (max_evaluation_batches)");
    }
    return q;
  }

  private Session open(String id, String owner, SessionCreateRequest request, QueryPlus q, byte[] canonical) {
    List<Example> examples = datasets.read(q);
    if (q.batchSize() > examples.size()) {
      throw ApiError.badField("query_plus.batch_size", "query_plus.batch_size = " + q.batchSize() + " exceeds the " + examples.size()
          + " examples of data set '" + q.dataset() + "'");
    }
    long seed = ByteBuffer.wrap(MergeDigest.sha256().digest(canonical)).getLong();
    List<Example> sample = batches(examples, q.batchSize(), q.evaluationBatches(), new SplittableRandom(seed));
    SessionInfo info = new SessionInfo(id, request.presetId(), "artifacts/" + id,
        request.modelNameOrPath() == null ? model.baseModel() : request.modelNameOrPath(), q,
        model.adapters().size());
    return new Session(info, owner, sample);
  }

  /** {@code batches} batches of {@code size} distinct examples each, flattened in batch order. */
  private static List<Example> batches(List<Example> examples, int size, int batches, RandomGenerator random) {
    List<Example> sorted = examples.stream().sorted(Comparator.comparing(Example::id)).toList();
    List<Example> sample = new ArrayList<>(size * batches);
    for (int b = 0; b < batches; b++) {
      int[] order = IntStream.range(0, sorted.size()).toArray();
      for (int i = 0; i < size; i++) {
        int j = i + random.nextInt(order.length - i);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
        sample.add(sorted.get(order[i]));
      }
    }
    return sample;
  }

  /** Mean over batches of each batch's mean, each summed in order. */
  private static double meanOfBatchMeans(double[] losses, int batchSize) {
    int batches = losses.length / batchSize;
    double total = 0;
    for (int b = 0; b < batches; b++) {
      double sum = 0;
      for (int i = b * batchSize; i < (b + 1) * batchSize; i++) {
        sum += losses[i];
      }
      total += sum / batchSize;
    }
    return total / batches;
  }
}
