/**
 * The job's client of the merge service, both dialects (see the README's protocol notes): {@link
 * io.evomerge.client.MergeClient}, and what its calls report: counts, allowances and typed failures.
 */
package io.evomerge.client;
