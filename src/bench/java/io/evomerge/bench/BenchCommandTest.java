package io.evomerge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench --smoke} as a smoke test of the harness: it runs every section end to end with the
 * smallest budgets (real service on loopback, local[2] Spark, the real encoder, the sample repository) and
 * writes both documents. Numbers are checked to exist and be finite, never against a time.
 */
class BenchCommandTest {

  @TempDir
  Path temp;

  @Test
  void quickBenchWritesBothDocumentsWithEverySectionAndEveryMethodRow() throws Exception {
    Path out = temp.resolve("docs");
    StringWriter stdout = new StringWriter();
    CommandLine commandLine = BenchCommand.commandLine();
    commandLine.setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(new StringWriter(), true));
    int code = commandLine.execute("--smoke", "--out", out.toString(), "--work", temp.resolve("work").toString(),
        "--datasets", temp.resolve("no-datasets").toString());
    assertEquals(0, code, stdout.toString());

    String markdown = Files.readString(out.resolve("BENCHMARKS.md"));
    for (String heading : new String[] {"## 1. Throughput", "## 2. Driver cost", "### Optimizer", "## 3. The comparison",
        "### Suite A", "### Suite B", "#### target-sentiment-games"}) {
      assertTrue(markdown.contains(heading), "missing " + heading);
    }
    for (String method : ComparisonBench.METHODS) {
      assertTrue(markdown.contains("| " + method + " |") || markdown.contains("| **" + method + "** |"),
          "no row for " + method);
    }
    assertTrue(markdown.contains("**Headline: warm-scaling (ours) "), "the headline against LoraHub");
    JsonNode json = new ObjectMapper().readTree(out.resolve("benchmarks.json").toFile());
    assertEquals("smoke", json.get("plan").asText());
    finite(json.at("/throughput/rows/0/efficiency"));
    finite(json.at("/throughput/sequential/msPerGeneration"));
    finite(json.at("/throughput/speedupDefault"));
    finite(json.at("/driver/cached/scheduling"));
    finite(json.at("/driver/cached/checkpoint"));
    finite(json.at("/driver/shipped/scheduling"));
    finite(json.at("/optimizer/rows/0/msPerGeneration"));
    JsonNode suiteA = json.at("/suites/0");
    assertEquals(ComparisonBench.METHODS.size(), suiteA.get("average").size());
    for (JsonNode row : suiteA.get("average")) {
      finite(row.at("/accuracy/mean"));
      finite(row.at("/macroF1/mean"));
      finite(row.at("/fitnessLoss/mean"));
      assertTrue(row.at("/apiCalls/mean").asDouble() > 0, row.toString());
    }
    assertTrue(json.at("/suites/1/skipped").asText().startsWith("not part of"), json.at("/suites/1").toString());

