package io.evomerge.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * adapter id. {@link #load} orders adapters by folder name (Java {@code String} order, i.e. by
 * UTF-16 code unit), ignores plain files (summaries, READMEs) and folders whose name starts with a
 * dot. All adapters must share rank, lora_alpha, dimension and base model, as the merge rule sums
 * their A and B matrices. Immutable and thread-safe.
 */
public record AdapterRepository(String baseModel, List<LoraAdapter> adapters) {

  public static final String REFERENCE_BASE_MODEL = "all-MiniLM-L6-v2+bilinear";

  public AdapterRepository {
    Objects.requireNonNull(baseModel, "baseModel");
    adapters = List.copyOf(adapters);
    if (adapters.isEmpty()) {
      throw new IllegalArgumentException("a repository needs at least one adapter");
    }
    checkCompatible(adapters);
  }

  public static AdapterRepository of(String baseModel, List<LoraAdapter> adapters) {
    return new AdapterRepository(baseModel, adapters);
  }

  public static AdapterRepository load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new java.io.FileNotFoundException(dir + ": adapter repository folder does not exist");
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
      AdapterFolder.Loaded loaded = AdapterFolder.read(folder);
      if (base != null && !base.equals(loaded.baseModel())) {
        throw new MalformedFileException(folder.resolve(AdapterFolder.CONFIG).toString(),
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
}
