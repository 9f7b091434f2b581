package io.chaoskeeper.evidence.internal;

import io.chaoskeeper.cluster.ZooKeeperNode;
import io.chaoskeeper.evidence.EvidenceSource;
import io.chaoskeeper.evidence.NodeState;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Why a server is silent (paused or down), asked of the {@link EvidenceSource} off the poll's own thread and waited
 * for only as long as the poll period allows: a slow engine (a loaded Docker daemon can take seconds to answer
 * {@code inspect}) must not stretch the timeline. One question per server is in flight at a time; a late answer
 * still serves that server's next silent samples, but only within the same silence: once the server answers
 * again, what was known about its container is forgotten (a paused server was running when last asked about).
 */
final class SilentStates {

    /** A silent server's state, and the sample's {@code error}. */
    record Silent(NodeState state, String error) {
    }

    private final EvidenceSource source;
    private final Executor pool;
    private final Map<String, CompletableFuture<NodeState>> asked = new ConcurrentHashMap<>();
    private final Map<String, NodeState> known = new ConcurrentHashMap<>();
    private final Map<String, Long> silences = new ConcurrentHashMap<>();

    SilentStates(EvidenceSource source, Executor pool) {
        this.source = source;
        this.pool = pool;
    }

    /** The state of a server that did not answer within {@code timeoutMs}, waiting at most {@code waitNanos}. */
    Silent of(ZooKeeperNode node, long timeoutMs, long waitNanos) {
        String why = "no answer to srvr within " + timeoutMs + " ms";
        CompletableFuture<NodeState> answer = asked.computeIfAbsent(node.name(), n -> ask(node));
        NodeState state;
        try {
            state = answer.get(Math.max(waitNanos, 1), TimeUnit.NANOSECONDS);
            asked.remove(node.name(), answer);
        } catch (TimeoutException late) {
            state = known.get(node.name());
            if (state == null) {
                return new Silent(NodeState.DOWN, why + "; its container state is not known yet");
            }
        } catch (ExecutionException e) {
            return new Silent(NodeState.DOWN, why + "; its container state is unknown (" + e.getCause() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Silent(NodeState.DOWN, why);
        }
        return state == NodeState.PAUSED ? new Silent(state, "paused") : new Silent(state, why);
    }

    /** The server answered: its next silence starts afresh. */
    void answered(ZooKeeperNode node) {
        if (known.remove(node.name()) != null | asked.remove(node.name()) != null) {
            silences.merge(node.name(), 1L, Long::sum);
        }
    }

    private CompletableFuture<NodeState> ask(ZooKeeperNode node) {
        long silence = silences.getOrDefault(node.name(), 0L);
        CompletableFuture<NodeState> answer = CompletableFuture.supplyAsync(() -> source.silentState(node), pool);
        answer.whenComplete((state, error) -> {
            if (state != null && silence == silences.getOrDefault(node.name(), 0L)) {
                known.put(node.name(), state);
            }
            asked.remove(node.name(), answer);
        });
        return answer;
    }
}
