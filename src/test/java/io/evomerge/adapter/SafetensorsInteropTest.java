package io.evomerge.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files move both ways between this reader/writer and the Python {@code safetensors} package. The
 * Python is the system property {@code evomerge.python}, which Maven points at the virtual
 * environment it makes under target/ (submit/requirements-test.txt); without it, python3. When
 * that Python cannot import the packages the test fails, saying why: it is never skipped.
 */
class SafetensorsInteropTest {

  private static final Path SCRIPT = Path.of("src/test/python/safetensors_interop.py");
  private static final String PYTHON = System.getProperty("evomerge.python", "python3");

  @TempDir Path dir;

  @BeforeAll
  static void requirePython() {
    String why = pythonProblem();
    if (why != null) {
      throw new AssertionError(why + ": run the tests with `mvn verify`, which makes that Python,"
          + " or pass -Devomerge.python=PYTHON with the packages of submit/requirements-test.txt");
    }
  }

  @Test
  void aFileWrittenByPythonIsReadWithTheSameValues() throws Exception {
    Path file = dir.resolve("from-python.safetensors");
    run("write", file);
    Safetensors read = Safetensors.read(file);

    assertEquals(Map.of("format", "np", "source", "python"), read.metadata());
    Tensor matrix = read.tensor("matrix_f32").orElseThrow();
    assertEquals(DType.F32, matrix.dtype());
    assertArrayEquals(new int[] {2, 3}, matrix.shape());
    assertArrayEquals(new double[] {-0.5, -0.25, 0, 0.25, 0.5, 0.75}, matrix.values());
    Tensor vector = read.tensor("vector_f64").orElseThrow();
    assertArrayEquals(new double[] {1.0 / 3.0, -2.5e-300, 1e300, 0.0}, vector.values());
    Tensor half = read.tensor("half_f16").orElseThrow();
    assertEquals(DType.F16, half.dtype());
    assertArrayEquals(new double[] {1.5, -2.0, 0x1p-14, 65504.0}, half.values());
    Tensor scalar = read.tensor("scalar_f32").orElseThrow();
    assertArrayEquals(new int[0], scalar.shape());
    assertArrayEquals(new double[] {3.25}, scalar.values());
  }

  @Test
  void aFileWrittenHereIsReadByPythonWithTheSameValues() throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    float[] a = new float[8 * 384];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) random.nextGaussian();
    }
    double[] d = {Math.PI, -1e-310, Double.MAX_VALUE};
    Safetensors content = new Safetensors(Map.of(
        "base_model.model.bilinear.lora_A.weight", SafetensorsWriter.f32(new int[] {8, 384}, a),
        "extra", new Tensor(DType.F64, new int[] {3}, d)), Map.of("format", "pt", "note", "written by java"));
    Path file = dir.resolve("from-java.safetensors");
    SafetensorsWriter.write(content, file);

    JsonNode dump = new ObjectMapper().readTree(run("dump", file));
    assertEquals("written by java", dump.at("/metadata/note").asText());
    JsonNode lora = dump.at("/tensors/base_model.model.bilinear.lora_A.weight");
    assertEquals("float32", lora.get("dtype").asText());
    assertEquals("[8,384]", lora.get("shape").toString());
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i], lora.get("values").get(i).doubleValue(), 0.0, "entry " + i);
    }
    JsonNode extra = dump.at("/tensors/extra");
    assertEquals("float64", extra.get("dtype").asText());
    for (int i = 0; i < d.length; i++) {
      assertEquals(d[i], extra.get("values").get(i).doubleValue(), 0.0);
    }
  }

  private static String run(String command, Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(PYTHON, SCRIPT.toString(), command, file.toString())
        .redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(PYTHON + " " + SCRIPT + " " + command + " failed: " + err);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /** Null when the Python can import safetensors and numpy, else why not. */
  private static String pythonProblem() {
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import safetensors, numpy")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return PYTHON + " did not answer within 60 s";
      }
      return p.exitValue() == 0 ? null : PYTHON + " lacks the safetensors or numpy package: " + out.strip();
    } catch (IOException e) {
      return PYTHON + " cannot be started (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
