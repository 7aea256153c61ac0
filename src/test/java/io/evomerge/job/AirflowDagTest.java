package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Airflow DAG in submit/airflow compiles, and submits our class with the Java 17 options. The
 * Python is the system property {@code evomerge.python} (Maven's virtual environment under
 * target/), else python3; a missing Python fails the test. submit/test-airflow runs the DAG for real.
 */
class AirflowDagTest {

  private static final Path DAG = Path.of("submit/airflow/evomerge_dag.py");
  private static final String PYTHON = System.getProperty("evomerge.python", "python3");

  @Test
  void theDagIsValidPython() throws Exception {
    Process p = new ProcessBuilder(PYTHON, "-c",
        "import ast,sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1]); print('ok')", DAG.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
  }

  @Test
  void theDagSubmitsTheJobClassWithTheJava17OptionsAndResumesOnRetry() throws Exception {
    String dag = Files.readString(DAG);
    assertTrue(dag.contains("java_class=\"io.evomerge.cli.Main\""));
    assertTrue(dag.contains("spark.driver.extraJavaOptions") && dag.contains("spark.executor.extraJavaOptions"));
    assertTrue(dag.contains("\"--resume-if-any\""), "a retried task must continue its run, a first try start it");
    assertTrue(dag.contains("ds_nodash"), "the run id is templated from the logical date");
  }

  @Test
  void theDagShipsItsConfigurationAndAQuietLog4jConfigurationAndRedactsApiKeys() throws Exception {
    String dag = Files.readString(DAG);
    assertTrue(dag.contains("files=f\"{CONF_DIR}/{repository}.yaml,{LOG4J}\""), "config and log4j2 shipped");
    assertTrue(dag.contains("\"--config\", f\"{repository}.yaml\""), "the driver finds the config by its name");
    assertTrue(dag.contains("-Dlog4j2.configurationFile={LOG4J}")
        && dag.contains("-Dlog4j2.configurationFile=log4j2.properties"), "driver and executors log quietly");
    String log4j = Files.readString(Path.of("submit/airflow/log4j2.properties"));
    assertTrue(log4j.contains("rootLogger.level = warn") && log4j.contains("logger.evomerge.level = info"), log4j);
    assertTrue(dag.contains("api[._-]?key"), "Spark redacts API keys in the UI and logs");
  }
}
