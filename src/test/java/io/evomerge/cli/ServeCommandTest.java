package io.evomerge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve} refuses what it cannot serve with exit 2 and an error that names the key or option. */
class ServeCommandTest {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  @Test
  void aMissingKeyExitsWithTwoNamingWhereItLooked() {
    assertEquals(2, execute("serve", "--set", "service.apiKey.env=EVOMERGE_TEST_NO_SUCH_KEY"));
    assertTrue(err.toString().contains("service.apiKey"), err.toString());
    assertTrue(err.toString().contains("EVOMERGE_TEST_NO_SUCH_KEY"), err.toString());
  }

  @Test
  void aFolderThatIsNoRepositoryExitsWithTwoNamingTheOption() throws IOException {
    Path key = Files.writeString(dir.resolve("key"), "serve-test-key");
    assertEquals(2, execute("serve", "--set", "service.apiKey.file=" + key, "--repository", dir.resolve("none").toString()));
    assertTrue(err.toString().contains("--repository"), err.toString());
    assertTrue(err.toString().contains("not a usable adapter repository"), err.toString());
  }

  @Test
  void aPortOutOfRangeExitsWithTwo() throws IOException {
    Path key = Files.writeString(dir.resolve("key"), "serve-test-key");
    assertEquals(2, execute("serve", "--set", "service.apiKey.file=" + key, "--port", "70000"));
    assertTrue(err.toString().contains("--port"), err.toString());
  }

  private int execute(String... args) {
    CommandLine commandLine = EvoMergeCommand.commandLine(Map.of());
    commandLine.setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true));
    commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    return commandLine.execute(args);
  }
}
