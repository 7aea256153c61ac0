package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.client.CallCounter;
import io.evomerge.client.MergeClient;
import io.evomerge.client.MergeServiceException;
import io.evomerge.client.StandIn;
import io.evomerge.config.RetryConfig;
import io.evomerge.config.ServiceConfig;
import io.evomerge.config.TestConfigs;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.QueryPlus;
import io.evomerge.protocol.SessionCreateRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bmm evaluation set against the stand-in of the paper's release. */
class SessionSetTest {

  static final SessionCreateRequest REQUEST = SessionCreateRequest.of("conll04", QueryPlus.of("conll04_sample300"));

  static ServiceConfig bmm(String url) {
    return TestConfigs.bmm(url, "conll04_sample300", "retry.maxElapsedMs=400");
  }

  static EvaluationSet.OfSession set(String... sessionIds) {
    List<EvaluationSet.OfSession.Session> sessions = java.util.Arrays.stream(sessionIds)
        .map(id -> new EvaluationSet.OfSession.Session(0, id, REQUEST, 5)).toList();
    return new EvaluationSet.OfSession(sessions, 300, "conll04", "conll04_sample300");
  }

  @Test
  void candidatesGoToTheirSessionAlwaysAndEachSessionIsOnePartition() {
    var set = set("s0", "s1", "s2");
    List<ControlVectors> candidates = java.util.stream.IntStream.range(0, 7)
        .mapToObj(i -> ControlVectors.uniform(5).withAlpha(new double[] {i / 10.0, 0, 0, 0, 0})).toList();
    var parts = set.parts(64);
    var tasks = EvaluationTask.grid(candidates, 1);

    assertEquals(3, parts.size());
    assertEquals(List.of(0, 3, 6), parts.get(0).pick(tasks).stream().map(EvaluationTask::candidate).toList());
    assertEquals(List.of(1, 4), parts.get(1).pick(tasks).stream().map(EvaluationTask::candidate).toList());
    assertEquals(List.of(2, 5), parts.get(2).pick(tasks).stream().map(EvaluationTask::candidate).toList());
  }

  @Test
  void eachCandidateHasItsOwnDeterministicTag() {
    ControlVectors a = ControlVectors.uniform(5);
    ControlVectors b = a.withBeta(new double[] {1, 1, 1, 1, 0.5});
    String tagA = EvaluationSet.OfSession.tag(new EvaluationTask(0, 0, a));
    assertEquals(tagA, EvaluationSet.OfSession.tag(new EvaluationTask(0, 0, a)));
    assertNotEquals(tagA, EvaluationSet.OfSession.tag(new EvaluationTask(1, 0, a)));
    assertNotEquals(tagA, EvaluationSet.OfSession.tag(new EvaluationTask(0, 0, b)));
    assertTrue(tagA.matches("c0-[0-9a-f]{16}"), tagA);
  }

  @Test
  void aSessionTheServiceForgotIsOpenedAgainAndTheCallGoesThrough() throws Exception {
    try (StandIn release = StandIn.http10()) {
      CallCounter counter = new CallCounter();
      MergeClient client = MergeClient.of(bmm(release.baseUrl()), counter, 0);
      var forgotten = set("forgotten-by-a-restart");
      var tasks = EvaluationTask.grid(List.of(ControlVectors.uniform(5), ControlVectors.uniform(5)), 1);

      List<ShardResult> results = forgotten.evaluate(client, tasks);

      assertEquals(2, results.size());
      assertEquals(results.get(0).sessionLoss(), results.get(1).sessionLoss(), 0.0);
      assertEquals(1, release.stats().get("sessions").asInt(), "opened again once, then reused");
      assertEquals(2, release.stats().get("evaluate").asInt());
      assertEquals(1, counter.counts().failures(), "the 404 itself");
    }
  }

  @Test
  void aFailureNamesThePresetTheDataSetAndTheVector() throws Exception {
    try (StandIn release = StandIn.http10()) {
      MergeClient client = MergeClient.of(bmm(release.baseUrl()));
      String id = client.createSession(REQUEST).sessionId();
      var tasks = EvaluationTask.grid(List.of(ControlVectors.uniform(3)), 1);

      MergeServiceException e = assertThrows(MergeServiceException.class, () -> set(id).evaluate(client, tasks));

      String message = e.getMessage();
      assertTrue(message.contains("service.bmm.presetId 'conll04', dataset 'conll04_sample300'"), message);
      assertTrue(message.contains("candidate 0 (tag c0-"), message);
      assertTrue(message.contains("alpha=[1.0, 1.0, 1.0]"), message);
      assertTrue(message.contains("answered 500") && message.contains("'Internal Server Error'"), message);
    }
  }

  @Test
  void theBestMergeIsKeptOnTheProviderAndItsFolderReturned() throws Exception {
    try (StandIn release = StandIn.http10()) {
      MergeClient client = MergeClient.of(bmm(release.baseUrl()));
      String id = client.createSession(REQUEST).sessionId();

      String dir = set(id).materialize(client, ControlVectors.uniform(5)).orElseThrow();

      assertTrue(dir.startsWith("artifacts/" + id + "/artifacts/best-"), dir);
      assertEquals(1, release.stats().get("materialize").asInt());
      assertTrue(new EvaluationSet.OfExamples(io.evomerge.data.Shards.of(LoopbackService.examples(2), 2))
          .materialize(client, ControlVectors.uniform(5)).isEmpty());
    }
  }

  @Test
  void aSessionWhoseReplicaKeepsFailingMovesToAnotherReplica() throws Exception {
    try (StandIn release = StandIn.http10()) {
      String dead = deadUrl();
      ServiceConfig service = TestConfigs.service(release.baseUrl(), new RetryConfig(60_000, 0, 10, 20, 0),
          "dialect=bmm", "bmm.dataset=conll04_sample300", "urls=[" + release.baseUrl() + ", " + dead + "]");
      CallCounter counter = new CallCounter();
      MergeClient client = MergeClient.of(service, counter, 0);
      String live = client.onReplica(0).createSession(REQUEST).sessionId();
      var set = new EvaluationSet.OfSession(List.of(new EvaluationSet.OfSession.Session(0, live, REQUEST, 5),
          new EvaluationSet.OfSession.Session(1, "on-the-dead-replica", REQUEST, 5)), 300, "conll04", "conll04_sample300");
      List<ControlVectors> candidates = java.util.stream.IntStream.range(0, 4)
          .mapToObj(i -> ControlVectors.uniform(5).withAlpha(new double[] {i / 4.0, 0, 0, 0, 0})).toList();

      List<ShardResult> results = new java.util.ArrayList<>();
      var tasks = EvaluationTask.grid(candidates, 1);
      for (EvaluationSet.Part part : set.parts(2)) {
        results.addAll(part.evaluate(client, part.pick(tasks)));
      }

      assertEquals(4, results.size());
      assertEquals(2, release.stats().get("sessions").asInt(), "the dead replica's session opened on the live one");
      assertEquals(4, release.stats().get("evaluate").asInt());
      assertEquals(0, release.stats().get("overlaps").asInt());
      for (ShardResult r : results) {
        double alpha = r.candidate() / 4.0;
        assertTrue(r.sessionLoss() > 1, "candidate " + r.candidate() + " alpha " + alpha);
      }
    }
  }

  /** A loopback URL nobody listens on (a port just freed), its own for this test. */
  static String deadUrl() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }
}
