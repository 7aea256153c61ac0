package io.evomerge.job;

import io.evomerge.config.EvoMergeConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the run's Spark session: no hard-coded master, secrets redacted in the UI. */
public final class SparkSessions {

  /** Values of Spark settings whose names match this are shown redacted in the UI and logs. */
  public static final String REDACTION_REGEX =
      "(?i)secret|password|token|access[.]key|api[._-]?key|authorization|bearer";

  /** Attempts a task gets in local mode (Spark's default there is 1: no retry at all). */
  public static final int LOCAL_TASK_ATTEMPTS = 4;

  private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)\\])?");

  private SparkSessions() {}

  /**
   * {@code master} with task retries where it is a local master without them ({@code local},
   * {@code local[N]}, {@code local[*]} become {@code local[N,4]}), so a failed task runs again as
   * on a cluster. Other masters are unchanged.
   */
  public static String withTaskRetries(String master) {
    Matcher m = LOCAL.matcher(master.strip());
    if (!m.matches()) {
      return master;
    }
    String threads = m.group(1) == null ? "1" : m.group(1);
    return "local[" + threads + "," + LOCAL_TASK_ATTEMPTS + "]";
  }

  /**
   * The session for {@code config}: the master from {@code spark.master}, else from spark-submit,
   * else {@code local[*]}. The embedded service listens on loopback, so it needs a local master.
   */
  public static SparkSession open(EvoMergeConfig config) {
    SparkConf conf = new SparkConf()
        .setAppName(config.spark().appName())
        .set("spark.redaction.regex", REDACTION_REGEX)
        .set("spark.ui.showConsoleProgress", "false");
    if (!config.spark().master().isBlank()) {
      conf.setMaster(config.spark().master());
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    String master = withTaskRetries(conf.get("spark.master"));
    conf.setMaster(master);
    if (config.service().usesEmbedded() && !master.startsWith("local")) {
      throw new IllegalArgumentException("service.url: 'embedded' starts the reference service on the"
          + " driver's loopback, which executors of master '" + master + "' cannot reach; use a local"
          + " master or point service.url at a running merge service (submit/evomerge serve)");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
