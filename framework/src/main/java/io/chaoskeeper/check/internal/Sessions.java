package io.chaoskeeper.check.internal;

import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;

import java.util.ArrayList;
import java.util.HashMap;
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

    /** One session of a member; {@code endedBy} stays null while it may be alive. */
    public static final class Session {
        private final String member;
        private final String id;
        private final Operation join;
        private final Long timeoutMs;
        private Operation endedBy;

        Session(String member, String id, Operation join, Long timeoutMs) {
            this.member = member;
            this.id = id;
            this.join = join;
            this.timeoutMs = timeoutMs;
        }

        /** The member name. */
        public String member() {
            return member;
        }

        /** The session id as recorded (e.g. {@code 0x100000a2}), or null. */
        public String id() {
            return id;
        }

        /** The join invocation. */
        public Operation join() {
            return join;
        }

        /** The session timeout in ms, or null when unknown. */
        public Long timeoutMs() {
            return timeoutMs;
        }

        /** The leave ok or expired event that ended it, or null. */
        public Operation endedBy() {
            return endedBy;
        }

        /** The latest time (ns) a listing may still show it, or MAX_VALUE while it may be alive. */
        public long deadline(long allowanceNanos) {
            return endedBy == null || timeoutMs == null ? Long.MAX_VALUE
                    : endedBy.time() + timeoutMs * 1_000_000 + allowanceNanos;
        }
    }

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
                if (known != null && known.endedBy == null && (op.type() == Type.OK || op.f().equals("expired"))) {
                    known.endedBy = op;
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
        byMember.computeIfAbsent(s.member, m -> new ArrayList<>()).add(s);
        if (sessionId != null) {
            byId.put(sessionId, s);
        }
        current.put(op.process(), op.type() == Type.OK ? s : null);
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
