package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.Results;
import io.chaoskeeper.check.internal.Values;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.chaoskeeper.check.internal.Results.at;
import static io.chaoskeeper.check.internal.Results.data;
import static io.chaoskeeper.check.internal.Results.lasting;

/**
 * Judges a membership history (ephemeral znodes): no member may outlive its session by more than the session
 * timeout.
 *
 * <p>A session starts with a {@code join} (ok value {@code {member, session, sessionTimeoutMs}}) and is known to
 * have ended at a {@code leave} ok (the session was closed) or at an {@code expired} event the client saw. A member
 * listed by a {@code members} read that began more than timeout + tick allowance after the end of every session of
 * that member is a {@code ghost-member}: ZooKeeper should have deleted its ephemeral node by then. The allowance
 * ({@link #withTickAllowance}, default 2 s, one default tickTime) covers the tick granularity of session expiry.
 *
 * <p>Indeterminate operations are conservative: a join that returned info, or a leave that returned info, leaves a
 * session whose end is unknown, so that member can never be called a ghost; a listed name that never joined is only
 * reported when no join with an unknown member name was under way.
 */
public final class MembershipChecker implements Checker {

    private final Duration tickAllowance;
    private final Duration defaultSessionTimeout;

    private MembershipChecker(Duration tickAllowance, Duration defaultSessionTimeout) {
        this.tickAllowance = tickAllowance;
        this.defaultSessionTimeout = defaultSessionTimeout;
    }

    /** The membership checker, with a 2 s tick allowance. */
    public static MembershipChecker create() {
        return new MembershipChecker(Duration.ofSeconds(2), null);
    }

    /** How long past the session timeout an ephemeral node may still be listed. */
    public MembershipChecker withTickAllowance(Duration allowance) {
        if (allowance.isNegative()) {
            throw new IllegalArgumentException("the tick allowance cannot be negative: " + allowance);
        }
        return new MembershipChecker(allowance, defaultSessionTimeout);
    }

    /** The session timeout to assume when a join did not record {@code sessionTimeoutMs}. */
    public MembershipChecker withSessionTimeout(Duration timeout) {
        return new MembershipChecker(tickAllowance, Objects.requireNonNull(timeout, "timeout"));
    }

    @Override
    public String name() {
        return "membership";
    }

    /** One session of a member: open until {@code end} is known. */
    private static final class Session {
        final String member;
        final String id;
        final Operation join;
        final Long timeoutMs;
        Operation endedBy;

        Session(String member, String id, Operation join, Long timeoutMs) {
            this.member = member;
            this.id = id;
            this.join = join;
            this.timeoutMs = timeoutMs;
        }

        /** The latest time a listing may still show it, or MAX_VALUE while it may be alive. */
        long deadline(long allowanceNanos) {
            return endedBy == null || timeoutMs == null ? Long.MAX_VALUE
                    : endedBy.time() + timeoutMs * 1_000_000 + allowanceNanos;
        }
    }

