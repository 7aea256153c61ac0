package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SparkSessionsTest {

  @Test
  void localMastersGetTaskRetriesAndOthersAreLeftAlone() {
    assertEquals("local[2,4]", SparkSessions.withTaskRetries("local[2]"));
    assertEquals("local[*,4]", SparkSessions.withTaskRetries("local[*]"));
    assertEquals("local[1,4]", SparkSessions.withTaskRetries("local"));
    assertEquals("local[3,2]", SparkSessions.withTaskRetries("local[3,2]"), "retries the user chose stay");
    assertEquals("spark://h:7077", SparkSessions.withTaskRetries("spark://h:7077"));
    assertEquals("local-cluster[2,1,1024]", SparkSessions.withTaskRetries("local-cluster[2,1,1024]"));
  }
}
