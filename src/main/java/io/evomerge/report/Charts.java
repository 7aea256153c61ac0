package io.evomerge.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * The report's XChart charts and their PNG rendering: on white, in fixed colour-blind-safe
 * (Okabe-Ito) colours so that reports look alike. Loading this class sets
 * {@code java.awt.headless=true} unless the property is already set; AWT reads it only once, so
 * every chart is started here. Stateless; each call builds a new chart.
 */
final class Charts {

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  static final Color BLUE = new Color(0x00, 0x72, 0xB2);
  static final Color VERMILION = new Color(0xD5, 0x5E, 0x00);
  static final Color GREEN = new Color(0x00, 0x9E, 0x73);
  static final Color GREY = new Color(0x55, 0x55, 0x55);
  private static final Color[] STAGES = {
    new Color(0xE6, 0x9F, 0x00), new Color(0xCC, 0x79, 0xA7), new Color(0x56, 0xB4, 0xE9), GREEN
  };

  /** The head of the screening's ranking that the report charts and lists. */
  static final int SHOWN = 40;

  private Charts() {}

  /** The colour of the {@code i}-th stage, repeating. */
  static Color stage(int i) {
    return STAGES[i % STAGES.length];
  }

  static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
    XYChart chart = new XYChartBuilder().width(width).height(height)
        .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    return chart;
  }

  /** The final {@code alpha} per adapter, in the order of the control vectors, on [0, 1]. */
  static CategoryChart alpha(List<AdapterWeight> weights, int height) {
    List<String> ids = weights.stream().map(AdapterWeight::adapter).toList();
    CategoryChart chart =
        bars("alpha per adapter (fraction kept)", "adapter", "alpha", ids, 36, height);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setLegendVisible(false);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    add(chart, "alpha", ids, values(weights, w -> true, AdapterWeight::alpha), GREEN);
    return chart;
  }

  /** The final {@code beta} per adapter, negative (sign-flipped) ones in another colour. */
  static CategoryChart beta(List<AdapterWeight> weights, int height) {
    List<String> ids = weights.stream().map(AdapterWeight::adapter).toList();
    CategoryChart chart =
        bars("beta per adapter (signed scale)", "adapter", "beta", ids, 36, height);
    chart.getStyler().setOverlapped(true).setLegendPosition(LegendPosition.OutsideE);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    add(chart, "beta \u2265 0", ids,
        values(weights, w -> w.beta() >= 0, AdapterWeight::beta), BLUE);
    add(chart, "beta < 0 (sign flipped)", ids,
        values(weights, w -> w.beta() < 0, AdapterWeight::beta), VERMILION);
    return chart;
  }

  /**
   * The head ({@link #SHOWN}) of a screening's ranking, best first: each bar an adapter's loss
   * alone minus the base model's, the selected adapters in one colour, the others in another.
   */
  static CategoryChart screening(List<ScreeningBar> ranking, int height) {
    List<ScreeningBar> shown = ranking.subList(0, Math.min(SHOWN, ranking.size()));
    String title = "screening: loss alone minus the base model's" + (shown.size() < ranking.size()
        ? " (best " + shown.size() + " of " + ranking.size() + ")" : "");
    List<String> ids = shown.stream().map(ScreeningBar::adapter).toList();
    CategoryChart chart = bars(title, "adapter, best first", "loss - base loss", ids, 30, height);
    chart.getStyler().setOverlapped(true).setLegendPosition(LegendPosition.OutsideE);
    chart.getStyler().setYAxisDecimalPattern("0.000");
    add(chart, "selected", ids,
        values(shown, b -> b.selected() && Double.isFinite(b.delta()), ScreeningBar::delta), BLUE);
    if (shown.stream().anyMatch(b -> !b.selected())) {
      add(chart, "not selected", ids,
          values(shown, b -> !b.selected() && Double.isFinite(b.delta()), ScreeningBar::delta),
          VERMILION);
    }
    return chart;
  }

  /**
   * A bar chart on white for the categories {@code ids}, 640 pixels wide or 160 plus
   * {@code perBar} per bar, its labels turned when there are more than six bars.
   */
  private static CategoryChart bars(String title, String xTitle, String yTitle, List<String> ids,
      int perBar, int height) {
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no adapters to chart: " + title);
    }
    CategoryChart chart = new CategoryChartBuilder().width(Math.max(640, 160 + perBar * ids.size()))
        .height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisLabelRotation(ids.size() > 6 ? 60 : 0);
    return chart;
  }

  private static void add(CategoryChart chart, String name, List<String> ids, List<Double> values,
      Color colour) {
    chart.addSeries(name, ids, values).setFillColor(colour);
  }

  /** Each item's value where {@code drawn} holds, else 0 (no bar). */
  private static <T> List<Double> values(List<T> items, Predicate<T> drawn,
      ToDoubleFunction<T> value) {
    return items.stream().map(t -> drawn.test(t) ? value.applyAsDouble(t) : 0.0).toList();
  }

  /** {@code chart} as a PNG {@code data:} URI. */
  static String dataUri(Chart<?, ?> chart) {
    try {
      return "data:image/png;base64," + Base64.getEncoder()
          .encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("could not render chart '" + chart.getTitle() + "'", e);
    }
  }
}
