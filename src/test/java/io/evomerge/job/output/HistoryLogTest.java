package io.evomerge.job.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryLogTest {

  @TempDir Path dir;

  @Test
  void rowsComeBackInMethodAndGenerationOrderWithoutGenerationsTheCheckpointDoesNotHold() throws Exception {
    HistoryLog log = HistoryLog.of(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(dir.toUri()));
    List<HistoryRow> rows = HistorySamples.rows(4, 2, 3, 3);
    log.append(1, 0, rows.subList(0, 2));
    log.append(0, 1, rows.subList(2, 4));
    log.append(0, 0, rows.subList(4, 6));
    log.append(0, 2, rows.subList(6, 8));

    assertEquals(List.of(rows.get(4), rows.get(5), rows.get(2), rows.get(3), rows.get(0), rows.get(1)),
        log.read(List.of(2, 1)), "method 0's generation 2 was written but never checkpointed");
  }
}
