package io.chaoskeeper.check.internal;

import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sessions of a membership history: who joined (and with which session and timeout), when each session is known
 * to have ended (a {@code leave} ok, or an {@code expired} event), and the ok {@code members} reads.
 *
 * <p>An {@code expired} event may be recorded alone (an info with no invocation) while the process has another
 * operation open, so completions are paired with the open invocation of the same function only.
 */
public final class Sessions {

    /**
     * One session of a member.
     *
     * @param member    the member name
     * @param id        the session id as recorded (e.g. {@code 0x100000a2}), or null
     * @param join      the join invocation
     * @param timeoutMs the session timeout in ms, or null when unknown
     */
    public record Session(String member, String id, Operation join, Long timeoutMs) {
    }

    private final Map<Session, Operation> ends = new IdentityHashMap<>();
    private final Map<String, List<Session>> byMember = new HashMap<>();
    private final Map<String, Session> byId = new HashMap<>();
    private final Map<Long, Session> current = new HashMap<>();
    private final List<Long> anonymousJoins = new ArrayList<>();
    private final List<Call> reads = new ArrayList<>();
    private final Long defaultTimeoutMs;

    private Sessions(Long defaultTimeoutMs) {
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    /** The sessions of a history; joins without {@code sessionTimeoutMs} get {@code defaultTimeoutMs} (or null). */
    public static Sessions of(History history, Long defaultTimeoutMs) {
        Sessions sessions = new Sessions(defaultTimeoutMs);
        Map<Long, Operation> open = new HashMap<>();
        for (Operation op : history.clientOperations()) {
            if (op.isInvoke()) {
                open.put(op.process(), op);
                continue;
            }
            Operation invoke = open.get(op.process());
            if (invoke != null && invoke.f().equals(op.f())) {
                open.remove(op.process());
            } else {
                invoke = null;
            }
            sessions.add(invoke, op);
        }
        return sessions;
    }

    private void add(Operation invoke, Operation op) {
        Map<String, Object> value = Values.asMap(op.value());
        Object member = value.containsKey("member") || invoke == null ? value.get("member")
                : Values.asMap(invoke.value()).get("member");
        String sessionId = value.get("session") == null ? null : String.valueOf(value.get("session"));
        Session known = sessionId != null ? byId.get(sessionId) : current.get(op.process());
        switch (op.f()) {
            case "join" -> join(invoke == null ? op : invoke, op, member, sessionId, value);
            case "leave", "expired" -> {
                if (known != null && (op.type() == Type.OK || op.f().equals("expired"))) {
                    ends.putIfAbsent(known, op);
                }
            }
            case "members" -> {
                if (op.type() == Type.OK && invoke != null && Values.asList(op.value()) != null) {
                    reads.add(new Call(invoke, op));
                }
            }
            default -> {
            }
        }
    }

    private void join(Operation invoke, Operation op, Object member, String sessionId, Map<String, Object> value) {
        if (op.type() == Type.FAIL) {
            return;
        }
        if (member == null) {
            anonymousJoins.add(invoke.time());
            return;
        }
        Long timeout = Values.asLong(value.get("sessionTimeoutMs"));
        Session s = new Session(String.valueOf(member), sessionId, invoke, timeout != null ? timeout
                : defaultTimeoutMs);
        byMember.computeIfAbsent(s.member(), m -> new ArrayList<>()).add(s);
        if (sessionId != null) {
            byId.put(sessionId, s);
        }
        current.put(op.process(), op.type() == Type.OK ? s : null);
    }

    /** The leave ok or expired event that ended a session, or null while it may be alive. */
    public Operation endOf(Session session) {
        return ends.get(session);
    }

    /** The latest time (ns) a listing may still show a session, or MAX_VALUE while it may be alive. */
    public long deadline(Session session, long allowanceNanos) {
        Operation end = ends.get(session);
        return end == null || session.timeoutMs() == null ? Long.MAX_VALUE
                : end.time() + session.timeoutMs() * 1_000_000 + allowanceNanos;
    }

    /** The sessions of a member, in join order (empty if it never joined). */
    public List<Session> of(String member) {
        return byMember.getOrDefault(member, List.of());
    }

    /** All sessions. */
    public List<Session> all() {
        return byMember.values().stream().flatMap(List::stream).toList();
    }

    /** Invocation times of joins that may have happened but whose member is unknown (info, no name recorded). */
    public List<Long> anonymousJoins() {
        return anonymousJoins;
    }

    /** The ok {@code members} reads. */
    public List<Call> reads() {
        return reads;
    }
}
