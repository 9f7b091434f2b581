package io.chaoskeeper.cluster.internal.clock;

import net.bytebuddy.asm.Advice;

/**
 * The code woven onto the end of ZooKeeper's {@code Time} clock methods: it adds the agent's current offsets to what
 * they return. Only its bytecode is used, copied into that class.
 */
final class ShiftAdvice {

    private ShiftAdvice() {
    }

    /** On {@code Time.currentWallTime()}: the wall clock moves with the fault, back and forth. */
    static final class Wall {
        private Wall() {
        }

        @Advice.OnMethodExit
        static void addOffset(@Advice.Return(readOnly = false) long time) {
            time += ClockOffset.wallMillis();
        }
    }

    /** On {@code Time.currentElapsedTime()}: the elapsed clock only ever leaps ahead. */
    static final class Elapsed {
        private Elapsed() {
        }

        @Advice.OnMethodExit
        static void addOffset(@Advice.Return(readOnly = false) long time) {
            time += ClockOffset.elapsedMillis();
        }
    }
}
