package io.evomerge.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evomerge.merge.ControlVectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdapterSelectionTest {

  private static final List<String> REPOSITORY = List.of("movies", "books", "noise");

  @Test
  void anEmptyListSelectsTheWholeRepositoryAndSendsVectorsUnchanged() {
    AdapterSelection all = AdapterSelection.of(REPOSITORY, List.of());
    ControlVectors v = ControlVectors.uniform(3);
    assertEquals(REPOSITORY, all.ids());
    assertSame(v, all.expand(v));
  }

  @Test
  void aSubsetKeepsTheServicesOrderAndLeavesTheOthersOut() {
    AdapterSelection some = AdapterSelection.of(REPOSITORY, List.of("noise", "movies"));
    assertEquals(List.of("movies", "noise"), some.ids());
    ControlVectors sent = some.expand(ControlVectors.of(new double[] {0.4, 0.9}, new double[] {0.5, -1}));
    assertEquals(ControlVectors.of(new double[] {0.4, 0, 0.9}, new double[] {0.5, 0, -1}), sent);
  }

  @Test
  void anUnknownAdapterIsAnErrorThatListsWhatTheServiceHas() {
    var e = assertThrows(io.evomerge.config.ConfigException.class,
        () -> AdapterSelection.of(REPOSITORY, List.of("hotels")));
    assertTrue(e.getMessage().contains("data.adapters") && e.getMessage().contains("movies, books, noise"),
        e.getMessage());
  }
}
