package io.evomerge.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class ConvergenceChartTest {

  private static final List<ConvergencePoint> POINTS = List.of(
      new ConvergencePoint("denoising", 0, 1.0, 1.0),
      new ConvergencePoint("denoising", 0, 0.8, 0.8),
      new ConvergencePoint("denoising", 1, 0.6, 0.6),
      new ConvergencePoint("denoising", 1, Double.NaN, 0.6),
      new ConvergencePoint("scaling", 2, 0.7, 0.6),
      new ConvergencePoint("scaling", 2, 0.5, 0.5));

  @Test
  void generationMeansArePlacedAtTheEvaluationThatClosedTheGeneration() {
    Map<String, List<double[]>> means = new ConvergenceChart(POINTS).generationMeans();

    assertEquals(List.of("denoising", "scaling"), List.copyOf(means.keySet()));
    assertArrayEquals(new double[] {2, 0.9}, means.get("denoising").get(0), 1e-15);
    assertArrayEquals(new double[] {4, 0.6}, means.get("denoising").get(1), 1e-15);
    assertArrayEquals(new double[] {6, 0.6}, means.get("scaling").get(0), 1e-15);
  }

  @Test
  void theChartHasTheBestSoFarLineAndOneMeanSeriesPerStage() {
    XYChart chart = new ConvergenceChart(POINTS).toChart(800, 400);

    assertEquals(
        List.of("best so far", "generation mean: denoising", "generation mean: scaling"),
        List.copyOf(chart.getSeriesMap().keySet()));
  }

  @Test
  void bestSoFarIsAStepLineWithAVerticalStepAtEachImprovement() {
    XYChart chart = new ConvergenceChart(POINTS).toChart(800, 400);

    var best = chart.getSeriesMap().get("best so far");
    assertArrayEquals(new double[] {1, 2, 2, 3, 3, 6, 6}, best.getXData());
    assertArrayEquals(new double[] {1.0, 1.0, 0.8, 0.8, 0.6, 0.6, 0.5}, best.getYData());
  }

  @Test
  void aRunWhoseBestNeverImprovesStillDrawsToTheLastEvaluation() {
    List<double[]> steps = new ConvergenceChart(List.of(
        new ConvergencePoint("s", 0, 0.5, 0.5), new ConvergencePoint("s", 0, 0.7, 0.5))).bestSoFarSteps();
    assertEquals(2, steps.size());
    assertArrayEquals(new double[] {2, 0.5}, steps.get(1));
  }

  @Test
  void noPointsIsAnErrorNotAnEmptyChart() {
    assertThrows(IllegalStateException.class, () -> new ConvergenceChart(List.of()).toChart(10, 10));
  }
}
