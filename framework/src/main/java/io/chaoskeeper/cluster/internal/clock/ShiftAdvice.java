package io.chaoskeeper.cluster.internal.clock;

import net.bytebuddy.asm.Advice;

/**
 * The code woven onto the end of ZooKeeper's {@code Time.currentElapsedTime()} and {@code Time.currentWallTime()}:
 * it adds the agent's current offset to what they return. Only its bytecode is used, copied into that class.
 */
final class ShiftAdvice {

    private ShiftAdvice() {
    }

    @Advice.OnMethodExit
    static void addOffset(@Advice.Return(readOnly = false) long time) {
        time += ClockOffset.millis();
    }
}
