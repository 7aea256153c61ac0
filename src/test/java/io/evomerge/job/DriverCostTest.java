package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.data.Shards;
import io.evomerge.job.output.HistoryRow;
import io.evomerge.job.output.RunDirectory;
import io.evomerge.merge.ControlVectors;
import io.evomerge.protocol.Json;
import io.evomerge.report.ProgressLine;
import io.evomerge.report.RunProgress;
import io.evomerge.search.MergeSearch;
import io.evomerge.search.Method;
import io.evomerge.search.SearchSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's own cost per generation with a service of latency 0 and no Spark: ask, tell,
 * history rows and the checkpoint, through the job's loop. The checkpoint holds the search state
 * and counters only, so it costs the same at generation 60 as at generation 5.
 */
class DriverCostTest {

  @TempDir Path dir;

  @Test
  void theCheckpointCostsTheSameAtGenerationSixtyAsAtGenerationFive() throws Exception {
    measure("warm-up");
    Costs costs = measure("measured");
    System.out.printf("driver cost per generation (ms, medians): total gen 1-10 %.2f, gen 51-60 %.2f;"
        + " checkpoint gen 1-10 %.2f, gen 51-60 %.2f; checkpoint bytes gen 5 %d, gen 55 %d%n", costs.total(0, 10),
        costs.total(50, 60), costs.checkpoint(0, 10), costs.checkpoint(50, 60), costs.bytes.get(4), costs.bytes.get(54));
    assertEquals(60, costs.total.size());
    assertEquals(costs.bytes.get(4), costs.bytes.get(54), 0.1 * costs.bytes.get(4),
        "the checkpoint holds no history: its size stays put within a stage (search state and counters only)");
    assertTrue(costs.checkpoint(50, 60) < 2 * costs.checkpoint(0, 10) + 5,
        "constant checkpoint cost: " + costs.checkpoint(0, 10) + " ms around gen 5, "
            + costs.checkpoint(50, 60) + " ms around gen 60");
  }

  /** Milliseconds of each generation: all of it, and its history rows plus checkpoint. */
  private record Costs(List<Double> total, List<Double> checkpoints, List<Long> bytes) {
    double total(int from, int to) {
      return median(total.subList(from, to));
    }

    double checkpoint(int from, int to) {
      return median(checkpoints.subList(from, to));
    }

    private static double median(List<Double> values) {
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }
  }

  private Costs measure(String runId) throws IOException {
    int n = 22;
    SearchSettings settings = SearchSettings.defaults();
    RunDirectory run = RunDirectory.of(new org.apache.hadoop.fs.Path(dir.toUri()), runId, new Configuration());
    Costs costs = new Costs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    long[] last = {System.nanoTime()};
    var checkpoints = run.checkpoints();
    SearchLoop.Listener listener = new SearchLoop.Listener() {
      @Override
      public <T> Meter.Metered<T> evaluate(Stops.Next next, Supplier<T> work) throws IOException {
        checkpoints.save(next.state().reserving(next.calls()), Json.mapper());
        long calls = next.calls();
        return new Meter.Metered<>(work.get(), new CallUsage(calls, calls, calls, 0, 0, 0, next.examples()));
      }

      @Override
      public void onGeneration(JobState state, int method, int generation, List<HistoryRow> rows,
          ProgressLine progress) throws IOException {
        long start = System.nanoTime();
        run.appendHistory(method, generation, rows);
        checkpoints.save(state, Json.mapper());
        long end = System.nanoTime();
        costs.checkpoints().add((end - start) / 1e6);
        costs.total().add((end - last[0]) / 1e6);
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(checkpoints.folder().toUri()))) {
          costs.bytes().add(java.nio.file.Files.size(files.filter(f -> f.getFileName().toString().matches(
              "checkpoint-\\d+\\.json")).max(java.util.Comparator.naturalOrder()).orElseThrow()));
        }
        last[0] = System.nanoTime();
      }
    };
    CandidateEvaluator zero = new Quadratic();
    var parts = new SearchLoop.Parts(settings, AdapterSelection.of(ids(n), List.of()), zero,
        next -> false, new Stops.StepLimit(Integer.MAX_VALUE), listener, InstantSource.system());
    var view = new ProgressView(RunProgress.start(InstantSource.system(), 0), settings,
        List.of(Method.EVO_MERGING), n, zero, 0);
    JobState state = new JobState(runId, "x", List.of(MethodState.start(Method.EVO_MERGING,
        new MergeSearch(settings, n).start())), CallUsage.ZERO, 0, null);
    new SearchLoop(parts, view).run(state);
    return costs;
  }

  /** A service of latency 0: a quadratic loss of the vectors, computed in place. */
  private static final class Quadratic implements CandidateEvaluator {
    private final EvaluationSet set = new EvaluationSet.OfExamples(Shards.of(LoopbackService.examples(300), 15));

    @Override
    public List<CandidateScore> evaluate(List<ControlVectors> candidates, String label) {
      List<CandidateScore> scores = new ArrayList<>();
      for (ControlVectors v : candidates) {
        double loss = 0;
        for (int i = 0; i < v.size(); i++) {
          loss += (v.beta()[i] - 0.1) * (v.beta()[i] - 0.1) + 0.01 * v.alpha(i);
        }
        scores.add(new CandidateScore(loss, List.of()));
      }
      return scores;
    }

    @Override
    public EvaluationSet set() {
      return set;
    }
  }

  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("adapter-" + i);
    }
    return ids;
  }
}
