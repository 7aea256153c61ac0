package io.evomerge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.config.ServiceConfig;
import io.evomerge.config.TestConfigs;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.MaterializeResponse;
import io.evomerge.protocol.QueryPlus;
import io.evomerge.protocol.SessionCreateRequest;
import io.evomerge.protocol.SessionEvaluateRequest;
import io.evomerge.protocol.SessionInfo;
import org.junit.jupiter.api.Test;

/**
 * The client against a stand-in of the paper's release (Python's stdlib server, as PROTOCOL.md
 * describes the release): its exact shapes, its FastAPI errors, and its connections.
 */
class ReleaseDialectTest {

  static ServiceConfig bmm(String url) {
    return TestConfigs.bmm(url, "conll04_sample300");
  }

  static SessionCreateRequest request() {
    return SessionCreateRequest.of("conll04", QueryPlus.of("conll04_sample300"));
  }

  @Test
  void everyCallSucceedsAgainstAnHttp10ServerThatClosesEveryConnection() throws Exception {
    try (StandIn release = StandIn.http10()) {
      CallCounter counter = new CallCounter();
      MergeClient client = MergeClient.of(bmm(release.baseUrl()), counter, 0);

      assertEquals("ok", client.health().status());
      assertEquals("conll04", client.presets().items().get(0).presetId());
      SessionInfo session = client.createSession(request());
      assertEquals(5, session.adapterCount());
      assertEquals("artifacts/" + session.sessionId(), session.workdir());
      assertEquals(20, session.queryPlus().evaluationBatches());
      assertEquals(session, client.session(session.sessionId()));
      for (int i = 0; i < 20; i++) {
        var answer = client.evaluateSession(session.sessionId(),
            SessionEvaluateRequest.of(ControlVectors.uniform(5), "t" + i));
        assertTrue(answer.loss() > 1, "loss " + answer.loss());
        assertEquals("artifacts/" + session.sessionId() + "/artifacts/t" + i, answer.adapterDir());
      }
      MaterializeResponse kept = client.materialize(session.sessionId(),
          SessionEvaluateRequest.of(ControlVectors.uniform(5), "best"));
      assertEquals("artifacts/" + session.sessionId() + "/artifacts/best", kept.adapterDir());
      assertEquals(session.sessionId(), kept.session().sessionId());

      CallCounts counts = counter.counts();
      assertEquals(25, counts.answers());
      assertEquals(0, counts.failures());
      assertEquals(counts.attempts(), counts.answers() + counts.retries());
      assertTrue(counts.retries() <= 1, "once the client knows the server closes every connection, "
          + "it pools none: " + counts);
      assertEquals(25, release.stats().get("requests").asInt(), "every attempt that reached the server answered");
    }
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsRetriedAtOnceOnAFreshOneAndCounted() throws Exception {
    try (StandIn release = StandIn.idleClose(1)) {
      RecordingListener listener = new RecordingListener();
      MergeClient client = MergeClient.of(bmm(release.baseUrl()), listener, 0);

      assertEquals("ok", client.health().status());
      Thread.sleep(1500);
      assertEquals("ok", client.health().status());

      CallCounts counts = listener.counts();
      assertEquals(2, counts.answers());
      assertEquals(0, counts.failures());
      assertEquals(counts.attempts(), 2 + counts.retries());
      assertEquals(1, counts.retries(), "the pooled connection was dead: " + counts);
      for (RecordingListener.Retry retry : listener.retries) {
        assertEquals(0, retry.delayMs(), "a dead pooled connection is retried at once");
        assertEquals(0, retry.status());
      }
      assertEquals(2, release.stats().get("requests").asInt());
    }
  }

  @Test
  void theReleasesErrorsBecomeClearMessages() throws Exception {
    try (StandIn release = StandIn.http10()) {
      ServiceConfig impatient = TestConfigs.bmm(release.baseUrl(), "conll04_sample300", "retry.maxElapsedMs=400");
      MergeClient client = MergeClient.of(impatient);
      SessionInfo session = client.createSession(request());

      PermanentFailure unknown = assertThrows(PermanentFailure.class,
          () -> client.evaluateSession("no-such-session", SessionEvaluateRequest.of(ControlVectors.uniform(5), "x")));
      assertEquals(404, unknown.status());
      assertEquals("Unknown session.", unknown.serviceMessage());

      PermanentFailure invalid = assertThrows(PermanentFailure.class, () -> client.createSession(
          SessionCreateRequest.of("conll04", QueryPlus.of("d", null, 0, 1))));
      assertEquals(422, invalid.status());
      assertEquals("validation_error", invalid.code());
      assertEquals("body.query_plus.batch_size: ensure this value is greater than 0", invalid.serviceMessage());

      TransientFailure crashed = assertThrows(TransientFailure.class, () -> client.evaluateSession(
          session.sessionId(), SessionEvaluateRequest.of(ControlVectors.uniform(3), "short")));
      assertEquals(500, crashed.status());
      assertTrue(crashed.getMessage().contains("'Internal Server Error'"), crashed.getMessage());
      assertTrue(crashed.getMessage().contains("service.retry.maxElapsedMs = 400"), crashed.getMessage());
    }
  }
}
