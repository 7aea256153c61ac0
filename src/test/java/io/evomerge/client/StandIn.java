package io.evomerge.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.evomerge.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The stand-in of the paper's release ({@code src/test/python/bmm_standin.py}, Python standard
 * library only) as a real process on 127.0.0.1: HTTP/1.0 closing every connection, or HTTP/1.1
 * closing idle connections after a while. Skips the calling test when there is no
 * {@code python3}.
 */
public final class StandIn implements AutoCloseable {

  public static final Path SCRIPT = Path.of("src/test/python/bmm_standin.py");

  private final Process process;
  private final String baseUrl;

  private StandIn(Process process, String baseUrl) {
    this.process = process;
    this.baseUrl = baseUrl;
  }

  /** HTTP/1.0, every connection closed after its answer (Python's stdlib servers). */
  public static StandIn http10() throws IOException {
    return start(List.of());
  }

  /** HTTP/1.1 keep-alive, idle connections closed after {@code seconds} (uvicorn does after 5). */
  public static StandIn idleClose(double seconds) throws IOException {
    return start(List.of("--idle-close", Double.toString(seconds)));
  }

  private static StandIn start(List<String> options) throws IOException {
    Assumptions.assumeTrue(Files.isRegularFile(SCRIPT), "no " + SCRIPT);
    Assumptions.assumeTrue(hasPython(), "python3 is not installed");
    List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
    command.addAll(options);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("listening on ")) {
      process.destroyForcibly();
      throw new IOException("the stand-in did not start: " + line);
    }
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // keep the pipe empty
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "standin-output");
    drain.setDaemon(true);
    drain.start();
    return new StandIn(process, line.substring("listening on ".length()).strip());
  }

  private static boolean hasPython() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The stand-in's counters: evaluate, materialize, sessions, overlaps, tag_collisions, connections, requests. */
  public JsonNode stats() throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/stats")).build(), HttpResponse.BodyHandlers.ofString());
    return Json.mapper().readTree(response.body());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
