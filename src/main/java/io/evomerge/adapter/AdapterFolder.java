package io.evomerge.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one adapter folder in the PEFT layout. Tensor keys follow PEFT's naming for a
 * module called {@code bilinear}: {@value #KEY_A} and {@value #KEY_B}. Stateless, thread-safe.
 */
final class AdapterFolder {

  public static final String CONFIG = "adapter_config.json";
  public static final String WEIGHTS = "adapter_model.safetensors";
  public static final String MODULE = "bilinear";
  public static final String KEY_A = "base_model.model.bilinear.lora_A.weight";
  public static final String KEY_B = "base_model.model.bilinear.lora_B.weight";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AdapterFolder() {}

  public record Loaded(LoraAdapter adapter, String baseModel) {}

  public static Loaded read(Path folder) throws IOException {
    Path configFile = folder.resolve(CONFIG);
    Path weightsFile = folder.resolve(WEIGHTS);
    requireFile(configFile);
    requireFile(weightsFile);
    Config config = readConfig(configFile);
    Safetensors weights = Safetensors.read(weightsFile);
    String where = weightsFile.toString();
    Tensor a = weights.tensor(KEY_A).orElseThrow(() -> missing(where, KEY_A));
    Tensor b = weights.tensor(KEY_B).orElseThrow(() -> missing(where, KEY_B));
    int[] shapeA = a.shape();
    int[] shapeB = b.shape();
    if (shapeA.length != 2 || shapeB.length != 2 || shapeA[0] != config.rank
        || shapeB[1] != config.rank || shapeA[1] != shapeB[0]) {
      throw new MalformedFileException(where, "LoRA shapes A " + Arrays.toString(shapeA) + " and B "
          + Arrays.toString(shapeB) + " do not fit r = " + config.rank + " of " + configFile
          + " (expected A [r, d] and B [d, r])");
    }
    String id = folder.getFileName().toString();
    try {
      LoraAdapter adapter = new LoraAdapter(id, config.task, config.rank, config.loraAlpha, shapeA[1],
          a.toFloats(), b.toFloats());
      return new Loaded(adapter, config.baseModel);
    } catch (IllegalArgumentException e) {
      throw new MalformedFileException(where, e.getMessage(), e);
    }
  }

  private record Config(int rank, double loraAlpha, String baseModel, String task) {}

  private static Config readConfig(Path file) throws IOException {
    String where = file.toString();
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new MalformedFileException(where, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedFileException(where, "must hold a JSON object");
    }
    String peftType = text(root, "peft_type", where);
    if (!peftType.equals("LORA")) {
      throw new MalformedFileException(where, "peft_type is '" + peftType + "', expected 'LORA'");
    }
    JsonNode r = root.get("r");
    if (r == null || !r.isIntegralNumber() || r.intValue() <= 0) {
      throw new MalformedFileException(where, "'r' must be a positive integer, got " + r);
    }
    JsonNode alpha = root.get("lora_alpha");
    if (alpha == null || !alpha.isNumber() || !(alpha.doubleValue() > 0)) {
      throw new MalformedFileException(where, "'lora_alpha' must be a positive number, got " + alpha);
    }
    checkTargets(root.get("target_modules"), where);
    JsonNode task = root.get("task");
    return new Config(r.intValue(), alpha.doubleValue(), text(root, "base_model_name_or_path", where),
        task == null || task.isNull() ? "" : task.asText());
  }

  private static void checkTargets(JsonNode targets, String where) throws MalformedFileException {
    boolean ok = targets != null && (targets.isTextual() && targets.asText().equals(MODULE)
        || targets.isArray() && targets.size() == 1 && MODULE.equals(targets.get(0).asText()));
    if (!ok) {
      throw new MalformedFileException(where, "'target_modules' must be [\"" + MODULE + "\"], got " + targets);
    }
  }

  private static String text(JsonNode root, String key, String where) throws MalformedFileException {
    JsonNode v = root.get(key);
    if (v == null || !v.isTextual()) {
      throw new MalformedFileException(where, "'" + key + "' must be a string, got " + v);
    }
    return v.textValue();
  }

  private static MalformedFileException missing(String where, String key) {
    return new MalformedFileException(where, "has no tensor '" + key + "'");
  }

  private static void requireFile(Path file) throws NoSuchFileException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "adapter folder lacks " + file.getFileName());
    }
  }
}