    Files.delete(out.resolve("BENCHMARKS.md"));
    assertEquals(0, commandLine.execute("--render", "--out", out.toString()));
    assertEquals(markdown, Files.readString(out.resolve("BENCHMARKS.md")), "rendered again from the JSON alone");
  }

  @Test
  void someSectionsWriteTheirOwnDocumentsAndLeaveTheWholeRunsDocumentsAlone() throws Exception {
    Path out = temp.resolve("docs");
    Files.createDirectories(out);
    Files.writeString(out.resolve("BENCHMARKS.md"), "the whole run's report\n");
    StringWriter stdout = new StringWriter();
    CommandLine commandLine = BenchCommand.commandLine();
    commandLine.setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(new StringWriter(), true));
    int code = commandLine.execute("--smoke", "--only", "optimizer", "--out", out.toString(), "--work",
        temp.resolve("work").toString());
    assertEquals(0, code, stdout.toString());

    assertEquals("the whole run's report\n", Files.readString(out.resolve("BENCHMARKS.md")));
    assertTrue(!Files.exists(out.resolve("benchmarks.json")), "the whole run's JSON is not written");
    String markdown = Files.readString(out.resolve("BENCHMARKS-optimizer.md"));
    assertTrue(markdown.contains("| 20 | full | evomerge |"), "the optimizer's rows: " + markdown);
    assertTrue(markdown.contains("## 1. Throughput against the physical limit\n\n_Not run._"), markdown);
    assertTrue(markdown.contains("The raw numbers are in `benchmarks-optimizer.json`"), markdown);
    assertTrue(Files.exists(out.resolve("benchmarks-optimizer.json")));
    assertTrue(stdout.toString().contains("see " + out.resolve("BENCHMARKS-optimizer.md")), stdout.toString());
  }

  @Test
  void theWholeReportIsWrittenWhenEverySectionOfItIsNamedAndSomeSectionsNameTheirOwnFiles() {
    assertEquals(Path.of("docs/BENCHMARKS.md"), inputs(Set.of()).markdownFile());
    assertEquals(Path.of("docs/BENCHMARKS.md"),
        inputs(Set.of("throughput", "driver", "optimizer", "comparison")).markdownFile());
    assertEquals(Path.of("docs/BENCHMARKS-driver-optimizer.md"),
        inputs(Set.of("optimizer", "massive", "driver")).markdownFile());
    assertEquals(Path.of("docs/benchmarks-driver.json"), inputs(Set.of("driver")).jsonFile());
  }

  private static Benchmarks.Inputs inputs(Set<String> only) {
    return new Benchmarks.Inputs(Path.of("docs"), Path.of("work"), Path.of("repository"), Path.of("tasks"),
        Path.of("datasets"), "submit/evomerge bench", only);
  }

  @Test
  void methodsMeasuresOnlyThoseMethodsInProcessAndWritesTheComparisonWithItsHeadline() throws Exception {
    Path out = temp.resolve("docs");
    StringWriter stdout = new StringWriter();
    CommandLine commandLine = BenchCommand.commandLine();
    commandLine.setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(new StringWriter(), true));
    int code = commandLine.execute("--smoke", "--methods", "warm-scaling,lorahub", "--suites", "A", "--out",
        out.toString(), "--work", temp.resolve("work").toString());
    assertEquals(0, code, stdout.toString());

    String markdown = Files.readString(out.resolve(BenchCommand.COMPARISON_FILE));
    assertTrue(markdown.contains("`submit/evomerge bench --smoke --out " + out + " --methods warm-scaling,lorahub"
        + " --suites A`"), "the command that made it");
    assertTrue(markdown.contains("**Headline: warm-scaling (ours) "), markdown);
    assertTrue(markdown.contains("| lorahub | black-box |"), markdown);
    assertTrue(markdown.contains("| **warm-scaling** | black-box |"), markdown);
    assertTrue(!markdown.contains("| evo-merging ") && !markdown.contains("### Suite B"), "only what was asked for");
    assertTrue(!Files.exists(out.resolve("BENCHMARKS.md")), "the whole benchmark did not run");
  }

  @Test
  void methodsWithARuleWriteTheirOwnFileWithWhatTheRuleIsWorth() throws Exception {
    Path out = temp.resolve("docs");
    StringWriter stdout = new StringWriter();
    CommandLine commandLine = BenchCommand.commandLine();
    commandLine.setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(new StringWriter(), true));
    int code = commandLine.execute("--smoke", "--methods", "lorahub,lorahub@concat", "--suites", "A", "--out",
        out.toString(), "--work", temp.resolve("work").toString());
    assertEquals(0, code, stdout.toString());

    String markdown = Files.readString(out.resolve(BenchCommand.RULES_FILE));
    assertTrue(markdown.contains("| lorahub@concat | black-box |"), markdown);
    assertTrue(markdown.contains("**Headline, rules and screening on suite A**"), markdown);
    assertTrue(markdown.contains("- lorahub@concat against lorahub: "), markdown);
    assertTrue(!markdown.contains("Evo-Merging had"), "no word on Evo-Merging where it is no row");
    assertTrue(!Files.exists(out.resolve(BenchCommand.COMPARISON_FILE)), "the comparison is left as it is");
  }

  private static void finite(JsonNode node) {
    assertTrue(node.isNumber() && Double.isFinite(node.asDouble()), "not a finite number: " + node);
  }
}
