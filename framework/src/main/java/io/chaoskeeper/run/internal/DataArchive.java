package io.chaoskeeper.run.internal;

/**
 * The archive of one node's data directory in a run directory.
 *
 * @param node      the node's name, e.g. {@code zk1}
 * @param id        its server id
 * @param file      the archive's path relative to the run directory, or null when it could not be written
 * @param truncated true when the size cap cut the archive short
 * @param error     why there is no archive, or null
 */
public record DataArchive(String node, int id, String file, boolean truncated, String error) {
}
