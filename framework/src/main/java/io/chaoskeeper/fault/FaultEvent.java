package io.chaoskeeper.fault;

import io.chaoskeeper.history.Operation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fault starting or stopping, as recorded beside client operations on the history's timeline.
 *
 * <p>In a history it becomes an {@link Operation} of process {@code nemesis}, type {@code info}, with
 * {@code f} = {@code fault-start} or {@code fault-stop} and value
 * {@code {"id":..,"kind":..,"targets":[..],"params":{..}}}; a failure to apply or heal is its {@code error}.
 *
 * @param nanoTime   {@link System#nanoTime()} when the fault was applied or healed
 * @param start      true when the fault starts, false when it is healed
 * @param id         identifies the fault, so that a stop pairs with its start
 * @param kind       e.g. {@code partition}, {@code pause}, {@code kill}, {@code netem}, {@code clock}
 * @param targets    the node names it hits, e.g. {@code zk1}
 * @param parameters the grudge, delays, etc. as JSON-like values
 * @param error      why applying or healing failed, or null
 */
public record FaultEvent(long nanoTime, boolean start, long id, String kind, List<String> targets,
                         Map<String, Object> parameters, String error) {

    /** The {@code f} of a fault start in a history. */
    public static final String START = "fault-start";
    /** The {@code f} of a fault stop in a history. */
    public static final String STOP = "fault-stop";

    public FaultEvent {
        Objects.requireNonNull(kind, "kind");
        targets = List.copyOf(targets);
        parameters = parameters == null ? Map.of() : parameters;
    }

    /** This event as a history operation with the given index, timed relative to the run's start. */
    public Operation toOperation(long index, long runStartNanos) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("id", id);
        value.put("kind", kind);
        value.put("targets", targets);
        value.put("params", parameters);
        return new Operation(index, Operation.Type.INFO, Operation.NEMESIS, start ? START : STOP, value,
                nanoTime - runStartNanos, null, null, error, null, Map.of());
    }
}
