/**
 * What a run leaves on a Hadoop FileSystem under {@code <output>/<run-id>/}
 * ({@link io.evomerge.job.output.RunDirectory}): checkpoints that survive failed attempts
 * ({@link io.evomerge.job.output.CheckpointStore}), and final outputs staged and committed
 * together ({@link io.evomerge.job.output.StagedOutputs}): {@code result.json}
 * ({@link io.evomerge.job.output.ResultJson}, {@link io.evomerge.job.output.ResultJson}),
 * the history as Parquet and CSV ({@link io.evomerge.job.output.HistoryWriter}) and
 * {@code report.html} ({@link io.evomerge.job.output.ReportWriter}).
 */
package io.evomerge.job.output;
