/**
 * Rendering a run for people: classification metrics ({@link io.evomerge.report.Metrics},
 * {@link io.evomerge.report.TestScore}), the comparison table as Markdown
 * ({@link io.evomerge.report.ComparisonTable}), the per-generation progress line
 * ({@link io.evomerge.report.ProgressLine}), XChart
 * charts and the self-contained {@link io.evomerge.report.HtmlReport}. Values in, text or images
 * out: no I/O, no Spark.
 */
package io.evomerge.report;
