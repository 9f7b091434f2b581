package io.chaoskeeper.history;

import java.util.Map;
import java.util.Objects;

/**
 * One event of a history, shaped like a Jepsen op: an invocation or a completion of a client operation, or a
 * fault event of the nemesis.
 *
 * <p>Values are plain JSON-like Java values: {@code null}, {@link Long}, {@link Double}, {@link String},
 * {@link Boolean}, {@link java.util.List} and {@link Map} (string keys) of those. Optional fields are {@code null}
 * when absent; {@code extra} is never null.
 *
 * @param index   position in the history, strictly increasing from 0
 * @param type    invoke, ok, fail or info
 * @param process the logical client process; {@link #NEMESIS} for fault events
 * @param f       the operation's function, e.g. {@code read}, {@code write}, {@code cas}, {@code acquire}
 * @param value   the operation's argument (invoke) or result (completion)
 * @param time    nanoseconds since the run started, monotonic
 * @param key     the key the operation is about (a znode, a register name), or null
 * @param node    the server the client talked to, or null
 * @param error   why a fail or info happened, or null
 * @param zxid    the ZooKeeper transaction id the operation observed or created, or null
 * @param extra   any further fields, in insertion order
 */
public record Operation(long index, Type type, long process, String f, Object value, long time, String key,
                        String node, String error, Long zxid, Map<String, Object> extra) {

    /** The process id of fault events ("nemesis" in JSON and EDN). */
    public static final long NEMESIS = -1;

    /** Whether an event starts an operation or says how it ended. */
    public enum Type {
        /** The client called the operation. */
        INVOKE,
        /** It completed and certainly took effect. */
        OK,
        /** It completed and certainly did not take effect. */
        FAIL,
        /** Unknown: it may or may not have taken effect (timeout, connection loss during a write). */
        INFO;

        /** The lower-case name used in JSON and EDN. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The type for a wire name such as {@code "ok"}, or null when there is none. */
        public static Type fromWireName(String name) {
            return switch (name) {
                case "invoke" -> INVOKE;
                case "ok" -> OK;
                case "fail" -> FAIL;
                case "info" -> INFO;
                default -> null;
            };
        }
    }

    public Operation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
        extra = extra == null ? Map.of() : extra;
    }

    /** A minimal event with no optional fields. */
    public static Operation of(long index, Type type, long process, String f, Object value, long time) {
        return new Operation(index, type, process, f, value, time, null, null, null, null, Map.of());
    }

    /** True for fault events, false for client operations. */
    public boolean isNemesis() {
        return process == NEMESIS;
    }

    /** True for an invocation. */
    public boolean isInvoke() {
        return type == Type.INVOKE;
    }

    /** This event with another index (used when merging client and fault streams). */
    public Operation withIndex(long newIndex) {
        return new Operation(newIndex, type, process, f, value, time, key, node, error, zxid, extra);
    }

    /** This event with another key. */
    public Operation withKey(String newKey) {
        return new Operation(index, type, process, f, value, time, newKey, node, error, zxid, extra);
    }
}
