package io.chaoskeeper.fault;

/** Ready-made fault schedules. */
public final class FaultSchedules {

    private FaultSchedules() {
    }

    /** A schedule that starts faults from a weighted mix at fixed or random intervals; configure it fluently. */
    public static RandomFaultSchedule random() {
        return new RandomFaultSchedule();
    }

    /** A schedule that injects nothing. */
    public static FaultSchedule none() {
        return FaultSchedule.none();
    }
}
