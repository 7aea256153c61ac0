package io.evomerge.report;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/**
 * The screening's ranking as a bar chart: the best {@link #SHOWN} adapters, best first, each
 * bar its loss alone minus the base model's, the selected adapters in one colour and the others
 * in another. Immutable; each call builds a new chart.
 *
 * @param ranking every screened adapter, best first
 */
public record ScreeningChart(List<ScreeningBar> ranking) {

  public static final int SHOWN = 40;

  public ScreeningChart {
    ranking = List.copyOf(ranking);
    if (ranking.isEmpty()) {
      throw new IllegalArgumentException("no screened adapters to chart");
    }
  }

  public List<ScreeningBar> shown() {
    return ranking.subList(0, Math.min(SHOWN, ranking.size()));
  }

  public int suggestedWidth() {
    return Math.max(640, 160 + 30 * shown().size());
  }

  public CategoryChart toChart(int width, int height) {
    List<ScreeningBar> bars = shown();
    String title = "screening: loss alone minus the base model's"
        + (bars.size() < ranking.size() ? " (best " + bars.size() + " of " + ranking.size() + ")" : "");
    CategoryChart chart = Png.barChart(title, "adapter, best first", "loss - base loss", width, height, bars.size());
    chart.getStyler().setOverlapped(true).setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setYAxisDecimalPattern("0.000");
    List<String> ids = bars.stream().map(ScreeningBar::adapter).toList();
    Png.addBars(chart, "selected", ids, values(bars, true), Palette.POSITIVE);
    if (bars.stream().anyMatch(b -> !b.selected())) {
      Png.addBars(chart, "not selected", ids, values(bars, false), Palette.NEGATIVE);
    }
    return chart;
  }

  private static List<Double> values(List<ScreeningBar> bars, boolean selected) {
    List<Double> out = new ArrayList<>(bars.size());
    for (ScreeningBar b : bars) {
      out.add(b.selected() == selected && Double.isFinite(b.delta()) ? b.delta() : 0.0);
    }
    return out;
  }
}
