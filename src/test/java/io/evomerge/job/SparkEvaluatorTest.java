package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.holdenkarau.spark.testing.JavaRDDComparisons;
import io.evomerge.data.Shards;
import io.evomerge.merge.ControlVectors;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A generation as one Spark job over candidates x shards, against the real service on loopback. */
class SparkEvaluatorTest {

  private static LoopbackService service;
  private static SparkSession spark;
  private static JavaSparkContext jsc;
  private static final EvaluationSet SET = new EvaluationSet.OfExamples(Shards.of(LoopbackService.examples(45), 10));

  @BeforeAll
  static void start() throws Exception {
    service = LoopbackService.start(5, 3);
    spark = SparkSession.builder().master("local[2]").appName("SparkEvaluatorTest")
        .config("spark.ui.enabled", "false").getOrCreate();
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  @AfterAll
  static void stop() {
    spark.stop();
    service.close();
  }

  @Test
  void scoresDoNotDependOnPartitioningAndEqualTheInProcessEvaluation() {
    List<ControlVectors> candidates = candidates(4, 11);
    List<CandidateScore> onePartition = spark(1).evaluate(candidates, "one partition");
    List<CandidateScore> sevenPartitions = spark(7).evaluate(candidates, "seven partitions");
    List<CandidateScore> local = new LocalEvaluator(service.client, SET, LocalCallMetrics.counters())
        .evaluate(candidates, "local");

    assertEquals(onePartition, sevenPartitions);
    assertEquals(onePartition, local);
    assertEquals(4, onePartition.size());
    assertEquals(45, onePartition.get(0).results().size());
  }

  @Test
  void theExecutorsReturnTheSameShardResultsHoweverTheTasksAreCut() {
    var tasks = EvaluationTask.grid(candidates(3, 5), SET.shardCount());
    var function = new EvaluatePartition(service.client, tasks, LocalCallMetrics.counters(), 0);
    JavaRDD<ShardResult> two = jsc.parallelize(SET.parts(2), 2).mapPartitions(function);
    JavaRDD<ShardResult> nine = jsc.parallelize(SET.parts(9), 9).mapPartitions(function);
    JavaRDDComparisons.assertRDDEquals(two, nine);
  }

  @Test
  void aCandidatesLossIsTheMeanOverEveryExampleInShardOrder() {
    CandidateScore score = spark(3).evaluate(candidates(1, 2), "mean").get(0);
    double sum = 0;
    for (var r : score.results()) {
      sum += r.loss();
    }
    assertEquals(sum / 45, score.meanLoss(), 0.0);
    assertEquals("e000", score.results().get(0).id(), "results start with the first example by id");
    assertEquals("e044", score.results().get(44).id(), "and end with the last");
  }

  @Test
  void eachGenerationRunsUnderTheEvomergeJobGroupAndIsCounted() {
    CallMetrics metrics = CallMetrics.accumulators(jsc);
    new SparkEvaluator(jsc, service.client, SET, metrics, 2).evaluate(candidates(2, 9), "counted");
    assertTrue(jsc.statusTracker().getJobIdsForGroup("evomerge").length > 0);
    assertEquals(2L * SET.shardCount(), metrics.total().attempts());
    assertEquals(2L * SET.shardCount(), metrics.total().answers());
    assertEquals(0, metrics.total().retries());
    assertEquals(0, metrics.total().failures());
  }

  @Test
  void eachTaskGetsItsShareOfTheJobWideRate() {
    assertEquals(2.5, SparkEvaluator.ratePerTask(10, 4, 8), 0.0);
    assertEquals(5.0, SparkEvaluator.ratePerTask(10, 9, 2), 0.0, "at most the slots run at once");
    assertEquals(10.0, SparkEvaluator.ratePerTask(10, 1, 8), 0.0);
    assertEquals(0.0, SparkEvaluator.ratePerTask(0, 4, 8), 0.0, "0 stays no limit");
  }

  private SparkEvaluator spark(int partitions) {
    return new SparkEvaluator(jsc, service.client, SET, LocalCallMetrics.counters(), partitions);
  }

  private static List<ControlVectors> candidates(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> {
      double[] alpha = new double[5];
      double[] beta = new double[5];
      for (int k = 0; k < 5; k++) {
        alpha[k] = random.nextDouble();
        beta[k] = random.nextDouble(-1, 1);
      }
      return ControlVectors.of(alpha, beta);
    }).toList();
  }
}
