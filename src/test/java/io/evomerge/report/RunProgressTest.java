package io.evomerge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunProgressTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final InstantSource clock = now::get;

  private void advance(int seconds) {
    now.set(now.get().plusSeconds(seconds));
  }

  @Test
  void theFirstGenerationCarriesOneOffCostsAndGivesNoEstimate() {
    RunProgress progress = RunProgress.start(clock, 1000);
    advance(20);
    progress.measureFrom(0);
    advance(10);
    ProgressLine line = progress.line("1/4 evo-merging/denoising", 0, 60, 0.5, 0.6, 0.05, 100, 900);
    assertEquals(null, line.timeLeft());
    assertEquals(Duration.ofSeconds(10), progress.firstGeneration());
    assertEquals(Duration.ofSeconds(30), line.elapsed(), "elapsed counts the start-up");
    assertTrue(line.format().contains("calls 100/1000"), line.format());
    assertTrue(line.format().endsWith("eta -"), line.format());
    advance(2);
    assertEquals(Duration.ofSeconds(8), progress.line("1/4 evo-merging/denoising", 1, 60, 0.5, 0.6, 0.05, 200, 400)
        .timeLeft(), "100 calls in 2 s after the first generation, 400 left");
  }

  @Test
  void laterEstimatesLeaveTheFirstGenerationOut() {
    RunProgress progress = RunProgress.start(clock, 0);
    progress.measureFrom(0);
    advance(40);
    progress.timeLeft(100, 300);
    advance(10);
    assertEquals(Duration.ofSeconds(20), progress.timeLeft(200, 200),
        "100 calls in 10 s since generation 1, 200 left");
  }

  @Test
  void nothingLeftIsNoTimeLeft() {
    RunProgress progress = RunProgress.start(clock, 0);
    advance(5);
    assertEquals(Duration.ZERO, progress.timeLeft(0, 0));
  }
}
