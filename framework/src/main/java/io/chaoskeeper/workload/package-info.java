/**
 * Workloads: what clients do to ZooKeeper, and the shapes of the operations they record (the contract with the
 * checkers and reports). Each built-in workload ({@link io.chaoskeeper.workload.Workloads}) documents its shapes;
 * outcomes follow one rule: {@code fail} certainly did not happen, {@code info} may have (a timeout or lost
 * connection during a write), and after an {@code info} the client continues under a new process id. A timed-out
 * read is {@code fail}. Written values are unique per run.
 */
package io.chaoskeeper.workload;
