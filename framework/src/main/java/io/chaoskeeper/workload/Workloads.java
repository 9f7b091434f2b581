package io.chaoskeeper.workload;

/** The built-in workloads, each with its defaults; configure them with their {@code withX} methods. */
public final class Workloads {

    private Workloads() {
    }

    /** Registers read (plain or after sync) and written. */
    public static RegisterWorkload register() {
        return new RegisterWorkload();
    }

    /** The znode model: read, write and compare-and-set on versions. */
    public static CasRegisterWorkload casRegister() {
        return new CasRegisterWorkload();
    }

    /** A watched config znode. */
    public static ConfigWorkload config() {
        return new ConfigWorkload();
    }

    /** Ephemeral group membership with session closes and expiries. */
    public static MembershipWorkload membership() {
        return new MembershipWorkload();
    }

    /** Unique elements added, read from every server at the end. */
    public static SetWorkload set() {
        return new SetWorkload();
    }

    /** A lock (Curator's mutex or a deliberately unsafe one) guarding a counter. */
    public static LockWorkload lock() {
        return new LockWorkload();
    }

    /** Curator LeaderLatch leadership periods. */
    public static ElectionWorkload election() {
        return new ElectionWorkload();
    }

    /** A FIFO queue over sequential znodes. */
    public static QueueWorkload queue() {
        return new QueueWorkload();
    }
}
