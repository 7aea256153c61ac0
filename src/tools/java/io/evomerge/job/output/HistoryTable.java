package io.evomerge.job.output;

import io.evomerge.merge.ControlVectors;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads back a {@code history/} Parquet folder that {@link HistoryWriter} wrote. */
public final class HistoryTable {

  private HistoryTable() {}

  /** The rows of {@code history}, in file order. */
  public static List<HistoryRow> read(SparkSession spark, Path history) {
    return spark.read().schema(HistoryWriter.SCHEMA).parquet(history.toString()).collectAsList()
        .stream().map(HistoryTable::fromRow).toList();
  }

  private static HistoryRow fromRow(Row row) {
    return new HistoryRow(row.getString(0), row.getString(1), row.getString(2), row.getInt(3),
        row.getInt(4), ControlVectors.of(unboxed(row.getList(5)), unboxed(row.getList(6))),
        row.getDouble(7), row.getDouble(8), row.getDouble(9), row.getDouble(10), row.getLong(11),
        row.getLong(12));
  }

  private static double[] unboxed(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
