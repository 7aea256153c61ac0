package io.evomerge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code selection} settings: defaults and the messages of bad values. */
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
    assertTrue(new SelectionSettings(10, List.of(), 2, 0.5).screens());
  }

  @Test
  void badValuesAreRejectedNamingTheKeyAndValue() {
    assertEquals("topK: -1 must be >= 0", message(() -> new SelectionSettings(-1, List.of(), 2, 0.5)));
    assertEquals("initialShards: 0 must be >= 1", message(() -> new SelectionSettings(0, List.of(), 0, 0.5)));
    assertEquals("keepFraction: 1 must be between 0 and 1 (both excluded)",
        message(() -> new SelectionSettings(0, List.of(), 2, 1.0)));
    assertEquals("keepFraction: 0 must be between 0 and 1 (both excluded)",
        message(() -> new SelectionSettings(0, List.of(), 2, 0)));
    assertEquals("pinned: 'a' is listed twice", message(() -> new SelectionSettings(0, List.of("a", "a"), 2, 0.5)));
  }

  @Test
  void aMissingPinnedListMeansNone() {
    assertEquals(List.of(), new SelectionSettings(5, null, 2, 0.5).pinned());
  }
}
