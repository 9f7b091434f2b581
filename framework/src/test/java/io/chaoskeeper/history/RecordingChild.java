package io.chaoskeeper.history;

import java.nio.file.Path;
import java.util.Map;

/** A JVM that records continuously until killed, for {@link SigkillDurabilityTest}. Bounded to 60 s. */
public final class RecordingChild {

    public static void main(String[] args) throws Exception {
        HistoryRecorder recorder = HistoryRecorder.toFile(Path.of(args[0]));
        long end = System.currentTimeMillis() + 60_000;
        Runnable loop = () -> {
            long process = Thread.currentThread().getName().hashCode() & 0xff;
            while (System.currentTimeMillis() < end) {
                long wall = System.currentTimeMillis();
                recorder.record(new Operation(0, Operation.Type.INVOKE, process, "write", wall, 0, "k", null, null,
                        null, Map.of("wall", wall)));
                java.util.concurrent.locks.LockSupport.parkNanos(50_000);
            }
        };
        Thread a = new Thread(loop, "a");
        Thread b = new Thread(loop, "b");
        a.start();
        b.start();
        Thread.sleep(200);
        System.out.println("recording");
        System.out.flush();
        a.join();
    }
}
