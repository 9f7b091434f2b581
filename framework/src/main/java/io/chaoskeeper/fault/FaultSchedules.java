package io.chaoskeeper.fault;

import java.time.Duration;

/** Ready-made fault schedules. */
public final class FaultSchedules {

    private FaultSchedules() {
    }

    /** A schedule that starts faults from a weighted mix at fixed or random intervals; configure it fluently. */
    public static RandomFaultSchedule random() {
        return new RandomFaultSchedule();
    }

    /**
     * Aims at a stale node taking over (the failure class of lost or resurrected writes after an election): isolate
     * the highest follower while writes go on, heal it, and as soon as it serves again kill the leader, so the node
     * that just rejoined wins the election (ties go to the highest server id); then restart the old leader. Round
     * after round, so each stale node rejoins a new leader.
     *
     * @param staleFor how long the follower misses writes; keep its writes inside ZooKeeper's in-memory commit log
     *                 ({@code zookeeper.commitLogCount}, 500 transactions) to exercise the DIFF sync path, or well
     *                 past it for the snapshot path (throttle the workload with a rate for that)
     */
    public static FaultSequence staleNodeTakesOver(Duration staleFor) {
        return FaultSequence.named("stale node rejoins and takes over (stale for " + staleFor.toSeconds() + " s)")
                .isolate(Role.highestFollower()).waitFor(staleFor).heal().awaitServing(Role.lastRejoined())
                .kill(Role.leader()).awaitNewLeader().heal().awaitServing(Role.lastRejoined())
                .waitFor(staleFor).repeat();
    }

    /**
     * Kill during sync: kill a follower, restart it after {@code downFor}, and kill the leader as soon as the
     * restarted server answers, while it elects or syncs; then restart the old leader once a new one leads. Aimed at
     * the sync path's state between NEWLEADER and UPTODATE (ZOOKEEPER-4643, ZOOKEEPER-4785 and their kind). Which
     * sync each node got is in {@code servers.json}'s {@code syncs}.
     */
    public static FaultSequence killDuringSync(Duration downFor) {
        return FaultSequence.named("kill the leader while a restarted follower syncs (down for " + downFor.toSeconds()
                        + " s)")
                .kill(Role.follower(1)).waitFor(downFor).heal().awaitAnswering(Role.lastRejoined())
                .kill(Role.leader()).awaitNewLeader().heal().awaitServing(Role.lastRejoined())
                .repeat();
    }

    /** Kills and restarts every node in turn, the leader last, each {@code gap} after the previous one rejoined. */
    public static FaultSequence rollingRestarts(Duration gap) {
        return FaultSequence.named("rolling restarts, " + gap.toMillis() + " ms after each rejoin")
                .restartEachNode(gap).waitFor(gap).repeat();
    }

    /**
     * Isolates the leader, lets the majority elect a new one, kills that new leader too, then heals everything:
     * two leader changes in a row with a stale former leader coming back.
     */
    public static FaultSequence partitionThenKillLeader(Duration downFor) {
        return FaultSequence.named("partition the leader off, then kill its successor")
                .isolate(Role.leader()).awaitNewLeader().kill(Role.leader()).waitFor(downFor).healAll()
                .awaitLeader().waitFor(downFor).repeat();
    }

    /**
     * Pauses the leader for longer than {@code syncLimit × tickTime} (2 s with the ensemble's defaults), so its
     * followers give up on it and elect anew, then resumes it: a deposed leader that does not know it yet.
     */
    public static FaultSequence pauseLeaderPastSyncLimit(Duration pause) {
        return FaultSequence.named("pause the leader for " + pause.toMillis() + " ms")
                .pause(Role.leader()).waitFor(pause).heal().awaitLeader().waitFor(pause).repeat();
    }

    /**
     * Dynamic membership: removes a random follower from the voting members and adds it back, then cuts another
     * random follower off, removes it while it is cut off, adds it back while it still is, and heals, so it learns
     * both changes only when it rejoins. Aimed at reconfiguration's own paths (the two configurations' quorums, a
     * member that missed its removal, a new configuration reaching a node through the election). Each change is a
     * {@code reconfig} fault event. Needs an ensemble with {@code withDynamicMembership()}; Docker only.
     *
     * @param between how long each change stays before the next step
     */
    public static FaultSequence membershipChanges(Duration between) {
        return FaultSequence.named("remove a follower and add it back, then again while it is cut off ("
                        + between.toMillis() + " ms between steps)")
                .removeMember(Role.randomFollower()).waitFor(between).heal().awaitServing(Role.lastRejoined())
                .waitFor(between)
                .isolate(Role.randomFollower()).removeMember(Role.lastHit()).waitFor(between).heal()
                .waitFor(between).healAll().awaitServing(Role.lastRejoined()).waitFor(between)
                .repeat();
    }

    /** A schedule that injects nothing. */
    public static FaultSchedule none() {
        return FaultSchedule.none();
    }
}
