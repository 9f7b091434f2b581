package io.chaoskeeper.workload;

import io.chaoskeeper.history.Operation;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;

import java.util.Map;

/**
 * Leader election with Curator's {@link LeaderLatch}: {@code lead} is invoked when a client comes to believe it
 * leads and completes ok when it stops believing it (notLeader, or it gives up leadership), or info if the run
 * ends first; value {@code {"participant": id}}. Leaders give up leadership now and then so that it moves.
 */
public final class ElectionWorkload extends PathWorkload {

    static final String PATH = "/chaoskeeper/election";

    private double abdicationRate = 0.2;

    /** With the defaults. */
    public ElectionWorkload() {
        super("election", PATH);
    }

    /** The chance a step of a leader gives up leadership (default 0.2; a step lasts about 100–300 ms). */
    public ElectionWorkload withAbdicationRate(double rate) {
        this.abdicationRate = rate;
        return this;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = super.parameters();
        p.put("abdicationRate", abdicationRate);
        return p;
    }

    @Override
    public Client client(ClientContext ctx) {
        return new Participant(ctx);
    }

    private final class Participant implements Client, LeaderLatchListener {
        private final ClientContext ctx;
        private final String id;
        private LeaderLatch latch;
        private Operation leading;

        Participant(ClientContext ctx) {
            this.ctx = ctx;
            this.id = "p" + ctx.index();
        }

        @Override
        public synchronized void isLeader() {
            if (leading == null) {
                leading = ctx.begin("lead", "election", Map.of("participant", id));
            }
        }

        @Override
        public synchronized void notLeader() {
            end(Result.ok(Map.of("participant", id)));
        }

        private synchronized void end(Result result) {
            if (leading != null) {
                ctx.complete(leading, result);
                leading = null;
            }
        }

        @Override
        public void step() throws Exception {
            if (latch == null) {
                latch = new LeaderLatch(ctx.curator(), PATH, id, LeaderLatch.CloseMode.NOTIFY_LEADER);
                latch.addListener(this);
                latch.start();
            }
            Thread.sleep(100 + ctx.random().nextInt(200));
            if (latch.hasLeadership() && ctx.random().nextDouble() < abdicationRate) {
                closeLatch();
            }
        }

        private void closeLatch() {
            try {
                latch.close(); // NOTIFY_LEADER: notLeader() ends the lead op
            } catch (Exception | Error closing) {
                end(Result.info("close-failed"));
            }
            latch = null;
        }

        @Override
        public void close() {
            end(Result.info("run-ended").withValue(Map.of("participant", id)));
            if (latch != null) {
                latch.removeListener(this);
                closeLatch();
            }
        }
    }
}
