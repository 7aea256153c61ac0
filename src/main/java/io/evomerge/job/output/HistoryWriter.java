package io.evomerge.job.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 *
 * <ul>
 *   <li>{@code history/}: Parquet, the {@link #SCHEMA} with vectors as
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

  /**
   * The table's Spark SQL schema: {@code run_id, method, stage, generation, index, alpha
   * (array<double>), beta (array<double>), loss, penalty, fitness, best_so_far, api_calls,
   * elapsed_ms}.
   */
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

  public static Row toRow(HistoryRow r) {
    return RowFactory.create(r.runId(), r.method(), r.stage(), r.generation(), r.index(),
        boxed(r.alpha()), boxed(r.beta()), r.loss(), r.penalty(), r.fitness(), r.bestSoFar(),
        r.apiCalls(), r.elapsedMs());
  }

  public static HistoryRow fromRow(Row row) {
    return new HistoryRow(row.getString(0), row.getString(1), row.getString(2), row.getInt(3),
        row.getInt(4), unboxed(row.getList(5)), unboxed(row.getList(6)), row.getDouble(7),
        row.getDouble(8), row.getDouble(9), row.getDouble(10), row.getLong(11), row.getLong(12));
  }

  /** The rows as a DataFrame, in the given order. */
  public static Dataset<Row> toDataFrame(SparkSession spark, List<HistoryRow> rows) {
    List<Row> sparkRows = rows.stream().map(HistoryWriter::toRow).toList();
    return spark.createDataFrame(sparkRows, SCHEMA);
  }

  /** The rows of a {@code history/} Parquet folder, in file order. */
  public static List<HistoryRow> read(SparkSession spark, Path history) {
    List<HistoryRow> rows = new ArrayList<>();
    for (Row row : spark.read().schema(SCHEMA).parquet(history.toString()).collectAsList()) {
      rows.add(fromRow(row));
    }
    return rows;
  }

  private static List<Double> boxed(double[] values) {
    List<Double> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return list;
  }

  private static double[] unboxed(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private final SparkSession spark;

  private HistoryWriter(SparkSession spark) {
    this.spark = spark;
  }

  public static HistoryWriter of(SparkSession spark) {
    return new HistoryWriter(Objects.requireNonNull(spark, "spark"));
  }

  /** Writes {@code folder/history/} and {@code folder/history.csv}. */
  public void write(List<HistoryRow> rows, Path folder) throws IOException {
    Dataset<Row> table = toDataFrame(spark, rows).coalesce(1);
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
