package io.evomerge.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterRepositoryTest {

  @TempDir Path dir;

  static LoraAdapter adapter(String id, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] a = new float[4 * 6];
    float[] b = new float[6 * 4];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian();
      b[i] = (float) random.nextGaussian();
    }
    return new LoraAdapter(id, "task of " + id, 4, 8.0, 6, a, b);
  }

  @Test
  void aWrittenRepositoryLoadsBackEqualInFolderNameOrder() throws Exception {
    AdapterRepository written = new AdapterRepository("base", List.of(adapter("zeta", 1), adapter("Alpha", 2),
        adapter("beta-2", 3), adapter("beta-10", 4)));
    AdapterWriter.write(written, dir);
    Files.writeString(dir.resolve("training-summary.json"), "{}");
    Files.createDirectories(dir.resolve(".cache"));

    AdapterRepository loaded = AdapterRepository.load(dir);
    assertEquals(List.of("Alpha", "beta-10", "beta-2", "zeta"),
        loaded.adapters().stream().map(LoraAdapter::id).toList());
    assertEquals(written.adapter(0), loaded.adapter(3));
    assertEquals("base", loaded.baseModel());
    assertEquals(1, loaded.indexOf("beta-10"));
  }

  @Test
  void adapterFoldersUseThePeftLayout() throws Exception {
    AdapterWriter.write(new AdapterRepository("base", List.of(adapter("one", 1))), dir);
    JsonNode config = new ObjectMapper().readTree(dir.resolve("one/adapter_config.json").toFile());
    assertEquals("LORA", config.get("peft_type").asText());
    assertEquals(4, config.get("r").intValue());
    assertEquals(8.0, config.get("lora_alpha").doubleValue());
    assertEquals("[\"bilinear\"]", config.get("target_modules").toString());
    assertEquals("task of one", config.get("task").asText());
    Safetensors weights = Safetensors.read(dir.resolve("one/adapter_model.safetensors"));
    assertEquals(List.of(4, 6), toList(weights.tensor("base_model.model.bilinear.lora_A.weight").orElseThrow().shape()));
    assertEquals(List.of(6, 4), toList(weights.tensor("base_model.model.bilinear.lora_B.weight").orElseThrow().shape()));
    assertEquals(DType.F32, weights.tensors().values().iterator().next().dtype());
  }

  @Test
  void aMissingWeightsFileIsNamed() throws Exception {
    AdapterWriter.write(new AdapterRepository("base", List.of(adapter("one", 1))), dir);
    Files.delete(dir.resolve("one/adapter_model.safetensors"));
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> AdapterRepository.load(dir));
    assertTrue(e.getMessage().contains("one/adapter_model.safetensors"), e.getMessage());
  }

  @Test
  void aConfigWhoseRankDoesNotFitTheWeightsIsRejectedNamingTheFile() throws Exception {
    AdapterWriter.write(new AdapterRepository("base", List.of(adapter("one", 1))), dir);
    Path config = dir.resolve("one/adapter_config.json");
    Files.writeString(config, Files.readString(config).replace("\"r\" : 4", "\"r\" : 8"));
    MalformedFileException e = assertThrows(MalformedFileException.class, () -> AdapterRepository.load(dir));
    assertTrue(e.getMessage().contains("adapter_model.safetensors") && e.getMessage().contains("r = 8"),
        e.getMessage());
  }

  @Test
  void badConfigsAreRejectedWithTheKey() throws Exception {
    AdapterWriter.write(new AdapterRepository("base", List.of(adapter("one", 1))), dir);
    Path config = dir.resolve("one/adapter_config.json");
    String good = Files.readString(config);
    Files.writeString(config, good.replace("\"LORA\"", "\"IA3\""));
    assertRejected("peft_type is 'IA3'");
    Files.writeString(config, good.replace("\"lora_alpha\" : 8.0", "\"lora_alpha\" : \"x\""));
    assertRejected("'lora_alpha' must be a positive number");
    Files.writeString(config, good.replace("[ \"bilinear\" ]", "[ \"q_proj\" ]"));
    assertRejected("'target_modules' must be [\"bilinear\"]");
    Files.writeString(config, "{oops");
    assertRejected("not valid JSON");
  }

  @Test
  void adaptersOfDifferentRanksCannotShareARepository() throws Exception {
    LoraAdapter small = new LoraAdapter("small", "", 2, 8.0, 6, new float[12], new float[12]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AdapterRepository("base", List.of(adapter("one", 1), small)));
    assertTrue(e.getMessage().contains("small"), e.getMessage());
  }

  @Test
  void anEmptyFolderIsNotARepository() {
    assertThrows(MalformedFileException.class, () -> AdapterRepository.load(dir));
  }

  private void assertRejected(String expected) {
    MalformedFileException e = assertThrows(MalformedFileException.class, () -> AdapterRepository.load(dir));
    assertTrue(e.getMessage().contains("adapter_config.json") && e.getMessage().contains(expected),
        e.getMessage());
  }

  private static List<Integer> toList(int[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }

}
