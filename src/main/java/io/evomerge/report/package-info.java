/**
 * Rendering a run for people: metrics and test scores, the comparison table as Markdown, the
 * progress line, XChart charts and the self-contained {@code report.html}. Values in, text or
 * images out: no I/O, no Spark.
 */
package io.evomerge.report;
