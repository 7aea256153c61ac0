package io.evomerge.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders XChart charts to PNG without a display. Loading this class sets
 * {@code java.awt.headless=true} unless the property is already set; chart builders call
 * {@link #ensureHeadless()} before touching AWT, since AWT reads the property only once.
 */
final class Png {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Png() {}

  /** Makes sure the headless property is set (by loading this class); idempotent. */
  public static void ensureHeadless() {
    // the static initializer does the work
  }

  /** A bar chart on white, headless, its labels turned when there are more than six bars. */
  static CategoryChart barChart(String title, String xTitle, String yTitle, int width, int height, int bars) {
    ensureHeadless();
    CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
        .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisLabelRotation(bars > 6 ? 60 : 0);
    return chart;
  }

  static void addBars(CategoryChart chart, String name, List<String> labels, List<Double> values, Color colour) {
    chart.addSeries(name, labels, values).setFillColor(colour);
  }

  public static byte[] bytes(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("could not render chart '" + chart.getTitle() + "'", e);
    }
  }

  public static String dataUri(Chart<?, ?> chart) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes(chart));
  }
}
