package io.evomerge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.evomerge.config.ServiceConfig;
import io.evomerge.config.TestConfigs;
import io.evomerge.protocol.ApiKey;
import io.evomerge.protocol.LimitsResponse;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/limits}, which the job asks before its first evaluate call. */
class LimitsCallTest {

  @Test
  void theClientReadsTheServicesLimitsWithItsKey() throws Exception {
    AtomicReference<String> auth = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/limits", exchange -> {
      auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = ("{\"max_body_bytes\": 8388608, \"max_examples_per_call\": 256, "
          + "\"max_options_per_example\": 16, \"max_text_chars\": 20000, \"beta_bound\": 10.0}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      MergeClient.registerKey(url, ApiKey.of("limits-key"));

      LimitsResponse limits = MergeClient.of(ServiceConfig.defaults().withUrl(url)).limits();

      assertEquals(new LimitsResponse(8_388_608, 256, 16, 20_000, 10.0), limits);
      assertEquals("Bearer limits-key", auth.get());
      MergeClient bmm = MergeClient.of(TestConfigs.bmm(url, "d"));
      assertThrows(UnsupportedOperationException.class, bmm::limits);
    } finally {
      server.stop(0);
    }
  }
}
