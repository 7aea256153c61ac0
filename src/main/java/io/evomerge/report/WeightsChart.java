package io.evomerge.report;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/**
 * Bar charts of the final control vectors, one bar per adapter with the adapter ids on the
 * axis: {@code alpha} in [0, 1], and {@code beta} with negative (sign-flipped) adapters drawn in a
 * different colour from positive ones. Immutable; each call builds a new chart.
 *
 * @param weights one entry per adapter, in the order of the control vectors
 */
public record WeightsChart(List<AdapterWeight> weights) {

  public WeightsChart {
    weights = List.copyOf(weights);
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("no adapters to chart");
    }
  }

  public int suggestedWidth() {
    return Math.max(640, 160 + 36 * weights.size());
  }

  public CategoryChart alphaChart(int width, int height) {
    CategoryChart chart = base("alpha per adapter (fraction kept)", "alpha", width, height);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    chart.getStyler().setLegendVisible(false);
    Png.addBars(chart, "alpha", adapters(), values(true, 0), Palette.ALPHA);
    return chart;
  }

  public CategoryChart betaChart(int width, int height) {
    CategoryChart chart = base("beta per adapter (signed scale)", "beta", width, height);
    chart.getStyler().setOverlapped(true).setLegendPosition(Styler.LegendPosition.OutsideE);
    Png.addBars(chart, "beta \u2265 0", adapters(), values(false, 1), Palette.POSITIVE);
    Png.addBars(chart, "beta < 0 (sign flipped)", adapters(), values(false, -1), Palette.NEGATIVE);
    return chart;
  }

  private CategoryChart base(String title, String yTitle, int width, int height) {
    CategoryChart chart = Png.barChart(title, "adapter", yTitle, width, height, weights.size());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    return chart;
  }

  private List<String> adapters() {
    return weights.stream().map(AdapterWeight::adapter).toList();
  }

  private List<Double> values(boolean alpha, int sign) {
    List<Double> values = new ArrayList<>(weights.size());
    for (AdapterWeight w : weights) {
      double v = alpha ? w.alpha() : w.beta();
      values.add(alpha || (sign > 0 ? v >= 0 : v < 0) ? v : 0.0);
    }
    return values;
  }
}
