package io.evomerge.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes adapter folders in the PEFT layout that {@link AdapterRepository#load} reads: one
 * sub-folder per adapter, named by its id. Used by the trainers, generators and tests; the product
 * only reads repositories. Stateless, thread-safe.
 */
public final class AdapterWriter {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AdapterWriter() {}

  /** Writes every adapter of {@code repository} into its own folder under {@code dir}. */
  public static void write(AdapterRepository repository, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (LoraAdapter adapter : repository.adapters()) {
      writeFolder(dir.resolve(adapter.id()), adapter, repository.baseModel());
    }
  }

  private static void writeFolder(Path folder, LoraAdapter adapter, String baseModel) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(AdapterRepository.CONFIG), configJson(adapter, baseModel) + "\n");
    Safetensors weights = new Safetensors(Map.of(
        AdapterRepository.KEY_A, SafetensorsWriter.f32(new int[] {adapter.rank(), adapter.dim()}, adapter.a()),
        AdapterRepository.KEY_B, SafetensorsWriter.f32(new int[] {adapter.dim(), adapter.rank()}, adapter.b())),
        Map.of("format", "pt"));
    SafetensorsWriter.write(weights, folder.resolve(AdapterRepository.WEIGHTS));
  }

  private static String configJson(LoraAdapter adapter, String baseModel) throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    root.put("peft_type", "LORA");
    root.put("task_type", "FEATURE_EXTRACTION");
    root.put("base_model_name_or_path", baseModel);
    root.put("r", adapter.rank());
    root.put("lora_alpha", adapter.loraAlpha());
    root.put("lora_dropout", 0.0);
    root.put("bias", "none");
    root.put("fan_in_fan_out", false);
    root.put("inference_mode", true);
    root.putArray("target_modules").add(AdapterRepository.MODULE);
    root.put("task", adapter.task());
    return JSON.writeValueAsString(root);
  }
}
