package io.evomerge.report;

import java.awt.Color;

/** The report's colours: colour-blind-safe (Okabe-Ito), fixed so that reports look alike. */
final class Palette {

  public static final Color BEST = new Color(0x00, 0x72, 0xB2);
  public static final Color POSITIVE = new Color(0x00, 0x72, 0xB2);
  public static final Color NEGATIVE = new Color(0xD5, 0x5E, 0x00);
  public static final Color ALPHA = new Color(0x00, 0x9E, 0x73);
  public static final Color STAGE_LINE = new Color(0x55, 0x55, 0x55);

  private static final Color[] STAGES = {
    new Color(0xE6, 0x9F, 0x00), new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9),
    new Color(0x00, 0x9E, 0x73)
  };

  private Palette() {}

  public static Color stage(int i) {
    return STAGES[i % STAGES.length];
  }
}
