package io.evomerge.job.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a run's history with Spark SQL, into a folder (normally {@link StagedOutputs#path()}):
 * {@code history/}, Parquet with the {@link #SCHEMA} in one file; and {@code history.csv}, the
 * same rows as one CSV file with a header, each vector one column of its values joined by
 * {@code ;} in adapter order (adapter ids are in {@code result.json}), so the columns are the same
 * whatever the number of adapters. Rows keep the given order, which the driver produces as
 * (stage, generation, index). Existing outputs of the same names are replaced. Stateless.
 */
public final class HistoryWriter {

  private static final String CSV_TEMP = "_history.csv.parts";

  /** The table's Spark SQL schema; {@code alpha} and {@code beta} are {@code array<double>}. */
  public static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("method", DataTypes.StringType, false)
      .add("stage", DataTypes.StringType, false)
      .add("generation", DataTypes.IntegerType, false)
      .add("index", DataTypes.IntegerType, false)
      .add("alpha", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("beta", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add("loss", DataTypes.DoubleType, false)
      .add("penalty", DataTypes.DoubleType, false)
      .add("fitness", DataTypes.DoubleType, false)
      .add("best_so_far", DataTypes.DoubleType, false)
      .add("api_calls", DataTypes.LongType, false)
      .add("elapsed_ms", DataTypes.LongType, false);

  private HistoryWriter() {}

  /** Writes {@code folder/history/} and {@code folder/history.csv}. */
  public static void write(SparkSession spark, List<HistoryRow> rows, Path folder) throws IOException {
    List<Row> sparkRows = rows.stream().map(r -> RowFactory.create(r.runId(), r.method(), r.stage(),
        r.generation(), r.index(), Arrays.stream(r.vectors().alpha()).boxed().toList(),
        Arrays.stream(r.vectors().beta()).boxed().toList(), r.loss(), r.penalty(), r.fitness(),
        r.bestSoFar(), r.apiCalls(), r.elapsedMs())).toList();
    Dataset<Row> table = spark.createDataFrame(sparkRows, SCHEMA).coalesce(1);
    table.write().mode(SaveMode.Overwrite).parquet(new Path(folder, RunDirectory.HISTORY).toString());

    Path parts = new Path(folder, CSV_TEMP);
    table.withColumn("alpha", concat_ws(";", col("alpha").cast("array<string>")))
        .withColumn("beta", concat_ws(";", col("beta").cast("array<string>")))
        .write().mode(SaveMode.Overwrite).option("header", true).csv(parts.toString());
    FileSystem fs = parts.getFileSystem(spark.sparkContext().hadoopConfiguration());
    AtomicFiles.replace(fs, singlePart(fs, parts), new Path(folder, RunDirectory.HISTORY_CSV));
    fs.delete(parts, true);
  }

  private static Path singlePart(FileSystem fs, Path parts) throws IOException {
    for (FileStatus status : fs.listStatus(parts)) {
      String name = status.getPath().getName();
      if (name.startsWith("part-") && name.endsWith(".csv")) {
        return status.getPath();
      }
    }
    throw new IOException("Spark wrote no CSV part file under " + parts);
  }
}
