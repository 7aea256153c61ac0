package io.evomerge.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import io.evomerge.config.FaultsConfig;
import io.evomerge.config.TestConfigs;
import io.evomerge.config.LimitsConfig;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.EvaluateRequest;
import io.evomerge.protocol.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  static final FaultsConfig MIXED = TestConfigs.faults(
      "seed: 11, errorRate: 0.2, throttleRate: 0.1, truncateRate: 0.1, garbageRate: 0.1");

  @Test
  void theSameSeedRequestAndSendingAlwaysMeetTheSameFault() {
    for (int sending = 0; sending < 50; sending++) {
      assertEquals(FaultPlan.decide(MIXED, 12345L, sending), FaultPlan.decide(MIXED, 12345L, sending));
    }
  }

  @Test
  void faultsOccurAtTheConfiguredRates() {
    Map<Fault.Kind, Integer> counts = new EnumMap<>(Fault.Kind.class);
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      counts.merge(FaultPlan.decide(MIXED, i * 7919L, 0).kind(), 1, Integer::sum);
    }
    assertEquals(0.1, counts.get(Fault.Kind.HTTP_500) / (double) n, 0.01);
    assertEquals(0.1, counts.get(Fault.Kind.HTTP_503) / (double) n, 0.01);
    assertEquals(0.1, counts.get(Fault.Kind.HTTP_429) / (double) n, 0.01);
    assertEquals(0.1, counts.get(Fault.Kind.TRUNCATE) / (double) n, 0.01);
    assertEquals(0.1, counts.get(Fault.Kind.GARBAGE) / (double) n, 0.01);
    assertEquals(0.5, counts.get(Fault.Kind.NONE) / (double) n, 0.015);
    assertEquals(null, counts.get(Fault.Kind.HANG));
  }

  @Test
  void onlyTheFirstSendingsAreFaultedWhenCapped() {
    FaultsConfig always = TestConfigs.faults("seed: 3, errorRate: 1.0, faultedAttempts: 2");
    assertNotEquals(Fault.Kind.NONE, FaultPlan.decide(always, 99L, 0).kind());
    assertNotEquals(Fault.Kind.NONE, FaultPlan.decide(always, 99L, 1).kind());
    assertEquals(Fault.Kind.NONE, FaultPlan.decide(always, 99L, 2).kind());
  }

  @Test
  void latencyIsTheFixedPartPlusJitterWithinItsBound() {
    FaultsConfig slow = TestConfigs.faults("seed: 5, latencyMs: 20, jitterMs: 10");
    for (int i = 0; i < 1000; i++) {
      long latency = FaultPlan.decide(slow, i, 0).latencyMs();
      assertTrue(latency >= 20 && latency <= 30, "latency " + latency);
    }
  }

  @Test
  void twoServicesWithTheSameSeedAnswerTheSameSequenceOfStatuses() throws IOException {
    FaultsConfig faults = TestConfigs.faults("seed: 21, errorRate: 0.3, throttleRate: 0.2");
    List<Integer> first = statuses(faults);
    List<Integer> second = statuses(faults);
    List<Integer> otherSeed = statuses(TestConfigs.faults("seed: 22, errorRate: 0.3, throttleRate: 0.2"));

    assertEquals(first, second);
    assertNotEquals(first, otherSeed);
    assertTrue(first.contains(200) && first.contains(429), first.toString());
  }

  /** Sends 8 distinct bodies, each three times in a row, to a fresh service. */
  static ServiceSettings faulty(FaultsConfig faults) {
    return Fixtures.settings(List.of(), LimitsConfig.defaults(), faults, null);
  }

  static List<Integer> statuses(FaultsConfig faults) throws IOException {
    List<Integer> statuses = new ArrayList<>();
    try (MergeService service = MergeService.start(faulty(faults), ToyModel.of(2))) {
      for (int body = 0; body < 8; body++) {
        String json = Json.mapper().writeValueAsString(
            EvaluateRequest.of(ControlVectors.uniform(2), Fixtures.examples("f" + body, 2)));
        for (int repeat = 0; repeat < 3; repeat++) {
          statuses.add(Http.post(service.baseUrl() + "/v1/evaluate", null, json).status());
        }
      }
    }
    return statuses;
  }

  @Test
  void injectedFaultsAreCountedByKindAndHealthIsNeverFaulted() throws IOException {
    FaultsConfig faults = TestConfigs.faults("seed: 1, errorRate: 1.0");
    try (MergeService service = MergeService.start(faulty(faults), ToyModel.of(2))) {
      String json = Json.mapper().writeValueAsString(EvaluateRequest.of(ControlVectors.uniform(2), Fixtures.examples("k", 1)));
      int status = Http.post(service.baseUrl() + "/v1/evaluate", null, json).status();

      assertTrue(status == 500 || status == 503, "status " + status);
      assertEquals(200, Http.get(service.baseUrl() + "/v1/health", null).status());
      assertEquals(1, service.stats().faults("http_" + status));
      assertEquals(0, service.stats().examplesScored());
    }
  }
}
