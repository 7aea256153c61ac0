package io.evomerge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration reaches the driver in every deploy mode: a path, a Hadoop URI, or the name of
 * a file shipped with --files; relative data paths are read from the file's own folder.
 */
class ConfigFileTest {

  @TempDir Path dir;

  @Test
  void relativeDataPathsInAFileAreReadFromItsFolderAndTheRestIsLeftAlone() throws IOException {
    Path conf = Files.createDirectories(dir.resolve("jobs/conf"));
    Path file = Files.writeString(conf.resolve("job.yaml"), """
        data:
          fitness: ../data/dev.jsonl
          test: hdfs://nn/data/test.jsonl
        service:
          embedded:
            repository: /srv/repository
        output:
          dir: runs
        """);
    EvoMergeConfig config = ConfigLoader.load(file, List.of());
    assertEquals(dir.resolve("jobs/data/dev.jsonl").toString(), config.data().fitness());
    assertEquals("hdfs://nn/data/test.jsonl", config.data().test());
    assertEquals("/srv/repository", config.service().embedded().repository());
    assertEquals("runs", config.output().dir(), "the output folder stays relative to the working directory");
  }

  @Test
  void aRelativePathGivenWithSetStaysRelativeToTheWorkingDirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("job.yaml"), "data:\n  fitness: dev.jsonl\n");
    EvoMergeConfig config = ConfigLoader.load(file, List.of("data.test=data/test.jsonl"));
    assertEquals(dir.resolve("dev.jsonl").toString(), config.data().fitness());
    assertEquals("data/test.jsonl", config.data().test());
  }

  @Test
  void aFileUriIsReadAndItsFolderIsTheBase() throws IOException {
    Path file = Files.writeString(dir.resolve("job.yaml"), "data:\n  fitness: dev.jsonl\n");
    String uri = file.toUri().toString();
    EvoMergeConfig config = ConfigLoader.load(uri, List.of());
    assertEquals(dir.resolve("dev.jsonl").toString(), config.data().fitness());
  }

  @Test
  void aBareNameIsFoundAmongTheFilesShippedWithDashDashFiles() throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path file = Files.writeString(conf.resolve("sample.yaml"), "data:\n  fitness: ../data/dev.jsonl\n");
    Properties spark = new Properties();
    spark.setProperty("spark.files", dir.resolve("log4j2.properties").toUri() + "," + file.toUri());
    ConfigFile found = ConfigFile.find("sample.yaml", spark);
    assertEquals(file.toUri().toString(), found.source());
    assertEquals(dir.resolve("data/dev.jsonl").toString(), found.resolve("../data/dev.jsonl"));

    Properties yarn = new Properties();
    yarn.setProperty("spark.yarn.dist.files", file + "#job.yaml");
    assertEquals(file.toString(), ConfigFile.find("job.yaml", yarn).source(), "an alias after # names the file");
  }

  @Test
  void aNameFoundNowhereSaysWhereItWasLookedFor() {
    Properties spark = new Properties();
    spark.setProperty("spark.files", "file:/x/other.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.find("sample.yaml", spark));
    assertTrue(e.getMessage().startsWith("sample.yaml: no such file (looked in "), e.getMessage());
    assertTrue(e.getMessage().contains("file:/x/other.yaml"), e.getMessage());
    assertEquals(dir + "/absent.yaml: no such file",
        assertThrows(ConfigException.class, () -> ConfigFile.find(dir + "/absent.yaml", spark)).getMessage());
  }

  @Test
  void otherSchemesAreReadThroughHadoopAndTheirFolderIsTheBase() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigFile.find("nosuchfs://host/conf/job.yaml", new Properties()));
    assertTrue(e.getMessage().startsWith("nosuchfs://host/conf/job.yaml: cannot be read: "), e.getMessage());
    assertTrue(e.getMessage().contains("No FileSystem for scheme"), e.getMessage());
    ConfigFile remote = new ConfigFile("", "hdfs://nn/conf/job.yaml", "hdfs://nn/conf/");
    assertEquals("hdfs://nn/data/dev.jsonl", remote.resolve("../data/dev.jsonl"));
    assertEquals("s3a://b/x.jsonl", remote.resolve("s3a://b/x.jsonl"));
  }
}
