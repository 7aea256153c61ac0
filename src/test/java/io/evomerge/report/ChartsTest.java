package io.evomerge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

class ChartsTest {

  private static final List<AdapterWeight> WEIGHTS = List.of(
      new AdapterWeight("a", 1.0, 0.5), new AdapterWeight("b", 0.3, -0.25), new AdapterWeight("c", 0.0, 0.0));

  @Test
  void negativeBetasAreASeparateSeriesInAnotherColour() {
    CategoryChart chart = Charts.beta(WEIGHTS, 400);

    CategorySeries positive = chart.getSeriesMap().get("beta \u2265 0");
    CategorySeries negative = chart.getSeriesMap().get("beta < 0 (sign flipped)");
    assertEquals(List.of(0.5, 0.0, 0.0), List.copyOf(positive.getYData()));
    assertEquals(List.of(0.0, -0.25, 0.0), List.copyOf(negative.getYData()));
    assertEquals(List.of("a", "b", "c"), List.copyOf(negative.getXData()));
    assertNotEquals(positive.getFillColor(), negative.getFillColor());
  }

  @Test
  void alphaBarsKeepTheAdapterOrderOnAUnitAxis() {
    CategoryChart chart = Charts.alpha(WEIGHTS, 400);

    CategorySeries alpha = chart.getSeriesMap().get("alpha");
    assertEquals(List.of("a", "b", "c"), List.copyOf(alpha.getXData()));
    assertEquals(List.of(1.0, 0.3, 0.0), List.copyOf(alpha.getYData()));
    assertEquals(1.0, chart.getStyler().getYAxisMax());
  }

  @Test
  void manyAdaptersWidenTheChart() {
    assertEquals(640, Charts.alpha(WEIGHTS, 400).getWidth());
    List<AdapterWeight> many = java.util.stream.IntStream.range(0, 40)
        .mapToObj(i -> new AdapterWeight("adapter-" + i, 1, 0.1)).toList();
    assertEquals(160 + 36 * 40, Charts.beta(many, 400).getWidth());
  }
}
