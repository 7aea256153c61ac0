/**
 * The job's client of the merge service, both dialects (see the README's protocol notes).
 *
 * <p>{@link io.evomerge.client.MergeClient} declares every endpoint once and sends every request
 * through one chokepoint, which wraps the single place where an HTTP attempt is executed:
 * <ul>
 *   <li>rate limit: a task's share of the job-wide {@code service.rateLimitPerSecond};
 *   <li>concurrency: the JVM's adaptive window per replica (a 429 or a timeout halves it,
 *       answers widen it);
 *   <li>counting: a {@link io.evomerge.client.CallListener} sees each attempt, answer, retry and
 *       failure, which the job adds to four accumulators ({@link io.evomerge.client.CallCounts});
 *   <li>retries: patience in time ({@code service.retry.maxElapsedMs}), every
 *       {@code Retry-After} honoured within it, a dead pooled connection retried at once;
 *   <li>replicas: each retry to the next replica in the rotation; one that keeps failing is
 *       left out for a while;
 *   <li>auth: an OkHttp interceptor with the key this JVM resolves, never a key in a task.
 * </ul>
 * The settings are {@link io.evomerge.config.ServiceConfig} and
 * {@link io.evomerge.config.RetryConfig}, bound straight from the YAML section {@code service}.
 */
package io.evomerge.client;
