package io.evomerge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.config.ConfigLoader;
import io.evomerge.config.EvoMergeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class EvoMergeCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void validateConfigPrintsTheResolvedConfigurationOfTheShippedFile() {
    assertEquals(0, execute("validate-config", "--config", "conf/evomerge.yaml"));
    assertTrue(out.toString().startsWith("# conf/evomerge.yaml: valid\n"), out.toString());
    // The defaults, with the file's data paths read from its folder (conf/../data: data/).
    assertEquals(ConfigLoader.load(Path.of("conf/evomerge.yaml"), List.of()),
        ConfigLoader.parse(out.toString(), "printed", List.of()));
    assertEquals("", err.toString());
  }

  @Test
  void validateConfigAppliesOverridesAndSaysSo() {
    assertEquals(0, execute("validate-config", "--set", "search.seed=7", "--set=spark.partitions=4"));
    EvoMergeConfig printed = ConfigLoader.parse(out.toString(), "printed", List.of());
    assertEquals(7, printed.search().seed());
    assertEquals(4, printed.spark().partitions());
    assertTrue(out.toString().startsWith("# built-in defaults: valid (with 2 --set overrides)"));
  }

  @Test
  void aBrokenValueExitsWithTwoAndNamesTheFileAndTheKeyPath() throws IOException {
    Path file = write("broken.yaml", "search:\n  stage2:\n    sigma: -0.5\n");
    assertEquals(2, execute("validate-config", "--config", file.toString()));
    assertEquals("error: " + file + ": search.stage2.sigma: -0.5 must be > 0\n", err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void anUnknownKeyExitsWithTwoAndNamesIt() throws IOException {
    Path file = write("unknown.yaml", "service:\n  maxInflight: 4\n");
    assertEquals(2, execute("validate-config", "--config", file.toString()));
    assertTrue(err.toString().startsWith("error: " + file
        + ": service.maxInflight: unknown key, did you mean 'maxInFlight'?"), err.toString());
  }

  @Test
  void aBadOverrideExitsWithTwoAndNamesIt() {
    assertEquals(2, execute("validate-config", "--set", "search.stage1.sigma=wide"));
    assertEquals("error: --set search.stage1.sigma=wide: search.stage1.sigma: 'wide' must be a number\n",
        err.toString());
    assertEquals(2, execute("validate-config", "--set", "nope"));
  }

  @Test
  void aMissingFileExitsWithTwoAndNamesIt() {
    assertEquals(2, execute("validate-config", "--config", "conf/missing.yaml"));
    assertEquals("error: conf/missing.yaml: no such file\n", err.toString());
  }

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    assertEquals(0, execute("--help"));
    String help = out.toString();
    assertTrue(help.contains("validate-config"), help);
    assertTrue(help.contains("help"), help);
    assertTrue(help.contains("Exit codes:"), help);
    assertTrue(help.contains("2   bad usage or bad configuration"), help);
    assertTrue(help.contains("submit/evomerge submit"), help);
    assertEquals(List.of("demo", "run", "serve", "validate-config", "help"),
        List.copyOf(EvoMergeCommand.commandLine().getSubcommands().keySet()), "the tools are no commands of the product");
  }

  @Test
  void theHelpOfASubcommandExplainsItsOptions() {
    assertEquals(0, execute("help", "validate-config"));
    assertTrue(out.toString().contains("--config=FILE"), out.toString());
    assertTrue(out.toString().contains("--set=KEY=VALUE"), out.toString());
    assertTrue(out.toString().contains("Exit codes:"), out.toString());
    assertEquals(0, execute("validate-config", "--help"));
  }

  @Test
  void versionNamesTheProjectAndItsVersion() {
    assertEquals(0, execute("--version"));
    assertTrue(out.toString().startsWith("evomerge " + Version.VERSION + "\n"), out.toString());
  }

  @Test
  void badUsageExitsWithTwo() {
    assertEquals(2, execute("validate-config", "--bogus"));
    assertTrue(err.toString().contains("Unknown option: '--bogus'"), err.toString());
    assertEquals(2, execute("no-such-command"));
    assertEquals(2, execute());
    assertTrue(err.toString().contains("error: missing command"), err.toString());
  }

  @Test
  void aFailingRunExitsWithOneAndReportsTheCauseWithoutAStackTrace() {
    CommandLine commandLine = EvoMergeCommand.commandLine(Map.of()).addSubcommand("boom", new Boom());
    assertEquals(1, execute(commandLine, "boom"));
    assertEquals("error: service unreachable\n  caused by: connection refused\n"
        + "(set EVOMERGE_DEBUG=1 for the stack trace)\n", err.toString());
  }

  @Test
  void theStackTraceIsPrintedOnRequest() {
    CommandLine commandLine = EvoMergeCommand.commandLine(Map.of("EVOMERGE_DEBUG", "1"))
        .addSubcommand("boom", new Boom());
    assertEquals(1, execute(commandLine, "boom"));
    assertTrue(err.toString().contains("at io.evomerge.cli.EvoMergeCommandTest$Boom.call"), err.toString());
  }

  @Test
  void aNonFiniteNumberIsRefusedAsNotFiniteNamingTheKey() {
    assertEquals(2, execute("validate-config", "--set", "search.stage1.sigma=.nan"));
    assertEquals("error: --set search.stage1.sigma=.nan: search.stage1.sigma: NaN must be finite\n", err.toString());
    assertEquals(2, execute("validate-config", "--set", "service.embedded.faults.errorRate=.inf"));
    assertTrue(err.toString().contains("service.embedded.faults.errorRate: Infinity must be finite"), err.toString());
    assertEquals(2, execute("validate-config", "--set", "search.scaleBound=-.inf"));
    assertTrue(err.toString().contains("search.scaleBound: -Infinity must be finite"), err.toString());
  }

  @Test
  void aSigmaWiderThanItsRangeIsRefusedBeforeAnyCall() {
    assertEquals(2, execute("validate-config", "--set", "search.stage1.sigma=1e308"));
    assertTrue(err.toString().contains("search.stage1.sigma: 1.0E308 must be <= 1, the width of alpha's"
        + " range [0, 1]"), err.toString());
  }

  @Test
  void aNegativeStopAfterGenerationsExitsWithTwo() {
    assertEquals(2, execute("run", "--stop-after-generations=-1"));
    assertTrue(err.toString().startsWith("error: --stop-after-generations: -1 must be >= 1"), err.toString());
  }

  @Test
  void aRemoteServiceWithoutItsApiKeyExitsWithTwoNamingTheKey() {
    assertEquals(2, execute("run", "--set", "service.url=http://127.0.0.1:9",
        "--set", "service.apiKey.env=EVOMERGE_TEST_KEY_THAT_IS_NEVER_SET"));
    assertTrue(err.toString().startsWith("error: configuration: service.apiKey: no API key found"), err.toString());
  }

  @Test
  void aMissingAdapterRepositoryExitsWithTwoNamingIt() {
    assertEquals(2, execute("run", "--set", "service.embedded.repository=" + dir.resolve("no-repository")));
    assertTrue(err.toString().contains("service.embedded.repository: not a usable adapter repository"), err.toString());
  }

  @Test
  void badInputFilesAreUsageErrorsWhereverTheyAreFound() {
    var bad = new io.evomerge.data.DataFileException(
        List.of(new io.evomerge.data.DataProblem("x.jsonl", 3, "output 'maybe' is not an option")), false);
    assertTrue(ExitCodes.isUsage(new IllegalStateException("run failed", bad)));
    assertTrue(ExitCodes.isUsage(new io.evomerge.adapter.MalformedFileException("repo/a", "no config")));
    assertFalse(ExitCodes.isUsage(new IllegalStateException("service unreachable")));
  }

  /** A subcommand whose run fails, as a later `run` may. */
  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("service unreachable",
          new java.net.ConnectException("connection refused"));
    }
  }

  private int execute(String... args) {
    return execute(EvoMergeCommand.commandLine(Map.of()), args);
  }

  private int execute(CommandLine commandLine, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    int code = commandLine.execute(args);
    assertFalse(err.toString().contains("\u001b["), "no ANSI colours");
    return code;
  }

  private Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }
}
