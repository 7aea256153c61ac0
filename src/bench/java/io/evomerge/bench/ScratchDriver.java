package io.evomerge.bench;

import io.evomerge.bench.internal.BenchService;
import io.evomerge.bench.internal.LocalSpark;
import io.evomerge.config.ConfigLoader;
import io.evomerge.data.DataFiles;
import io.evomerge.data.Shards;
import io.evomerge.job.*;
import io.evomerge.merge.ControlVectors;
import io.evomerge.model.ReferenceModel;
import java.nio.file.Path;
import java.util.*;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.*;
import org.apache.spark.sql.SparkSession;

public final class ScratchDriver {
  public static void main(String[] args) throws Exception {
    var model = ReferenceModel.load(Path.of("data/repository"));
    var fitness = DataFiles.read("data/tasks/target-sentiment-games/dev.jsonl");
    SparkSession spark = LocalSpark.open("local[2]");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<long[]> ev = Collections.synchronizedList(new ArrayList<>());
    long[] job = new long[2];
    jsc.sc().addSparkListener(new SparkListener() {
      @Override public void onJobStart(SparkListenerJobStart e) { job[0] = e.time(); }
      @Override public void onJobEnd(SparkListenerJobEnd e) { job[1] = e.time(); }
      @Override public void onTaskEnd(SparkListenerTaskEnd e) {
        var t = e.taskMetrics(); var i = e.taskInfo();
        ev.add(new long[] {i.launchTime(), t.executorDeserializeTime(), t.executorRunTime(), t.resultSerializationTime(), i.gettingResultTime(), i.finishTime(), t.resultSize()});
      }
    });
    var shards = Shards.of(Shards.firstById(fitness, 300), 15);
    try (BenchService service = BenchService.start(model, 64)) {
      var client = service.client(ConfigLoader.load(List.of()).service());
      var ev2 = new SparkEvaluator(jsc, client, new EvaluationSet.OfExamples(shards, false), LocalCallMetrics.counters(), 2);
      var rnd = new SplittableRandom(1);
      for (int g = 0; g < 12; g++) {
        List<ControlVectors> cands = new ArrayList<>();
        for (int c = 0; c < 20; c++) { double[] a = new double[model.adapters().size()]; double[] b = a.clone();
          for (int k = 0; k < a.length; k++) { a[k] = rnd.nextDouble(); b[k] = rnd.nextDouble(); } cands.add(ControlVectors.of(a, b)); }
        ev.clear();
        long w0 = System.currentTimeMillis();
        ev2.evaluate(cands, "x");
        long w1 = System.currentTimeMillis();
        jsc.sc().listenerBus().waitUntilEmpty();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("gen %d: wall %d jobStart+%d jobEnd+%d |", g, w1 - w0, job[0] - w0, job[1] - w0));
        for (long[] t : ev) sb.append(String.format(" launch+%d deser %d run %d rser %d getRes+%d fin+%d %dKB;", t[0] - w0, t[1], t[2], t[3], t[4] > 0 ? t[4] - w0 : -1, t[5] - w0, t[6] / 1024));
        System.out.println(sb);
      }
    }
    spark.stop();
  }
}
