/**
 * What a run leaves under {@code <output>/<run-id>/} on a Hadoop FileSystem
 * ({@link io.evomerge.job.output.RunDirectory}): checkpoints that survive failed attempts, and
 * final outputs staged and committed together: {@code result.json}, the history as Parquet and
 * CSV, and {@code report.html}.
 */
package io.evomerge.job.output;
