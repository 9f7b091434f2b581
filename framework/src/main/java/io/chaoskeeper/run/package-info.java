/**
 * The run engine: one workload against an ensemble, with faults, recorded.
 *
 * <pre>{@code
 * Path dir = Path.of("target/runs/cas");
 * try (ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble().withNodes(3).withLogDirectory(dir.resolve("nodes"))) {
 *     ensemble.start();
 *     RunResult result = Run.builder().ensemble(ensemble)
 *             .workload(Workloads.casRegister().withKeys(3))
 *             .clients(5).duration(Duration.ofSeconds(30)).rateLimit(500)
 *             .faults(schedule).seed(42).checkers(linearizable)
 *             .outputDirectory(dir).build().execute();
 * }
 * }</pre>
 *
 * <p>Phases: setup → workload with faults → heal ({@code Nemesis.healAll()}) → quiet period → final reads (one
 * client per server). Client {@code i} is bound to node {@code i mod n} (its connect string names that node only).
 * Each client's choices come from a {@code Random} seeded with the run's seed and its index, and the fault schedule
 * is started with the run's seed, so the same seed repeats the same decisions.
 *
 * <p>The output directory:
 * <ul>
 *   <li>{@code history.jsonl}: every operation and fault event, streamed as it happens (see
 *   {@link io.chaoskeeper.history.HistoryRecorder}); {@code history.edn}: the same for Knossos/Elle;</li>
 *   <li>{@code faults.jsonl}: the fault events alone;</li>
 *   <li>{@code latency.hlog}: HdrHistogram interval histograms per second, in microseconds, one tag per
 *   {@code f:outcome};</li>
 *   <li>{@code cluster.jsonl}: every server's state, epoch, zxid and leader, polled every 100 ms for the whole run
 *   (see {@link io.chaoskeeper.evidence.ClusterTimeline});</li>
 *   <li>{@code nodes/<node>.log}: each server's whole log, copied at the end through the
 *   {@link io.chaoskeeper.evidence.EvidenceSource};</li>
 *   <li>{@code servers.json}: each server's state, zxid and digest mismatch count at the end;</li>
 *   <li>{@code run.json}: name, seed, zookeeperVersion, nodes, workload, schedule, clients, startedAt, durationMs,
 *   phases (name → startMs/endMs since the start), reproduce, counts (f → outcome → n), the declared
 *   {@link io.chaoskeeper.run.Expectations} (expectedAnomalies, toleratedAnomalies, reportOnlyCheckers, finding),
 *   and error if it failed;</li>
 *   <li>{@code checks.json}: the checkers' results, {@code server-digest} and {@code server-sync}, anomalies
 *   naming the servers' roles.</li>
 * </ul>
 */
package io.chaoskeeper.run;
