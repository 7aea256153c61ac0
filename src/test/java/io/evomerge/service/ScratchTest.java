package io.evomerge.service;

import io.evomerge.config.FaultsConfig;
import io.evomerge.config.LimitsConfig;
import io.evomerge.protocol.ApiKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void scratch() throws Exception {
    try (MergeService service = MergeService.start(ServiceSettings.defaults().withApiKeys(List.of(ApiKey.of(ServeLoadTest.KEY)))
        .withLimits(LimitsConfig.defaults().withIdleTimeoutMs(3000)).withFaults(FaultsConfig.none()), ToyModel.of(2))) {
      ServeLoadTest.port = service.port();
      byte[] body = new byte[8_000_000];
      java.util.Arrays.fill(body, (byte) 'x');
      ExecutorService pool = Executors.newFixedThreadPool(150);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> answers = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < 150; i++) {
        answers.add(pool.submit(() -> { go.await(); try { return ServeLoadTest.post(body); } catch (Exception e) { return "FAIL " + (System.nanoTime() - t0) / 1000000 + "ms " + e.getMessage(); } }));
      }
      go.countDown();
      Map<String, AtomicInteger> kinds = new ConcurrentHashMap<>();
      for (Future<String> f : answers) {
        String a = f.get();
        String k = a.startsWith("FAIL") ? a.substring(0, Math.min(60, a.length())) : a.substring(0, 12);
        kinds.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
      }
      System.out.println("SCRATCH " + kinds + " writes failed " + ServeLoadTest.writeFailed + " stats " + service.stats());
      pool.shutdownNow();
    }
  }
}
