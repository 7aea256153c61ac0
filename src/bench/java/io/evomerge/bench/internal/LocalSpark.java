package io.evomerge.bench.internal;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The benchmarks' Spark session: {@code local[2]} as the issue asks, no UI, quiet. */
public final class LocalSpark {

  private LocalSpark() {}

  public static SparkSession open(String master) {
    SparkConf conf = new SparkConf().setMaster(master).setAppName("evomerge-bench")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.sql.shuffle.partitions", "2");
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
