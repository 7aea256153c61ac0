package io.evomerge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job jar that clusters get (target/evomerge-VERSION-job.jar, made by `mvn package`): small,
 * holding the driver, executor and client code with relocated libraries, and none of what only
 * the reference service uses, nor the benchmarks and tools (test code). Runs after `package`
 * (failsafe).
 */
class JobJarIT {

  private static final long MAX_BYTES = 30L * 1000 * 1000;

  private static Path jar;
  private static List<String> entries;

  @BeforeAll
  static void open() throws IOException {
    jar = Path.of(System.getProperty("evomerge.jobJar", "target/evomerge-0.1.0-SNAPSHOT-job.jar"));
    assertTrue(Files.isRegularFile(jar), jar + ": no such file; run mvn verify (or package)");
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void theJobJarIsAtMostThirtyMegabytes() throws IOException {
    long size = Files.size(jar);
    assertTrue(size <= MAX_BYTES, jar + " is " + size + " bytes, over " + MAX_BYTES);
  }

  @Test
  void theJobJarHoldsTheDriverTheExecutorAndTheClientWithRelocatedLibraries() {
    for (String needed : List.of("io/evomerge/cli/Main.class", "io/evomerge/shaded/okhttp3/OkHttpClient.class",
        "io/evomerge/shaded/jackson/databind/ObjectMapper.class", "io/evomerge/shaded/picocli/CommandLine.class")) {
      assertTrue(entries.contains(needed), "missing " + needed);
    }
    for (String pkg : List.of("job", "client", "search", "config", "protocol", "report")) {
      assertTrue(entries.stream().anyMatch(e -> e.startsWith("io/evomerge/" + pkg + "/") && e.endsWith(".class")),
          "no class of io.evomerge." + pkg);
    }
    assertEquals(List.of(), matching("^(okhttp3|okio|kotlin|picocli|com/fasterxml|org/yaml|dev/failsafe)/.*\\.class$"),
        "libraries that are not relocated would clash with the cluster's");
  }

  @Test
  void theJobJarHoldsNoOnnxRuntimeModelTokenizerPdfNativesBenchmarksOrTools() {
    assertEquals(List.of(), matching("^(ai/onnxruntime|ai/djl|dev/langchain4j|com/sun/jna|org/apache/pdfbox"
        + "|de/rototor|de/erichseifert|io/evomerge/bench|io/evomerge/train|io/evomerge/tools|io/evomerge/data/tasks)/.*"));
    assertEquals(List.of(), matching("^io/evomerge/data/(TaskGenerator|TaskManifest|Catalogue|Grammar|ExampleWriter).*"),
        "the task generator is a tool, not part of the product");
    assertEquals(List.of(), matching("(?i).*\\.(onnx|pdb|so|dll|dylib|jnilib)$"), "models and native libraries");
    assertEquals(List.of(), matching("(?i).*(tokenizer\\.json|onnxruntime).*"));
  }

  @Test
  void theJobJarRunsTheCommandLineWithoutTheServiceLibraries() throws Exception {
    Process help = new ProcessBuilder(java(), "-cp", jar.toString(), "io.evomerge.cli.Main", "--help")
        .redirectErrorStream(true).start();
    String out = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(help.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, help.exitValue(), out);
    assertTrue(out.contains("run "), out);
    assertTrue(!out.contains("bench "), "bench is no command of the product: " + out);

    Process validate = new ProcessBuilder(java(), "-cp", jar.toString(), "io.evomerge.cli.Main",
        "validate-config", "--config", "conf/evomerge.yaml").redirectErrorStream(true).start();
    String valid = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(validate.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, validate.exitValue(), valid);
  }

  private static List<String> matching(String regex) {
    Pattern pattern = Pattern.compile(regex);
    List<String> found = new ArrayList<>();
    for (String entry : entries) {
      if (pattern.matcher(entry).matches()) {
        found.add(entry);
      }
    }
    return found.size() > 20 ? found.subList(0, 20) : found;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
