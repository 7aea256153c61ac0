package io.evomerge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher submit/evomerge, run for real with bash; spark-submit and java faked where noted. */
class LauncherTest {

  private static final Path LAUNCHER = Path.of("submit/evomerge").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void theLauncherIsAnExecutableBashScript() throws Exception {
    assertTrue(Files.isExecutable(LAUNCHER));
    assertEquals(0, run(Map.of(), "bash", "-n", LAUNCHER.toString()).code);
  }

  @Test
  void theLauncherCarriesThePomsJava17Options() throws IOException {
    Matcher pom = Pattern.compile("<spark.java17.options>(.*?)</spark.java17.options>", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("pom.xml")));
    assertTrue(pom.find());
    Matcher script = Pattern.compile("JAVA17_OPTIONS=\\((.*?)\\n\\)", Pattern.DOTALL)
        .matcher(Files.readString(LAUNCHER));
    assertTrue(script.find());
    assertEquals(words(pom.group(1)), words(script.group(1)));
    assertTrue(Files.readString(Path.of("conf/spark-defaults.conf.example")).contains(String.join(" ", words(pom.group(1)))));
  }

  @Test
  void validateConfigRunsThroughTheLauncher() throws Exception {
    Result ok = run(Map.of("EVOMERGE_NO_BUILD", "1"), LAUNCHER.toString(), "validate-config",
        "--config", "conf/evomerge.yaml", "--set", "search.seed=9");
    assertEquals(0, ok.code, ok.err);
    assertTrue(ok.out.contains("  seed: 9\n"), ok.out);
    Path broken = Files.writeString(dir.resolve("b.yaml"), "data:\n  shardSize: 0\n");
    Result bad = run(Map.of("EVOMERGE_NO_BUILD", "1"), LAUNCHER.toString(), "validate-config",
        "--config", broken.toString());
    assertEquals(2, bad.code);
    assertTrue(bad.err.contains(broken + ": data.shardSize: 0 must be > 0"), bad.err);
  }

  @Test
  void theToolsRunThroughTheLauncherFromTheTestClassPath() throws Exception {
    Result help = run(Map.of("EVOMERGE_NO_BUILD", "1"), LAUNCHER.toString(), "train-adapters", "--help");
    assertEquals(0, help.code, help.err);
    assertTrue(help.out.contains("Usage: submit/evomerge train-adapters") && help.out.contains("--lora-alpha"), help.out);
    Result tasks = run(Map.of("EVOMERGE_NO_BUILD", "1"), LAUNCHER.toString(), "generate-tasks",
        "--out", dir.resolve("tasks").toString(), "--seed", "13");
    assertEquals(0, tasks.code, tasks.err);
    assertTrue(tasks.out.contains("wrote 25 tasks"), tasks.out);
    assertTrue(Files.isRegularFile(dir.resolve("tasks/tasks.json")));
  }

  @Test
  void submitPassesTheClassTheOptionsTheJarAndTheConfigToSparkSubmit() throws Exception {
    Path config = Files.writeString(dir.resolve("job.yaml"), "search:\n  seed: 3\n");
    Result r = submit(0, "submit", "--master", "local[2]", "--config", config.toString(),
        "--set", "search.seed=7", "--conf", "spark.executor.extraJavaOptions=-Dx=1", "--", "--resume");
    assertEquals(0, r.code, r.err);
    List<String> args = Files.readAllLines(dir.resolve("spark-submit.args"));
    assertEquals("io.evomerge.cli.Main", args.get(args.indexOf("--class") + 1));
    assertEquals("local[2]", args.get(args.indexOf("--master") + 1));
    String driver = valueOf(args, "spark.driver.extraJavaOptions=");
    String executor = valueOf(args, "spark.executor.extraJavaOptions=");
    for (String options : List.of(driver, executor)) {
      assertTrue(options.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), options);
      assertTrue(options.contains("-Dlog4j2.configurationFile="), options);
    }
    assertTrue(driver.contains("-Dlog4j2.configurationFile=" + Path.of("conf/log4j2.properties").toAbsolutePath()), driver);
    assertTrue(executor.endsWith("-Dlog4j2.configurationFile=log4j2.properties -Dx=1"), executor);
    assertEquals(Path.of("conf/log4j2.properties").toAbsolutePath() + "," + config,
        args.get(args.indexOf("--files") + 1));
    int jar = args.indexOf(dir.resolve("job.jar").toString());
    assertEquals(List.of("run", "--config", config.toString(), "--set", "search.seed=7", "--resume"),
        args.subList(jar + 1, args.size()));
    assertEquals(List.of("-cp", dir.resolve("job.jar").toString(), "io.evomerge.cli.Main",
        "validate-config", "--config", config.toString(), "--set", "search.seed=7"),
        Files.readAllLines(dir.resolve("java.args")));
  }

  @Test
  void submitInClusterModeNamesTheShippedConfigByItsFileName() throws Exception {
    Path config = Files.writeString(dir.resolve("job.yaml"), "");
    Result r = submit(0, "submit", "--deploy-mode", "cluster", "--config", config.toString());
    assertEquals(0, r.code, r.err);
    List<String> args = Files.readAllLines(dir.resolve("spark-submit.args"));
    assertEquals(List.of("run", "--config", "job.yaml"), args.subList(args.size() - 3, args.size()));
  }

  @Test
  void submitPassesAConfigurationUriAsItIsForTheDriverToRead() throws Exception {
    Result r = submit(0, "submit", "--deploy-mode", "cluster", "--config", "hdfs://nn/evomerge/job.yaml");
    assertEquals(0, r.code, r.err);
    List<String> args = Files.readAllLines(dir.resolve("spark-submit.args"));
    assertEquals(List.of("run", "--config", "hdfs://nn/evomerge/job.yaml"), args.subList(args.size() - 3, args.size()));
    assertEquals(Path.of("conf/log4j2.properties").toAbsolutePath().toString(), args.get(args.indexOf("--files") + 1));
    assertFalse(Files.exists(dir.resolve("java.args")), "no local check of a remote file");
  }

  @Test
  void submitStopsBeforeSparkSubmitWhenTheConfigurationIsBad() throws Exception {
    Path config = Files.writeString(dir.resolve("job.yaml"), "");
    Result r = submit(2, "submit", "--config", config.toString());
    assertEquals(2, r.code);
    assertFalse(Files.exists(dir.resolve("spark-submit.args")));
  }

  @Test
  void submitWithoutAConfigIsBadUsage() throws Exception {
    Result r = run(Map.of(), LAUNCHER.toString(), "submit", "--master", "local[2]");
    assertEquals(2, r.code);
    assertTrue(r.err.contains("--config FILE is required"), r.err);
  }

  @Test
  void submitSaysHowToGetSparkSubmitWhenThereIsNone() throws Exception {
    Path config = Files.writeString(dir.resolve("job.yaml"), "");
    Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "PYTHON", "/bin/false",
        "EVOMERGE_JOB_JAR", fakeJar().toString()));
    Result r = run(env, LAUNCHER.toString(), "submit", "--config", config.toString());
    assertEquals(1, r.code);
    assertTrue(r.err.contains("spark-submit not found: set SPARK_HOME"), r.err);
    assertTrue(r.err.contains("pip install"), r.err);
  }

  @Test
  void submitPrintsNoSecretButPassesItAndTheRedactionPatternToSpark() throws Exception {
    Path config = Files.writeString(dir.resolve("job.yaml"), "");
    Result r = submit(0, "submit", "--master", "local[2]", "--config", config.toString(),
        "--conf", "spark.executorEnv.EVOMERGE_API_KEY=k-123-secret-value",
        "--conf", "spark.hadoop.fs.s3a.secret.key=s3-secret-value",
        "--conf", "spark.kubernetes.driver.secretKeyRef.EVOMERGE_API_KEY=evomerge:api-key",
        "--conf", "spark.yarn.appMasterEnv.MY_TOKEN=token-value",
        "--conf", "spark.executor.extraJavaOptions=-Dservice.password=pw-value -Dx=1",
        "--conf", "spark.app.name=visible-name");
    assertEquals(0, r.code, r.err);
    for (String secret : List.of("k-123-secret-value", "s3-secret-value", "evomerge:api-key", "token-value",
        "pw-value")) {
      assertFalse(r.err.contains(secret), "printed " + secret + ": " + r.err);
    }
    assertTrue(r.err.contains("spark.executorEnv.EVOMERGE_API_KEY=*********(redacted)"), r.err);
    assertTrue(r.err.contains("-Dservice.password=*********(redacted) -Dx=1"), r.err);
    assertTrue(r.err.contains("spark.app.name=visible-name"), r.err);
    List<String> args = Files.readAllLines(dir.resolve("spark-submit.args"));
    assertTrue(args.contains("spark.executorEnv.EVOMERGE_API_KEY=k-123-secret-value"), "spark-submit gets the value");
    String regex = valueOf(args, "spark.redaction.regex=");
    for (String name : List.of("spark.executorEnv.EVOMERGE_API_KEY", "spark.hadoop.fs.s3a.secret.key",
        "spark.yarn.appMasterEnv.MY_TOKEN", "service.apiKey", "API-KEY")) {
      assertTrue(Pattern.compile(regex).matcher(name).find(), regex + " misses " + name);
    }
  }

  @Test
  void submitJoinsAGivenRedactionPatternToTheDefault() throws Exception {
    Path config = Files.writeString(dir.resolve("job.yaml"), "");
    Result r = submit(0, "submit", "--config", config.toString(), "--conf", "spark.redaction.regex=(?i)mycred",
        "--conf", "spark.executorEnv.MYCRED=hidden-value", "--conf", "spark.executorEnv.API_KEY=other-value");
    assertEquals(0, r.code, r.err);
    assertFalse(r.err.contains("hidden-value") || r.err.contains("other-value"), r.err);
    String regex = valueOf(Files.readAllLines(dir.resolve("spark-submit.args")), "spark.redaction.regex=");
    assertTrue(regex.startsWith("(?i)mycred|secret|"), regex);
  }

  @Test
  void standaloneClusterModeWaitsForTheDriverAndExitsWithItsFinalState() throws Exception {
    Path config = Files.writeString(dir.resolve("job.yaml"), "");
    for (String state : List.of("FINISHED", "FAILED", "KILLED", "ERROR")) {
      Result r = submitLogging("INFO ClientEndpoint: State of driver driver-20261129-0001 is " + state
          + ", exiting spark-submit JVM.", "submit", "--master", "spark://127.0.0.1:7077", "--deploy-mode", "cluster",
          "--config", config.toString());
      assertEquals("FINISHED".equals(state) ? 0 : 1, r.code, state + ": " + r.err);
      if (!"FINISHED".equals(state)) {
        assertTrue(r.err.contains("the driver ended " + state), r.err);
      }
      List<String> args = Files.readAllLines(dir.resolve("spark-submit.args"));
      assertTrue(args.contains("spark.standalone.submit.waitAppCompletion=true"), args.toString());
    }
    Result silent = submitLogging("nothing about the driver", "submit", "--master", "spark://127.0.0.1:7077",
        "--deploy-mode", "cluster", "--config", config.toString());
    assertEquals(1, silent.code, "an unknown final state is no success");
  }

  /** Runs the launcher with a fake spark-submit (records its arguments) and a fake java. */
  private Result submit(int javaExit, String... args) throws Exception {
    return submitWith(javaExit, "", args);
  }

  /** As {@link #submit}, the fake spark-submit writing {@code line} to its stderr. */
  private Result submitLogging(String line, String... args) throws Exception {
    return submitWith(0, "echo '" + line + "' >&2\n", args);
  }

  private Result submitWith(int javaExit, String sparkSubmitLine, String... args) throws Exception {
    Path sparkHome = dir.resolve("spark");
    fake(sparkHome.resolve("bin/spark-submit"), "spark-submit.args", 0, sparkSubmitLine);
    Path javaHome = dir.resolve("jdk");
    fake(javaHome.resolve("bin/java"), "java.args", javaExit);
    Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "JAVA_HOME", javaHome.toString(),
        "EVOMERGE_JOB_JAR", fakeJar().toString());
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(Arrays.asList(args));
    return run(env, command.toArray(String[]::new));
  }

  private Path fakeJar() throws IOException {
    return Files.write(dir.resolve("job.jar"), new byte[] {0});
  }

  private void fake(Path program, String argsFile, int exit) throws IOException {
    fake(program, argsFile, exit, "");
  }

  private void fake(Path program, String argsFile, int exit, String extra) throws IOException {
    Files.createDirectories(program.getParent());
    Files.writeString(program, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + dir.resolve(argsFile) + "'\n" + extra
        + "exit " + exit + "\n");
    assertTrue(program.toFile().setExecutable(true));
  }

  private static String valueOf(List<String> args, String prefix) {
    return args.stream().filter(a -> a.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
  }

  private static List<String> words(String text) {
    return Arrays.asList(text.trim().split("\\s+"));
  }

  private Result run(Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
        .redirectError(dir.resolve("err").toFile());
    builder.environment().remove("SPARK_HOME");
    builder.environment().remove("EVOMERGE_JAVA_OPTS");
    builder.environment().putAll(env);
    Process process = builder.start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher finished");
    return new Result(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
  }

  private record Result(int code, String out, String err) {}
}
