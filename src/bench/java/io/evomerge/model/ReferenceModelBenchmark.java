package io.evomerge.model;

import io.evomerge.adapter.AdapterRepository;
import io.evomerge.adapter.LoraAdapter;
import io.evomerge.data.Example;
import io.evomerge.merge.ControlVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints the median latency of a warm 15-example {@code evaluate} on the repository in
 * {@code data/repository} (or 20 random rank-8 adapters when it is absent): once with a new
 * control vector every call (a merge per call, as during a search) and once repeating one vector.
 * Excluded from the default test run; run it with
 * {@code java -cp target/classes:target/test-classes:$(cat target/local-classpath.txt)
 * io.evomerge.model.ReferenceModelBenchmark}.
 */
@Tag("benchmark")
class ReferenceModelBenchmark {

  private static final int CALLS = 300;

  @Test
  void printsMedianEvaluateLatency() throws Exception {
    main(new String[0]);
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "data/repository");
    AdapterRepository repository = Files.isDirectory(dir) ? AdapterRepository.load(dir) : random(20);
    ReferenceModel model = ReferenceModel.of(repository);
    List<Example> examples = examples(15);
    SplittableRandom random = new SplittableRandom(1);
    int n = repository.size();
    model.evaluate(ControlVectors.uniform(n), examples);
    for (int i = 0; i < 50; i++) {
      model.evaluate(vectors(n, random), examples);
    }
    double fresh = median(model, examples, () -> vectors(n, random));
    ControlVectors fixed = ControlVectors.uniform(n);
    double cached = median(model, examples, () -> fixed);
    System.out.printf("ReferenceModel.evaluate, 15 examples, %d adapters (%s), warm encoder cache:%n"
        + "  median %.3f ms with a new merge per call, %.3f ms with the merge cached (%d calls each)%n",
        n, Files.isDirectory(dir) ? dir : "random", fresh, cached, CALLS);
  }

  private static double median(ReferenceModel model, List<Example> examples,
      java.util.function.Supplier<ControlVectors> next) {
    double[] ms = new double[CALLS];
    for (int i = 0; i < CALLS; i++) {
      ControlVectors v = next.get();
      long start = System.nanoTime();
      model.evaluate(v, examples);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return ms[CALLS / 2];
  }

  private static ControlVectors vectors(int n, SplittableRandom random) {
    double[] alpha = new double[n];
    double[] beta = new double[n];
    for (int i = 0; i < n; i++) {
      alpha[i] = random.nextDouble();
      beta[i] = random.nextDouble(-1.5, 1.5);
    }
    return ControlVectors.of(alpha, beta);
  }

  private static List<Example> examples(int count) {
    String[] subjects = {"The service", "This phone", "The movie", "Our hotel room", "The soup"};
    String[] verdicts = {"was great", "broke after a day", "made me laugh", "smelled awful", "was fine"};
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new Example("b" + i, "Is the review positive or negative?",
          subjects[i % 5] + " " + verdicts[(i / 5 + i) % 5] + ".", "positive", List.of("positive", "negative")));
    }
    return out;
  }

  private static AdapterRepository random(int n) {
    SplittableRandom random = new SplittableRandom(7);
    List<LoraAdapter> adapters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] a = new float[8 * 384];
      float[] b = new float[384 * 8];
      for (int k = 0; k < a.length; k++) {
        a[k] = (float) random.nextGaussian(0, 0.05);
        b[k] = (float) random.nextGaussian(0, 0.05);
      }
      adapters.add(new LoraAdapter(String.format("random-%02d", i), "", 8, 16, 384, a, b));
    }
    return new AdapterRepository(AdapterRepository.REFERENCE_BASE_MODEL, adapters);
  }
}
