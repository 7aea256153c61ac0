package io.evomerge.job;

import io.evomerge.adapter.AdapterRepository;
import io.evomerge.adapter.LoraAdapter;
import io.evomerge.client.MergeClient;
import io.evomerge.config.ServiceConfig;
import io.evomerge.config.TestConfigs;
import io.evomerge.data.Example;
import io.evomerge.model.ReferenceModel;
import io.evomerge.protocol.ApiKey;
import io.evomerge.service.Fixtures;
import io.evomerge.service.MergeService;
import io.evomerge.service.ServiceSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The reference service on 127.0.0.1 over a small repository of seeded random adapters (the real
 * encoder and merge rule; the adapters are noise, which is all these tests need).
 */
final class LoopbackService implements AutoCloseable {

  static final ApiKey KEY = ApiKey.of("test-key-loopback");

  final MergeService service;
  final ServiceConfig client;

  private LoopbackService(MergeService service) {
    this.service = service;
    MergeClient.registerKey(service.baseUrl(), KEY);
    this.client = TestConfigs.service(service.baseUrl(), "maxInFlight=4");
  }

  static LoopbackService start(int adapters, long seed) throws IOException {
    ReferenceModel model = ReferenceModel.of(randomRepository(adapters, seed));
    ServiceSettings settings = Fixtures.settings(KEY);
    return new LoopbackService(MergeService.start(settings, model));
  }

  static AdapterRepository randomRepository(int adapters, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<LoraAdapter> list = new ArrayList<>();
    for (int i = 0; i < adapters; i++) {
      float[] a = new float[8 * 384];
      float[] b = new float[384 * 8];
      for (int k = 0; k < a.length; k++) {
        a[k] = (float) (random.nextGaussian() * 0.2);
        b[k] = (float) (random.nextGaussian() * 0.2);
      }
      list.add(new LoraAdapter("adapter-" + i, "random", 8, 16, 384, a, b));
    }
    return new AdapterRepository(AdapterRepository.REFERENCE_BASE_MODEL, list);
  }

  /** {@code n} two-option sentiment examples with ids e000, e001, ... */
  static List<Example> examples(int n) {
    List<Example> examples = new ArrayList<>();
    String[] texts = {"a wonderful, moving film", "dull and far too long", "I loved every minute",
        "a waste of an evening", "sharp writing and great acting", "the plot makes no sense"};
    for (int i = 0; i < n; i++) {
      String output = i % 2 == 0 ? "positive" : "negative";
      examples.add(new Example(String.format("e%03d", i), "Is the review positive or negative?",
          texts[i % texts.length], output, List.of("positive", "negative")));
    }
    return examples;
  }

  @Override
  public void close() {
    service.close();
  }
}
