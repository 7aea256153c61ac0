package io.evomerge.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evomerge.adapter.AdapterRepository;
import io.evomerge.adapter.LoraAdapter;
import io.evomerge.data.Example;
import io.evomerge.data.ExampleWriter;
import io.evomerge.data.TaskInfo;
import io.evomerge.data.TaskManifest;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code generate-repository} end to end on a tiny tasks folder with the real encoder. */
class GenerateRepositoryCommandTest {

  @TempDir Path dir;

  private static final String[] GOOD = {"wonderful", "superb", "charming", "lovely"};
  private static final String[] BAD = {"awful", "boring", "dull", "clumsy"};
  private static final String[] PLACES = {"beach", "office", "kitchen"};

  private static List<Example> split(String task, String split, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = task + "-" + split + "-" + i;
      if (task.equals("places")) {
        String place = PLACES[random.nextInt(PLACES.length)];
        out.add(new Example(id, "Where is it?", "We met at the " + place + ".", place, List.of(PLACES)));
      } else {
        boolean good = random.nextBoolean();
        String word = (good ? GOOD : BAD)[random.nextInt(GOOD.length)];
        out.add(new Example(id, "Label it.", "The " + task + " was " + word + ".", good ? "yes" : "no",
            List.of("yes", "no")));
      }
    }
    return out;
  }

  private Path tasks() throws Exception {
    Path tasks = dir.resolve("tasks");
    List<TaskInfo> infos = new ArrayList<>();
    long seed = 1;
    for (String id : List.of("show", "meal", "places", "target-show")) {
      boolean target = id.startsWith("target");
      Map<String, Integer> sizes = new LinkedHashMap<>();
      for (String split : target ? List.of("dev", "test") : List.of("train", "dev")) {
        List<Example> examples = split(id, split, 24, seed++);
        Files.createDirectories(tasks.resolve(id));
        try (OutputStream out = Files.newOutputStream(tasks.resolve(id).resolve(split + ".jsonl"))) {
          ExampleWriter.write(examples, out);
        }
        sizes.put(split, examples.size());
      }
      infos.add(new TaskInfo(id, id, target ? "target" : "source", "clean", "tiny " + id, "Label it.",
          id.equals("places") ? List.of(PLACES) : List.of("yes", "no"), sizes, Map.of()));
    }
    new TaskManifest(1, "test", "", infos).write(tasks);
    return tasks;
  }

  private static int run(Path tasks, Path out, int threads, StringWriter stdout) {
    CommandLine cli = new CommandLine(new GenerateRepositoryCommand());
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stdout));
    return cli.execute("--tasks", tasks.toString(), "--out", out.toString(), "--count", "12", "--epochs", "3",
        "--max-examples", "20", "--seed", "5", "--threads", String.valueOf(threads));
  }

  private static Map<String, byte[]> files(Path root) throws Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
        out.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  @Test
  void makesTrainedAdaptersOfEveryKindInThePeftLayoutIdenticallyOnOneOrTwoThreads() throws Exception {
    Path tasks = tasks();
    StringWriter stdout = new StringWriter();
    assertEquals(0, run(tasks, dir.resolve("one"), 1, stdout), stdout.toString());
    assertEquals(0, run(tasks, dir.resolve("two"), 2, new StringWriter()));
    assertTrue(stdout.toString().contains("wrote 12 adapters"), stdout.toString());

    Map<String, byte[]> one = files(dir.resolve("one"));
    Map<String, byte[]> two = files(dir.resolve("two"));
    assertEquals(one.keySet(), two.keySet());
    one.forEach((file, bytes) -> assertArrayEquals(bytes, two.get(file), file));
    assertEquals(12 * 2 + 1, one.size(), "two PEFT files per adapter and the summary");

    AdapterRepository repository = AdapterRepository.load(dir.resolve("one"));
    List<String> ids = repository.adapters().stream().map(LoraAdapter::id).toList();
    assertEquals(List.of("v0000-full-show", "v0001-full-meal", "v0002-full-places"), ids.subList(0, 3));
    for (String kind : List.of("-bootstrap-", "-mix-", "-permuted-", "-random-")) {
      assertTrue(ids.stream().anyMatch(id -> id.contains(kind)), kind + " in " + ids);
    }
    assertTrue(ids.stream().anyMatch(id -> id.contains("-x-")), "a mixture names both tasks: " + ids);
    for (LoraAdapter adapter : repository.adapters()) {
      assertTrue(adapter.task().contains("(seed "), adapter.task());
      float max = 0;
      for (float b : adapter.b()) {
        max = Math.max(max, Math.abs(b));
      }
      assertTrue(max > 0, adapter.id() + " was trained: B moved away from its zero initialisation");
    }
    JsonNode config = new ObjectMapper().readTree(dir.resolve("one").resolve(ids.get(5)).resolve("adapter_config.json").toFile());
    assertEquals("LORA", config.get("peft_type").asText());
    assertEquals(8, config.get("r").asInt());
    JsonNode summary = new ObjectMapper().readTree(dir.resolve("one").resolve("generation-summary.json").toFile());
    assertEquals(12, summary.get("adapters").size());
    assertEquals(20, summary.get("adapters").get(0).get("trainSize").asInt(), "--max-examples cuts each split");
    assertEquals(10, summary.get("adapters").get(3).get("trainSize").asInt(), "a bootstrap draws half");
  }

  @Test
  void aMissingManifestFailsWithExitCodeOneNamingIt() {
    StringWriter out = new StringWriter();
    assertEquals(1, run(dir.resolve("nowhere"), dir.resolve("repo"), 1, out));
    assertTrue(out.toString().contains("tasks.json"), out.toString());
  }
}
