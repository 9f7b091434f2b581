/**
 * Server-side evidence of a run: what each ZooKeeper server was, moment by moment, and what it logged.
 *
 * <p>A run polls every server with the {@code srvr} four-letter word every 100 ms (ZooKeeper's own client,
 * {@code FourLetterWordMain}) and streams the samples to {@code cluster.jsonl} on the history's clock; a server
 * that does not answer is asked about through the {@link io.chaoskeeper.evidence.EvidenceSource} (Docker: paused or
 * down). At the end each server's whole log goes to {@code nodes/<node>.log} and its state, zxid and
 * {@code digest_mismatches_count} to {@code servers.json}. {@link io.chaoskeeper.evidence.ClusterTimeline} reads the
 * timeline back and says what a server was at a given time, which names the servers' roles in anomalies.
 */
package io.chaoskeeper.evidence;
