package io.evomerge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.config.ServiceConfig;
import io.evomerge.config.TestConfigs;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InFlightTest {

  @Test
  void resultsComeBackInInputOrderAndNeverMoreThanTheLanesRunAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<Integer> inputs = IntStream.range(0, 40).boxed().toList();

    List<Integer> squares = MergeClient.of(TestConfigs.service("http://a", "maxInFlight=3")).callAll(inputs, i -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      sleep((40 - i) % 7);
      running.decrementAndGet();
      return i * i;
    });

    assertEquals(inputs.stream().map(i -> i * i).toList(), squares);
    assertTrue(most.get() <= 3, "at most 3 at once, saw " + most.get());
  }

  @Test
  void theFirstFailureByInputOrderIsThrownAndNoNewCallStartsAfterIt() {
    AtomicInteger started = new AtomicInteger();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> MergeClient.of(TestConfigs.service("http://a", "maxInFlight=1")).callAll(List.of(0, 1, 2, 3), i -> {
          started.incrementAndGet();
          if (i == 1) {
            throw new IllegalStateException("call " + i);
          }
          return i;
        }));
    assertEquals("call 1", e.getMessage());
    assertEquals(2, started.get());
  }

  @Test
  void clientsOfOneJvmShareOneConnectionPoolAndOneWindowPerService() {
    assertSame(Http.forService(ServiceConfig.defaults().withUrl("http://b"), "http://b").connectionPool(),
        Http.forService(ServiceConfig.defaults().withUrl("http://a"), "http://a").connectionPool());
    assertSame(Replicas.window("http://a", 8), Replicas.window("http://a", 8));
    assertTrue(Replicas.window("http://a", 8) != Replicas.window("http://b", 8));
  }

  @Test
  void aThrottledCallHalvesTheWindowAndAnsweredCallsCreepBackUp() throws InterruptedException {
    Replicas.Window limit = new Replicas.Window(8);
    assertEquals(8, limit.window());
    for (int i = 0; i < 8; i++) {
      limit.acquire();
    }
    limit.release(true, false);
    assertEquals(4, limit.window(), "8 in flight, one throttled: half of them");
    for (int i = 0; i < 7; i++) {
      limit.release(false, false);
    }
    limit.acquire();
    limit.acquire();
    limit.release(true, false);
    assertEquals(1, limit.window(), "half of the 2 really in flight");
    limit.release(false, false);
    limit.acquire();
    limit.release(true, false);
    assertEquals(1, limit.window(), "never below one call");
    int answered = 0;
    while (limit.window() < 8) {
      limit.acquire();
      limit.release(false, true);
      answered++;
    }
    assertTrue(answered >= 20 && answered <= 40, "additive increase, about one per window: " + answered);
    limit.acquire();
    limit.release(false, true);
    assertEquals(8, limit.window(), "never above the maximum");
  }

  @Test
  void aFullWindowMakesTheNextCallWait() throws Exception {
    Replicas.Window limit = new Replicas.Window(1);
    limit.acquire();
    AtomicInteger entered = new AtomicInteger();
    Thread waiter = new Thread(() -> {
      try {
        limit.acquire();
        entered.incrementAndGet();
        limit.release(false, true);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    waiter.start();
    sleep(100);
    assertEquals(0, entered.get());
    limit.release(false, true);
    waiter.join(2000);
    assertEquals(1, entered.get());
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