    @Override
    public CheckResult check(History history) {
        return Results.guard(name(), history, results -> {
            Map<String, List<Session>> byMember = new HashMap<>();
            Map<String, Session> byId = new HashMap<>();
            Map<Long, Session> current = new HashMap<>();
            Map<Long, Operation> pending = new HashMap<>();
            List<Operation[]> reads = new ArrayList<>();
            List<Long> anonymousJoins = new ArrayList<>();
            for (Operation op : history.clientOperations()) {
                if (op.isInvoke()) {
                    pending.put(op.process(), op);
                    continue;
                }
                Operation invoke = pending.remove(op.process());
                Map<String, Object> value = Values.asMap(op.value());
                String member = value.get("member") != null ? String.valueOf(value.get("member"))
                        : invoke == null ? null : (String) Values.asMap(invoke.value()).get("member");
                String sessionId = value.get("session") == null ? null : String.valueOf(value.get("session"));
                switch (op.f()) {
                    case "join" -> {
                        if (op.type() == Type.FAIL) {
                            continue;
                        }
                        if (member == null) {
                            anonymousJoins.add(invoke == null ? op.time() : invoke.time());
                            continue;
                        }
                        Long timeout = Values.asLong(value.get("sessionTimeoutMs"));
                        if (timeout == null && defaultSessionTimeout != null) {
                            timeout = defaultSessionTimeout.toMillis();
                        }
                        Session s = new Session(member, sessionId, invoke == null ? op : invoke, timeout);
                        byMember.computeIfAbsent(member, m -> new ArrayList<>()).add(s);
                        if (sessionId != null) {
                            byId.put(sessionId, s);
                        }
                        current.put(op.process(), op.type() == Type.OK ? s : null);
                    }
                    case "leave" -> {
                        Session s = sessionId != null ? byId.get(sessionId) : current.get(op.process());
                        if (op.type() == Type.OK && s != null && s.endedBy == null) {
                            s.endedBy = op;
                        }
                    }
                    case "expired" -> {
                        Session s = sessionId != null ? byId.get(sessionId) : current.get(op.process());
                        if (s != null && s.endedBy == null) {
                            s.endedBy = op;
                        }
                    }
                    case "members" -> {
                        if (op.type() == Type.OK && invoke != null && Values.asList(op.value()) != null) {
                            reads.add(new Operation[] {invoke, op});
                        }
                    }
                    default -> {
                    }
                }
            }
            if (reads.isEmpty()) {
                return results.unknown("the history has no ok members reads to check");
            }
            long lingerMax = 0;
            for (Operation[] read : reads) {
                for (Object listed : Values.asList(read[1].value())) {
                    lingerMax = Math.max(lingerMax, checkListed(String.valueOf(listed), read, byMember,
                            anonymousJoins, results));
                }
            }
            List<Session> all = byMember.values().stream().flatMap(List::stream).toList();
            long withoutTimeout = all.stream().filter(s -> s.timeoutMs == null).count();
            results.stat("sessions", all.size()).stat("membersReads", reads.size())
                    .stat("anonymousInfoJoins", anonymousJoins.size())
                    .stat("sessionsWithoutTimeout", withoutTimeout)
                    .stat("maxListedAfterSessionEndMs", lingerMax / 1e6);
            return results.finish("no member outlived its session in " + reads.size() + " members reads",
                    !all.isEmpty() && withoutTimeout == all.size() ? "no join recorded sessionTimeoutMs and none "
                            + "was configured (withSessionTimeout), so no session has a deadline" : null);
        });
    }

    /** Reports the listed member if it is a ghost; returns how long after its session's end it was listed. */
    private long checkListed(String member, Operation[] read, Map<String, List<Session>> byMember,
                             List<Long> anonymousJoins, Results results) {
        Operation invoke = read[0];
        Operation ok = read[1];
        List<Session> sessions = byMember.getOrDefault(member, List.of());
        String node = ok.node() == null ? "?" : ok.node();
        if (sessions.isEmpty()) {
            if (anonymousJoins.stream().noneMatch(t -> t < ok.time())) {
                results.add("ghost-member", node + " listed member " + member + " at " + at(invoke.time())
                        + ", which never joined", List.of(ok.index()), data("member", member, "nodes", List.of(node)));
            }
            return 0;
        }
        long allowance = tickAllowance.toNanos();
        Session last = null;
        for (Session s : sessions) {
            if (s.join.time() >= ok.time()) {
                continue;
            }
            if (s.deadline(allowance) >= invoke.time()) {
                return s.endedBy == null ? 0 : Math.max(0, invoke.time() - s.endedBy.time());
            }
            last = last == null || s.endedBy.time() > last.endedBy.time() ? s : last;
        }
        if (last == null) {
            return 0;
        }
        long after = invoke.time() - last.endedBy.time();
        String how = last.endedBy.f().equals("leave") ? "left" : "saw its session expire";
        results.add("ghost-member", node + " still listed member " + member + " (session " + last.id + ") at "
                + at(invoke.time()) + ", " + lasting(after) + " after client " + Values.client(last.endedBy) + " "
                + how + " at " + at(last.endedBy.time()) + ", beyond the " + last.timeoutMs + " ms session timeout "
                + "plus " + tickAllowance.toMillis() + " ms allowance", List.of(ok.index(), last.endedBy.index(),
                last.join.index()), data(
                "member", member, "session", last.id, "nodes", List.of(node),
                "clients", List.of(Values.client(last.join)),
                "intervals", List.of(List.of(last.join.time(), last.endedBy.time()),
                        List.of(invoke.time(), ok.time())),
                "sessionTimeoutMs", last.timeoutMs, "listedAfterMs", after / 1e6));
        return after;
    }
}
