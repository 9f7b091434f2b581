package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.Results;
import io.chaoskeeper.check.internal.Sessions;
import io.chaoskeeper.check.internal.Sessions.Session;
import io.chaoskeeper.check.internal.Values;
import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.time.Duration;
import java.util.List;
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

    @Override
    public CheckResult check(History history) {
        return Results.guard(name(), history, results -> {
            Sessions sessions = Sessions.of(history, defaultSessionTimeout == null ? null
                    : defaultSessionTimeout.toMillis());
            if (sessions.reads().isEmpty()) {
                return results.unknown("the history has no ok members reads to check");
            }
            long lingerMax = 0;
            for (Call read : sessions.reads()) {
                for (Object listed : Values.asList(read.completion().value())) {
                    lingerMax = Math.max(lingerMax, checkListed(String.valueOf(listed), read, sessions, results));
                }
            }
            List<Session> all = sessions.all();
            long withoutTimeout = all.stream().filter(s -> s.timeoutMs() == null).count();
            results.stat("sessions", all.size()).stat("membersReads", sessions.reads().size())
                    .stat("anonymousInfoJoins", sessions.anonymousJoins().size())
                    .stat("sessionsWithoutTimeout", withoutTimeout)
                    .stat("maxListedAfterSessionEndMs", lingerMax / 1e6);
            return results.finish("no member outlived its session in " + sessions.reads().size()
                    + " members reads", !all.isEmpty() && withoutTimeout == all.size() ? "no join recorded "
                    + "sessionTimeoutMs and none was configured (withSessionTimeout), so no session has a deadline"
                    : null);
        });
    }

    /** Reports the listed member if it is a ghost; returns how long after its session's end it was listed. */
    private long checkListed(String member, Call read, Sessions sessions, Results results) {
        Operation invoke = read.invoke();
        Operation ok = read.completion();
        List<Session> of = sessions.of(member);
        String node = ok.node() == null ? "?" : ok.node();
        if (of.isEmpty()) {
            if (sessions.anonymousJoins().stream().noneMatch(t -> t < ok.time())) {
                results.add("ghost-member", node + " listed member " + member + " at " + at(invoke.time())
                        + ", which never joined", List.of(ok.index()), data("member", member, "nodes", List.of(node)));
            }
            return 0;
        }
        long allowance = tickAllowance.toNanos();
        Session last = null;
        for (Session s : of) {
            if (s.join().time() >= ok.time()) {
                continue;
            }
            Operation end = sessions.endOf(s);
            if (sessions.deadline(s, allowance) >= invoke.time()) {
                return end == null ? 0 : Math.max(0, invoke.time() - end.time());
            }
            last = last == null || end.time() > sessions.endOf(last).time() ? s : last;
        }
        if (last == null) {
            return 0;
        }
        Operation end = sessions.endOf(last);
        long after = invoke.time() - end.time();
        String how = end.f().equals("leave") ? "left" : "saw its session expire";
        results.add("ghost-member", node + " still listed member " + member + " (session " + last.id() + ") at "
                + at(invoke.time()) + ", " + lasting(after) + " after client " + Values.client(end) + " " + how
                + " at " + at(end.time()) + ", beyond the " + last.timeoutMs() + " ms session timeout plus "
                + tickAllowance.toMillis() + " ms allowance", List.of(ok.index(), end.index(), last.join().index()),
                data("member", member, "session", last.id(), "nodes", List.of(node),
                        "clients", List.of(Values.client(last.join())),
                        "intervals", List.of(List.of(last.join().time(), end.time()),
                                List.of(invoke.time(), ok.time())),
                        "sessionTimeoutMs", last.timeoutMs(), "listedAfterMs", after / 1e6));
        return after;
    }
}
