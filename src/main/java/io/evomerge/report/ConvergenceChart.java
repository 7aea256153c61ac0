package io.evomerge.report;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The convergence of a search: best fitness so far after each evaluation (a step line), and each
 * generation's mean fitness (one series per stage, plotted at the evaluation that closed the
 * generation), with a dashed vertical line where a new stage starts. Non-finite fitness values
 * are left out. Immutable; each {@link #toChart} builds a new chart.
 *
 * @param points every evaluated candidate, in evaluation order
 */
public record ConvergenceChart(List<ConvergencePoint> points) {

  public ConvergenceChart {
    points = List.copyOf(points);
  }

  public XYChart toChart(int width, int height) {
    if (points.isEmpty()) {
      throw new IllegalStateException("no evaluations to chart");
    }
    XYChart chart =
        Charts.xy("Convergence", "evaluations", "fitness (lower is better)", width, height);
    chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
    chart.getStyler().setXAxisDecimalPattern("#").setXAxisTickMarkSpacingHint(120);
    addBest(chart);
    addMeans(chart);
    markStages(chart);
    return chart;
  }

  private void addBest(XYChart chart) {
    List<double[]> steps = bestSoFarSteps();
    XYSeries best = chart.addSeries("best so far",
        steps.stream().map(p -> p[0]).toList(), steps.stream().map(p -> p[1]).toList());
    best.setMarker(SeriesMarkers.NONE);
    best.setLineColor(Charts.BLUE);
    best.setLineStyle(new BasicStroke(2.5f));
  }

  /**
   * The best-so-far line as a step function: {x = evaluations, y = best} at the first finite
   * value, a vertical step at each improvement, and the last evaluation.
   */
  List<double[]> bestSoFarSteps() {
    List<double[]> steps = new ArrayList<>();
    double current = Double.NaN;
    for (int i = 0; i < points.size(); i++) {
      double best = points.get(i).bestSoFar();
      if (Double.isFinite(best) && best != current) {
        if (Double.isFinite(current)) {
          steps.add(new double[] {i + 1.0, current});
        }
        steps.add(new double[] {i + 1.0, best});
        current = best;
      }
    }
    if (Double.isFinite(current) && steps.get(steps.size() - 1)[0] < points.size()) {
      steps.add(new double[] {points.size(), current});
    }
    return steps;
  }

  private void addMeans(XYChart chart) {
    Map<String, List<double[]>> byStage = generationMeans();
    int colour = 0;
    for (Map.Entry<String, List<double[]>> stage : byStage.entrySet()) {
      List<Double> xs = stage.getValue().stream().map(p -> p[0]).toList();
      List<Double> ys = stage.getValue().stream().map(p -> p[1]).toList();
      XYSeries series = chart.addSeries("generation mean: " + stage.getKey(), xs, ys);
      series.setMarker(SeriesMarkers.CIRCLE);
      series.setLineColor(Charts.stage(colour));
      series.setMarkerColor(Charts.stage(colour++));
    }
  }

  /** Per stage, in order of appearance: {x = evaluations so far, y = mean fitness} per generation. */
  Map<String, List<double[]>> generationMeans() {
    Map<String, List<double[]>> byStage = new LinkedHashMap<>();
    int start = 0;
    for (int i = 1; i <= points.size(); i++) {
      if (i == points.size() || !sameGeneration(points.get(start), points.get(i))) {
        double mean = IntStream.range(start, i).mapToDouble(j -> points.get(j).fitness())
            .filter(Double::isFinite).average().orElse(Double.NaN);
        if (Double.isFinite(mean)) {
          byStage.computeIfAbsent(points.get(start).stage(), s -> new ArrayList<>()).add(new double[] {i, mean});
        }
        start = i;
      }
    }
    return byStage;
  }

  private void markStages(XYChart chart) {
    DoubleSummaryStatistics data = DoubleStream.concat(
            points.stream().mapToDouble(ConvergencePoint::bestSoFar),
            generationMeans().values().stream().flatMap(List::stream).mapToDouble(m -> m[1]))
        .filter(Double::isFinite).summaryStatistics();
    double low = data.getCount() == 0 ? 0.0 : data.getMin();
    double high = data.getCount() == 0 ? 0.0 : data.getMax();
    double top = high + 0.08 * Math.max(high - low, 1e-9);
    chart.getStyler().setYAxisMax(top + 0.04 * Math.max(high - low, 1e-9));
    double shift = 0.06 * points.size();
    for (int i = 0; i < points.size(); i++) {
      if (i == 0 || !points.get(i).stage().equals(points.get(i - 1).stage())) {
        double x = i + 0.5;
        if (i > 0) {
          chart.addAnnotation(new AnnotationLine(x, true, false));
        }
        chart.addAnnotation(new AnnotationText(points.get(i).stage() + " \u2192", x + shift, top, false));
      }
    }
    chart.getStyler().setAnnotationLineColor(Charts.GREY);
    chart.getStyler().setAnnotationLineStroke(
        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    chart.getStyler().setAnnotationTextFontColor(Charts.GREY);
  }

  private static boolean sameGeneration(ConvergencePoint a, ConvergencePoint b) {
    return a.generation() == b.generation() && a.stage().equals(b.stage());
  }
}
