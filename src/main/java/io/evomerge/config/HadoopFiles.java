package io.evomerge.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads a configuration file through Hadoop's FileSystem ({@code hdfs://}, {@code s3a://}, ...),
 * with the {@code spark.hadoop.*} settings Spark passes to the driver as system properties. Hadoop
 * is on the class path under spark-submit (the cluster provides it) and in local runs; only this
 * class touches it, so that a plain path never needs it.
 */
final class HadoopFiles {

  private static final String SPARK_HADOOP = "spark.hadoop.";

  private HadoopFiles() {}

  static String read(URI uri, String source) {
    try {
      return readWithHadoop(uri);
    } catch (NoClassDefFoundError e) {
      throw new ConfigException(source, "", "reading " + uri.getScheme() + ":// needs Hadoop on the class"
          + " path: run it through spark-submit (submit/evomerge submit) or give a local file", null);
    } catch (java.io.FileNotFoundException e) {
      throw new ConfigException(source, "", "no such file", e);
    } catch (IOException e) {
      throw new ConfigException(source, "", "cannot be read: " + e, e);
    }
  }

  private static String readWithHadoop(URI uri) throws IOException {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    for (Map.Entry<Object, Object> property : System.getProperties().entrySet()) {
      String key = String.valueOf(property.getKey());
      if (key.startsWith(SPARK_HADOOP)) {
        conf.set(key.substring(SPARK_HADOOP.length()), String.valueOf(property.getValue()));
      }
    }
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
    org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(conf);
    if (fs.getFileStatus(path).isDirectory()) {
      throw new IOException("is a directory, expected a YAML file");
    }
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
