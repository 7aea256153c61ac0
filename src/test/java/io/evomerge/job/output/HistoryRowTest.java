package io.evomerge.job.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.evomerge.merge.ControlVectors;
import io.evomerge.search.Candidate;
import io.evomerge.search.Evaluated;
import io.evomerge.search.Method;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryRowTest {

  @Test
  void aRowCarriesTheCandidateItsScoresAndTheRunCounters() {
    Candidate candidate = new Candidate("scaling", 4, 2,
        ControlVectors.of(new double[] {1, 0.5}, new double[] {-0.3, 0.8}), 0.0275);
    Evaluated evaluated = Evaluated.of(candidate, 0.5);

    HistoryRow row = HistoryRow.of("run-1", Method.EVO_MERGING, evaluated, 0.45, 180, 12_000);

    assertEquals(new HistoryRow("run-1", "evo-merging", "scaling", 4, 2,
        ControlVectors.of(new double[] {1, 0.5}, new double[] {-0.3, 0.8}), 0.5, 0.0275, 0.5275,
        0.45, 180, 12_000), row);
    assertEquals(0.5275, row.toConvergencePoint().fitness());
  }

  @Test
  void vectorsAreCopiedInAndOut() {
    double[] alpha = {0.1, 0.2};
    HistoryRow row = new HistoryRow("r", "m", "s", 0, 0, ControlVectors.of(alpha, new double[] {1, 2}),
        1, 0, 1, 1, 0, 0);
    alpha[0] = 9;
    row.vectors().alpha()[1] = 9;
    assertArrayEquals(new double[] {0.1, 0.2}, row.vectors().alpha());
  }

  @Test
  void jacksonRoundTripsItForCheckpoints() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<HistoryRow> rows = HistorySamples.rows(3, 1, 3, 4);
    HistoryRow withNan = new HistoryRow("r", "m", "s", 0, 0, ControlVectors.uniform(0),
        Double.NaN, 0, Double.NaN, Double.POSITIVE_INFINITY, 0, 0);

    for (HistoryRow row : List.of(rows.get(0), rows.get(2), withNan)) {
      assertEquals(row, mapper.readValue(mapper.writeValueAsString(row), HistoryRow.class));
    }
  }

  @Test
  void mismatchedVectorsAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new HistoryRow("r", "m", "s", 0, 0, ControlVectors.of(new double[1], new double[2]),
            1, 0, 1, 1, 0, 0));
  }
}
