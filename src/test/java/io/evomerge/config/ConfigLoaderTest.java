package io.evomerge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.evomerge.search.Method;
import io.evomerge.search.cmaes.Covariance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final Path SHIPPED = Path.of("conf/evomerge.yaml");

  @TempDir Path dir;

  @Test
  void theShippedFileResolvesToTheBuiltInDefaults() {
    // The file's relative data paths are read from its folder (conf/../data = data/): the same
    // files as the defaults' paths, which are read from the working directory (the repository).
    ObjectNode expected = ConfigLoader.toTree(EvoMergeConfig.defaults());
    for (String key : ConfigLoader.FILE_RELATIVE_KEYS) {
      String[] path = key.split("\\.");
      ObjectNode parent = (ObjectNode) expected.at("/" + String.join("/", List.of(path).subList(0, path.length - 1)));
      parent.put(path[path.length - 1], Path.of(parent.get(path[path.length - 1]).asText()).toAbsolutePath().toString());
    }
    assertEquals(expected, ConfigLoader.toTree(ConfigLoader.load(SHIPPED, List.of())));
  }

  @Test
  void theShippedFileSpellsOutEveryKeyThereIs() throws IOException {
    JsonNode shipped = new YAMLMapper().readTree(SHIPPED.toFile());
    JsonNode defaults = ConfigLoader.toTree(EvoMergeConfig.defaults());
    assertEquals(leaves(defaults, ""), leaves(shipped, ""));
  }

  @Test
  void theDefaultsAreThePapersRelease() {
    EvoMergeConfig c = EvoMergeConfig.defaults();
    assertEquals(42L, c.search().seed());
    assertEquals(Method.EVO_MERGING, c.search().method());
    assertEquals(400, c.search().stage1().budget());
    assertEquals(800, c.search().stage2().budget());
    assertEquals(0.05, c.search().stage2().penalty());
    assertEquals(1.5, c.search().scaleBound());
    assertEquals(15, c.data().shardSize());
    assertEquals(300, c.data().maxFitnessExamples());
    assertEquals(15, c.service().bmm().batchSize());
    assertEquals(20, c.service().bmm().evaluationBatches());
  }

  @Test
  void aMissingKeyKeepsItsDefaultAndAGivenOneWins() {
    EvoMergeConfig c = parse("search:\n  stage1:\n    popSize: 10\nspark:\n  partitions: 8\n");
    assertEquals(10, c.search().stage1().popSize());
    assertEquals(400, c.search().stage1().budget());
    assertEquals(20, c.search().stage2().popSize());
    assertEquals(8, c.spark().partitions());
    assertEquals("embedded", c.service().url());
  }

  @Test
  void anEmptyFileIsTheDefaults() {
    assertEquals(EvoMergeConfig.defaults(), parse(""));
  }

  @Test
  void aBrokenValueIsReportedWithTheFileTheKeyPathTheValueAndTheRule() throws IOException {
    Path file = write("search:\n  scaleBound: -1\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of()));
    assertEquals(file + ": search.scaleBound: -1 must be > 0", e.getMessage());
    assertEquals("search.scaleBound", e.keyPath());
    assertEquals(file.toString(), e.source());
  }

  @Test
  void aRuleAcrossTwoKeysNamesTheKeyInItsSection() {
    assertError("x.yaml: search.stage1.budget: 5 must be >= popSize (20)",
        "search:\n  stage1:\n    budget: 5\n");
    assertError("x.yaml: service.bmm.dataset: '' must name the data set when dialect is bmm",
        "service:\n  dialect: bmm\n");
  }

  @Test
  void aValueOfTheWrongTypeSaysWhatTypeIsExpected() {
    assertError("x.yaml: search.seed: 'abc' must be an integer", "search:\n  seed: abc\n");
    assertError("x.yaml: search.stage1.popSize: 2.5 must be an integer",
        "search:\n  stage1:\n    popSize: 2.5\n");
    assertError("x.yaml: output.checkpoint: 'maybe' must be true or false",
        "output:\n  checkpoint: maybe\n");
    assertError("x.yaml: service.retry: 5 must be a mapping with the keys maxElapsedMs, maxAttempts, "
        + "initialBackoffMs, maxBackoffMs, jitter", "service:\n  retry: 5\n");
  }

  @Test
  void theSelectionSectionBindsToSelectionSettingsAndNamesItsKeys() {
    EvoMergeConfig c = parse("selection:\n  topK: 5\n  pinned: [sentiment-movies]\n  keepFraction: 0.25\n");
    assertEquals(new SelectionSettings(5, List.of("sentiment-movies"), 2, 0.25), c.selection());
    assertTrue(c.selection().screens());
    assertFalse(EvoMergeConfig.defaults().selection().screens(), "every adapter, no screening, by default");
    assertError("x.yaml: selection.topK: -1 must be >= 0", "selection:\n  topK: -1\n");
    assertError("x.yaml: selection.initialShards: 0 must be >= 1", "selection:\n  initialShards: 0\n");
    assertEquals("selection.keepFraction", error("selection:\n  keepFraction: 1.0\n").keyPath());
    assertEquals("selection.pinned", error("selection:\n  pinned: [a, a]\n").keyPath());
  }

  @Test
  void anUnknownNameOfAMethodListsTheKnownOnes() {
    ConfigException e = error("search:\n  method: evomerging\n");
    assertEquals("search.method", e.keyPath());
    assertTrue(e.getMessage().contains("'evomerging' must be one of: evo-merging, lorahub"), e.getMessage());
    assertEquals("compare[1]", error("compare: [lorahub, nope]\n").keyPath());
  }

  @Test
  void methodsAndCovarianceAreReadByTheirConfigurationNames() {
    EvoMergeConfig c = parse("search:\n  method: without-sign-flip\n  covariance: separable\n"
        + "compare: [lorahub, best-single]\n");
    assertEquals(Method.WITHOUT_SIGN_FLIP, c.search().method());
    assertEquals(Covariance.SEPARABLE, c.search().covariance());
    assertEquals(List.of(Method.LORAHUB, Method.BEST_SINGLE), c.compare());
  }

  @Test
  void anUnknownKeyIsAnErrorThatSuggestsTheNearestKnownOne() {
    ConfigException e = error("search:\n  stage1:\n    popsize: 10\n");
    assertEquals("search.stage1.popsize", e.keyPath());
    assertTrue(e.getMessage().startsWith("x.yaml: search.stage1.popsize: unknown key, did you mean 'popSize'?"),
        e.getMessage());
    assertTrue(error("retries: 3\n").getMessage().contains("allowed here: search, compare, selection, service"));
  }

  @Test
  void invalidYamlNamesTheLine() {
    ConfigException e = error("search:\n  seed: 1\n  seed: 2\n");
    assertTrue(e.getMessage().startsWith("x.yaml: not valid YAML: line 3"), e.getMessage());
    assertTrue(error("search: [1\n").getMessage().contains("line 2"));
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, List.of()));
    assertEquals(missing + ": no such file", e.getMessage());
  }

  @Test
  void overridesApplyInOrderOverTheFile() throws IOException {
    Path file = write("search:\n  seed: 1\n");
    EvoMergeConfig c = ConfigLoader.load(file, List.of("search.seed=7", "search.seed=8",
        "compare=[uniform, lorahub]", "spark.master=local[2]", "service.url=http://127.0.0.1:8080/x",
        "search.stage2={popSize: 10, budget: 100}", "data.adapters=one"));
    assertEquals(8, c.search().seed());
    assertEquals(List.of(Method.UNIFORM, Method.LORAHUB), c.compare());
    assertEquals("local[2]", c.spark().master());
    assertEquals("http://127.0.0.1:8080/x", c.service().url());
    assertEquals(new io.evomerge.search.StageSettings(10, 0.05, 100, 0.05), c.search().stage2());
    assertEquals(List.of("one"), c.data().adapters());
  }

  @Test
  void anOverrideOfAnUnknownKeyNamesIt() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of("search.sed=7")));
    assertEquals("search.sed", e.keyPath());
    assertTrue(e.getMessage().startsWith("--set search.sed=7: search.sed: unknown key, did you mean 'seed'?"),
        e.getMessage());
  }

  @Test
  void aBadOverrideIsBlamedOnTheOverrideNotTheFile() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(SHIPPED, List.of("search.stage1.popSize=500")));
    assertEquals("--set search.stage1.popSize=500: search.stage1.budget: 400 must be >= popSize (500)",
        e.getMessage());
    assertEquals("--set search.seed=x: search.seed: 'x' must be an integer",
        assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of("search.seed=x"))).getMessage());
  }

  @Test
  void anOverrideMayRepairTheFileAndAFileErrorIsStillBlamedOnTheFile() throws IOException {
    Path file = write("search:\n  stage1:\n    popSize: 500\n");
    assertEquals(1000, ConfigLoader.load(file, List.of("search.stage1.budget=1000")).search().stage1().budget());
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(file, List.of("search.stage1.sigma=0.1")));
    assertEquals(file + ": search.stage1.budget: 400 must be >= popSize (500)", e.getMessage());
  }

  @Test
  void anOverrideWithoutAnEqualsSignShowsTheForm() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(List.of("search.seed")));
    assertEquals("--set search.seed: expected KEY=VALUE, for example --set search.seed=7", e.getMessage());
  }

  @Test
  void theResolvedYamlReadsBackToTheSameConfiguration() {
    EvoMergeConfig c = ConfigLoader.load(List.of("search.method=lorahub", "compare=[uniform]",
        "service.dialect=bmm", "service.bmm.dataset=games", "service.apiKey.file=/run/key",
        "data.adapters=[a, b]", "output.runId=r1", "service.embedded.faults.errorRate=0.25"));
    String yaml = ConfigLoader.toYaml(c);
    assertEquals(c, ConfigLoader.parse(yaml, "resolved", List.of()));
    assertTrue(yaml.contains("method: lorahub"), yaml);
    assertTrue(yaml.contains("dialect: bmm"), yaml);
  }

  @Test
  void theResolvedYamlHoldsWhereTheKeyIsReadNeverTheKey() throws IOException {
    Path keyFile = dir.resolve("key");
    Files.writeString(keyFile, "s3cr3t-value\n");
    EvoMergeConfig c = ConfigLoader.load(List.of("service.apiKey.file=" + keyFile));
    assertEquals("s3cr3t-value", c.service().apiKey().read(java.util.Map.of()).orElseThrow());
    assertFalse(ConfigLoader.toYaml(c).contains("s3cr3t"));
    assertTrue(ConfigLoader.toYaml(c).contains(keyFile.toString()));
  }

  @Test
  void comparedMethodsAreEveryOtherMethodUnlessListed() {
    EvoMergeConfig all = EvoMergeConfig.defaults();
    assertEquals(Method.values().length - 1, all.comparedMethods().size());
    assertFalse(all.comparedMethods().contains(Method.EVO_MERGING));
    EvoMergeConfig listed = ConfigLoader.load(List.of("search.method=lorahub", "compare=[lorahub, uniform]"));
    assertEquals(List.of(Method.UNIFORM), listed.comparedMethods());
    assertEquals(List.of(listed.search().method()), listed.methods(false), "without --compare, the searched method");
    assertEquals(List.of(listed.search().method(), Method.UNIFORM), listed.methods(true), "then the compared ones");
  }

  private EvoMergeConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "x.yaml", List.of());
  }

  private ConfigException error(String yaml) {
    return assertThrows(ConfigException.class, () -> parse(yaml));
  }

  private void assertError(String expected, String yaml) {
    assertEquals(expected, error(yaml).getMessage());
  }

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("x.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static List<String> leaves(JsonNode node, String path) {
    List<String> out = new ArrayList<>();
    if (!node.isObject()) {
      out.add(path);
      return out;
    }
    node.fields().forEachRemaining(e -> out.addAll(leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey())));
    return out;
  }
}
