package io.evomerge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code selection} settings: defaults, copies and the messages of bad values. */
class SelectionSettingsTest {

  private static String message(Runnable bad) {
    return assertThrows(IllegalArgumentException.class, bad::run).getMessage();
  }

  @Test
  void theDefaultSelectsEveryAdapterWithoutScreening() {
    SelectionSettings all = SelectionSettings.all();
    assertEquals(0, all.topK());
    assertFalse(all.screens());
    assertEquals(List.of(), all.pinned());
    assertTrue(SelectionSettings.topK(10).screens());
    assertEquals(new SelectionSettings(10, List.of("a"), 3, 0.25),
        all.withTopK(10).withPinned(List.of("a")).withInitialShards(3).withKeepFraction(0.25));
  }

  @Test
  void badValuesAreRejectedNamingTheKeyAndValue() {
    assertEquals("topK: -1 must be >= 0", message(() -> SelectionSettings.all().withTopK(-1)));
    assertEquals("initialShards: 0 must be >= 1", message(() -> SelectionSettings.all().withInitialShards(0)));
    assertEquals("keepFraction: 1 must be between 0 and 1 (both excluded)",
        message(() -> SelectionSettings.all().withKeepFraction(1.0)));
    assertEquals("keepFraction: 0 must be between 0 and 1 (both excluded)",
        message(() -> SelectionSettings.all().withKeepFraction(0)));
    assertEquals("pinned: 'a' is listed twice", message(() -> SelectionSettings.all().withPinned(List.of("a", "a"))));
  }

  @Test
  void aMissingPinnedListMeansNone() {
    assertEquals(List.of(), new SelectionSettings(5, null, 2, 0.5).pinned());
  }
}
