package io.evomerge.service;

import io.evomerge.adapter.AdapterRepository;
import io.evomerge.adapter.LoraAdapter;
import io.evomerge.config.ServiceConfig;
import io.evomerge.client.MergeClient;
import io.evomerge.data.Example;
import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.EvaluateRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prints the median latency of a 15-example {@code /v1/evaluate} call through {@link MergeClient}
 * and the HTTP service on loopback, on a 20-adapter rank-8 repository with a warm encoder cache:
 * once with a new control vector every call (a merge per call, as during a search), once repeating
 * one vector (merge cached). Asserts nothing; excluded from the default run. Run it with
 * {@code java -cp target/classes:target/test-classes:$(cat target/local-classpath.txt)
 * io.evomerge.service.MergeServiceBenchmark}.
 */
@Tag("benchmark")
class MergeServiceBenchmark {

  private static final int CALLS = 300;

  @Test
  void printsMedianEvaluateLatencyOverHttp() throws IOException {
    main(new String[0]);
  }

  public static void main(String[] args) throws IOException {
    List<LoraAdapter> adapters = IntStream.range(0, 20).mapToObj(i -> adapter("a" + i, i)).toList();
    ReferenceModel model = ReferenceModel.of(new AdapterRepository(AdapterRepository.REFERENCE_BASE_MODEL, adapters));
    ApiKey key = ApiKey.of("bench");
    try (MergeService service = MergeService.start(Fixtures.settings(key), model)) {
      MergeClient client = registered(service.baseUrl(), key);
      List<Example> examples = Fixtures.examples("bench", 15);
      SplittableRandom random = new SplittableRandom(1);
      Supplier<EvaluateRequest> fresh = () -> EvaluateRequest.of(Fixtures.vectors(random, 20), examples);
      median(client, fresh);
      EvaluateRequest fixed = fresh.get();
      System.out.printf("POST /v1/evaluate over loopback HTTP, 15 examples, 20 rank-8 adapters, warm encoder cache:%n"
          + "  median %.3f ms with a new merge per call, %.3f ms with the merge cached (%d calls each)%n",
          median(client, fresh), median(client, () -> fixed), CALLS);
    }
  }

  private static double median(MergeClient client, Supplier<EvaluateRequest> next) {
    double[] ms = new double[CALLS];
    for (int i = 0; i < CALLS; i++) {
      EvaluateRequest request = next.get();
      long start = System.nanoTime();
      client.evaluate(request);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return ms[CALLS / 2];
  }

  static LoraAdapter adapter(String id, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] a = new float[8 * 384];
    float[] b = new float[384 * 8];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian(0, 0.05);
      b[i] = (float) random.nextGaussian(0, 0.05);
    }
    return new LoraAdapter(id, "random", 8, 16.0, 384, a, b);
  }

  private static MergeClient registered(String url, io.evomerge.protocol.ApiKey key) {
    MergeClient.registerKey(url, key);
    return MergeClient.of(ServiceConfig.defaults().withUrl(url));
  }
}
