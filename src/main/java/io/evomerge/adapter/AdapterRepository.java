package io.evomerge.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A repository of LoRA adapters of one base model, in the order of every control vector.
 *
 * <p>On disk a repository is a folder holding one sub-folder per adapter, in the PEFT layout
 * ({@code adapter_config.json} + {@code adapter_model.safetensors}); the sub-folder's name is the
 * adapter id; tensor keys follow PEFT's naming for a module called {@code bilinear}. {@link #load}
 * orders adapters by folder name (Java {@code String} order, i.e. by UTF-16 code unit), ignores
 * plain files (summaries, READMEs) and folders whose name starts with a dot. All adapters must
 * share rank, lora_alpha, dimension and base model, as the merge rule sums their A and B matrices.
 * Immutable and thread-safe.
 */
public record AdapterRepository(String baseModel, List<LoraAdapter> adapters) {

  public static final String REFERENCE_BASE_MODEL = "all-MiniLM-L6-v2+bilinear";
  static final String CONFIG = "adapter_config.json";
  static final String WEIGHTS = "adapter_model.safetensors";
  static final String MODULE = "bilinear";
  static final String KEY_A = "base_model.model.bilinear.lora_A.weight";
  static final String KEY_B = "base_model.model.bilinear.lora_B.weight";

  private static final ObjectMapper JSON = new ObjectMapper();

  public AdapterRepository {
    Objects.requireNonNull(baseModel, "baseModel");
    adapters = List.copyOf(adapters);
    if (adapters.isEmpty()) {
      throw new IllegalArgumentException("a repository needs at least one adapter");
    }
    checkCompatible(adapters);
  }

  public static AdapterRepository load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new FileNotFoundException(dir + ": adapter repository folder does not exist");
    }
    List<Path> folders;
    try (Stream<Path> children = Files.list(dir)) {
      folders = children.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString()))
          .toList();
    }
    if (folders.isEmpty()) {
      throw new MalformedFileException(dir.toString(), "holds no adapter folders");
    }
    List<LoraAdapter> adapters = new ArrayList<>();
    String base = null;
    for (Path folder : folders) {
      Loaded loaded = readFolder(folder);
      if (base != null && !base.equals(loaded.baseModel())) {
        throw new MalformedFileException(folder.resolve(CONFIG).toString(),
            "base_model_name_or_path '" + loaded.baseModel() + "' differs from '" + base
                + "' of the adapters before it");
      }
      base = loaded.baseModel();
      adapters.add(loaded.adapter());
    }
    try {
      return new AdapterRepository(base, adapters);
    } catch (IllegalArgumentException e) {
      throw new MalformedFileException(dir.toString(), e.getMessage(), e);
    }
  }

  public int size() {
    return adapters.size();
  }

  public LoraAdapter adapter(int i) {
    return adapters.get(i);
  }

  public int rank() {
    return adapters.get(0).rank();
  }

  public int dim() {
    return adapters.get(0).dim();
  }

  public int indexOf(String id) {
    for (int i = 0; i < adapters.size(); i++) {
      if (adapters.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static void checkCompatible(List<LoraAdapter> adapters) {
    LoraAdapter first = adapters.get(0);
    Set<String> ids = new HashSet<>();
    for (LoraAdapter a : adapters) {
      if (!ids.add(a.id())) {
        throw new IllegalArgumentException("adapter id '" + a.id() + "' appears twice");
      }
      if (a.rank() != first.rank() || a.dim() != first.dim()
          || Double.compare(a.loraAlpha(), first.loraAlpha()) != 0) {
        throw new IllegalArgumentException("adapter " + a.id() + " (rank " + a.rank() + ", lora_alpha "
            + a.loraAlpha() + ", dim " + a.dim() + ") does not match adapter " + first.id() + " (rank "
            + first.rank() + ", lora_alpha " + first.loraAlpha() + ", dim " + first.dim()
            + "): the merge rule needs one shape");
      }
    }
  }

  private record Loaded(LoraAdapter adapter, String baseModel) {}

  private static Loaded readFolder(Path folder) throws IOException {
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
