package io.evomerge.report;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The convergence of a search: best fitness so far after each evaluation (a step line), and each generation's
 * mean fitness (one series per stage, plotted at the evaluation that closed the generation), with
 * a dashed vertical line where a new stage starts. Immutable; each {@link #toChart} builds a new
 * chart. Non-finite fitness values are left out of the plot.
 *
 * @param points every evaluated candidate, in evaluation order
 */
public record ConvergenceChart(List<ConvergencePoint> points) {

  public ConvergenceChart {
    points = List.copyOf(points);
  }

  public XYChart toChart(int width, int height) {
    Png.ensureHeadless();
    if (points.isEmpty()) {
      throw new IllegalStateException("no evaluations to chart");
    }
    XYChart chart = new XYChartBuilder().width(width).height(height)
        .title("Convergence").xAxisTitle("evaluations").yAxisTitle("fitness (lower is better)").build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
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
    best.setLineColor(Palette.BEST);
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
      series.setLineColor(Palette.stage(colour));
      series.setMarkerColor(Palette.stage(colour++));
    }
  }

  /** Per stage, in order of appearance: {x = evaluations so far, y = mean fitness} per generation. */
  Map<String, List<double[]>> generationMeans() {
    Map<String, List<double[]>> byStage = new LinkedHashMap<>();
    int start = 0;
    for (int i = 1; i <= points.size(); i++) {
      if (i == points.size() || !sameGeneration(points.get(start), points.get(i))) {
        double mean = finiteMean(start, i);
        if (Double.isFinite(mean)) {
          byStage.computeIfAbsent(points.get(start).stage(), s -> new ArrayList<>()).add(new double[] {i, mean});
        }
        start = i;
      }
    }
    return byStage;
  }

  private double finiteMean(int from, int to) {
    double sum = 0.0;
    int count = 0;
    for (int i = from; i < to; i++) {
      double f = points.get(i).fitness();
      if (Double.isFinite(f)) {
        sum += f;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private void markStages(XYChart chart) {
    double[] range = rangeOfData();
    double top = range[1] + 0.08 * Math.max(range[1] - range[0], 1e-9);
    chart.getStyler().setYAxisMax(top + 0.04 * Math.max(range[1] - range[0], 1e-9));
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
    chart.getStyler().setAnnotationLineColor(Palette.STAGE_LINE);
    chart.getStyler().setAnnotationLineStroke(
        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    chart.getStyler().setAnnotationTextFontColor(Palette.STAGE_LINE);
  }

  private double[] rangeOfData() {
    double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (ConvergencePoint p : points) {
      widen(range, p.bestSoFar());
    }
    for (List<double[]> means : generationMeans().values()) {
      means.forEach(m -> widen(range, m[1]));
    }
    return Double.isFinite(range[0]) ? range : new double[] {0.0, 0.0};
  }

  private static void widen(double[] range, double value) {
    if (Double.isFinite(value)) {
      range[0] = Math.min(range[0], value);
      range[1] = Math.max(range[1], value);
    }
  }

  private static boolean sameGeneration(ConvergencePoint a, ConvergencePoint b) {
    return a.generation() == b.generation() && a.stage().equals(b.stage());
  }
}
