package io.evomerge.job.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a run's history with Spark SQL, into a folder (normally {@link StagedOutputs#path()}):
 *
 * <ul>
 *   <li>{@code history/}: Parquet, the {@link HistoryTable#SCHEMA} with vectors as
 *       {@code array<double>}, one file, rows in the order given;
 *   <li>{@code history.csv}: the same rows as one CSV file with a header; each vector is one
 *       column holding its values joined by {@code ;} in adapter order (adapter ids are in
 *       {@code result.json}), so the columns are the same whatever the number of adapters.
 * </ul>
 *
 * <p>Rows keep the given order, which the driver produces as (stage, generation, index). Existing
 * outputs of the same names are replaced. Immutable; the session is used on the calling thread.
 */
public final class HistoryWriter {

  private static final String CSV_TEMP = "_history.csv.parts";

  private final SparkSession spark;

  private HistoryWriter(SparkSession spark) {
    this.spark = spark;
  }

  public static HistoryWriter of(SparkSession spark) {
    return new HistoryWriter(Objects.requireNonNull(spark, "spark"));
  }

  /** Writes {@code folder/history/} and {@code folder/history.csv}. */
  public void write(List<HistoryRow> rows, Path folder) throws IOException {
    Dataset<Row> table = HistoryTable.toDataFrame(spark, rows).coalesce(1);
    table.write().mode(SaveMode.Overwrite).parquet(new Path(folder, RunDirectory.HISTORY).toString());
    writeCsv(table, folder);
  }

  private void writeCsv(Dataset<Row> table, Path folder) throws IOException {
    Path parts = new Path(folder, CSV_TEMP);
    asCsvColumns(table).write().mode(SaveMode.Overwrite).option("header", true).csv(parts.toString());
    FileSystem fs = parts.getFileSystem(spark.sparkContext().hadoopConfiguration());
    AtomicFiles.replace(fs, singlePart(fs, parts), new Path(folder, RunDirectory.HISTORY_CSV));
    fs.delete(parts, true);
  }

  private static Dataset<Row> asCsvColumns(Dataset<Row> table) {
    return table
        .withColumn("alpha", concat_ws(";", col("alpha").cast("array<string>")))
        .withColumn("beta", concat_ws(";", col("beta").cast("array<string>")));
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
