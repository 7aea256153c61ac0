package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.data.Shards;
import io.evomerge.job.output.RunDirectory;
import io.evomerge.merge.ControlVectors;
import io.evomerge.search.MergeSearches;
import io.evomerge.search.Method;
import io.evomerge.search.SearchSettings;
import io.evomerge.protocol.Json;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Driver cost per generation at latency 0 (no service, no Spark): ask, tell, history, checkpoint. */
class DriverCostTest {

  @TempDir Path dir;

  @Test
  void measure() throws Exception {
    int n = 22;
    SearchSettings settings = SearchSettings.defaults();
    var adapters = AdapterSelection.of(ids(n), List.of());
    CandidateEvaluator zero = new CandidateEvaluator() {
      final EvaluationSet set = new EvaluationSet.OfExamples(Shards.of(LoopbackService.examples(300), 15));
      public List<CandidateScore> evaluate(List<ControlVectors> c, String label) {
        List<CandidateScore> out = new ArrayList<>();
        for (ControlVectors v : c) {
          double s = 0;
          for (double b : v.beta()) s += (b - 0.1) * (b - 0.1);
          for (double a : v.alpha()) s += 0.01 * a;
          out.add(new CandidateScore(s, List.of()));
        }
        return out;
      }
      public EvaluationSet set() { return set; }
    };
    RunDirectory run = RunDirectory.of(new org.apache.hadoop.fs.Path(dir.toUri()), "cost", new Configuration());
    long[] last = {System.nanoTime()};
    List<Double> total = new ArrayList<>();
    List<Double> checkpoint = new ArrayList<>();
    var search = MergeSearches.create(settings, n);
    JobState state = JobState.start("cost", "x", List.of(MethodState.start(Method.EVO_MERGING, search.snapshot())));
    SearchLoop.Listener listener = new SearchLoop.Listener() {
      @Override
      public void beforeGeneration(JobState s) throws java.io.IOException {
        run.checkpoints().save(s, Json.mapper());
      }

      @Override
      public void onGeneration(JobState s, int method, int generation, List<io.evomerge.job.output.HistoryRow> rows,
          io.evomerge.report.ProgressLine p) throws java.io.IOException {
        long t0 = System.nanoTime();
        run.historyLog().append(method, generation, rows);
        run.checkpoints().save(s, Json.mapper());
        long t1 = System.nanoTime();
        checkpoint.add((t1 - t0) / 1e6);
        total.add((t1 - last[0]) / 1e6);
        last[0] = System.nanoTime();
      }
    };
    var parts = new SearchLoop.Parts(settings, adapters, zero, Meter.planned(), next -> false, listener,
        InstantSource.system());
    var view = new ProgressView(io.evomerge.report.RunProgress.start(InstantSource.system(), 0), settings,
        List.of(Method.EVO_MERGING), n, zero, 0);
    new SearchLoop(parts, view, Integer.MAX_VALUE).run(state, 0);
    System.out.printf("DRIVER COST gens=%d gen5 total %.1f ms checkpoint %.1f ms; gen60 total %.1f ms checkpoint %.1f ms;"
        + " mean total %.1f ms%n", total.size(), avg(total, 3, 8), avg(checkpoint, 3, 8),
        avg(total, total.size() - 5, total.size()), avg(checkpoint, checkpoint.size() - 5, checkpoint.size()),
        avg(total, 1, total.size()));
    assertTrue(total.size() == 60);
  }

  private static double avg(List<Double> xs, int from, int to) {
    return xs.subList(from, to).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) ids.add("adapter-" + i);
    return ids;
  }
}
