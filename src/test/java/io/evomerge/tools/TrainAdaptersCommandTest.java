package io.evomerge.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.adapter.AdapterRepository;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code train-adapters} end to end on a tiny tasks folder with the real encoder. */
class TrainAdaptersCommandTest {

  @TempDir Path dir;

  private static final String[] GOOD = {"wonderful", "superb", "charming", "lovely"};
  private static final String[] BAD = {"awful", "boring", "dull", "clumsy"};

  private static List<Example> split(String task, String split, boolean inverted, int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      boolean good = random.nextBoolean();
      String word = (good ? GOOD : BAD)[random.nextInt(GOOD.length)];
      out.add(new Example(task + "-" + split + "-" + i, "Label it.", "The show was " + word + ".",
          good ^ inverted ? "yes" : "no", List.of("yes", "no")));
    }
    return out;
  }

  private Path tasks() throws Exception {
    Path tasks = dir.resolve("tasks");
    List<TaskInfo> infos = new ArrayList<>();
    String[][] specs = {{"likes", "source", "train", "dev"}, {"likes-inverted", "source", "train", "dev"},
        {"target-likes", "target", "dev", "test"}};
    long seed = 1;
    for (String[] spec : specs) {
      Map<String, Integer> sizes = new LinkedHashMap<>();
      for (String split : List.of(spec[2], spec[3])) {
        List<Example> examples = split(spec[0], split, spec[0].endsWith("inverted"), 40, seed++);
        Files.createDirectories(tasks.resolve(spec[0]));
        try (OutputStream out = Files.newOutputStream(tasks.resolve(spec[0]).resolve(split + ".jsonl"))) {
          ExampleWriter.write(examples, out);
        }
        sizes.put(split, examples.size());
      }
      infos.add(new TaskInfo(spec[0], "likes", spec[1], spec[0].endsWith("inverted") ? "inverted" : "clean",
          "tiny " + spec[0], "Label it.", List.of("yes", "no"), sizes,
          spec[1].equals("target") ? Map.of("helpful", List.of("likes"), "subtract", List.of("likes-inverted")) : Map.of()));
    }
    Files.createDirectories(tasks);
    new TaskManifest(1, "test", "", infos).write(tasks);
    return tasks;
  }

  private int run(Path tasks, Path out, StringWriter stdout) {
    CommandLine cli = new CommandLine(new TrainAdaptersCommand());
    cli.setOut(new PrintWriter(stdout));
    cli.setErr(new PrintWriter(stdout));
    return cli.execute("--tasks", tasks.toString(), "--out", out.toString(), "--epochs", "3", "--seed", "5");
  }

  @Test
  void writesTheRepositoryAndItsSummariesReproducibly() throws Exception {
    Path tasks = tasks();
    StringWriter stdout = new StringWriter();
    assertEquals(0, run(tasks, dir.resolve("one"), stdout), stdout.toString());
    Map<String, byte[]> first = new LinkedHashMap<>();
    List<String> files = List.of("likes/adapter_model.safetensors", "likes/adapter_config.json",
        "likes-inverted/adapter_model.safetensors", "training-summary.json", "training-summary.md", "SUMMARY.md");
    for (String file : files) {
      first.put(file, Files.readAllBytes(dir.resolve("one").resolve(file)));
      Files.delete(dir.resolve("one").resolve(file));
    }
    assertEquals(0, run(tasks, dir.resolve("one"), new StringWriter()));

    AdapterRepository repository = AdapterRepository.load(dir.resolve("one"));
    assertEquals(List.of("likes", "likes-inverted"), repository.adapters().stream().map(a -> a.id()).toList());
    assertEquals(8, repository.rank());
    assertTrue(stdout.toString().contains("wrote 2 adapters"), stdout.toString());
    for (String file : files) {
      assertArrayEquals(first.get(file), Files.readAllBytes(dir.resolve("one").resolve(file)), file);
    }
    String summary = Files.readString(dir.resolve("one/SUMMARY.md"));
    assertTrue(summary.contains("| target-likes |"), summary);
  }

  @Test
  void aMissingManifestFailsWithExitCodeOneNamingIt() {
    StringWriter out = new StringWriter();
    assertEquals(1, run(dir.resolve("nowhere"), dir.resolve("repo"), out));
    assertTrue(out.toString().contains("tasks.json"), out.toString());
  }
}
