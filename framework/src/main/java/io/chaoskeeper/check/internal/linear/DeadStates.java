package io.chaoskeeper.check.internal.linear;

import io.chaoskeeper.check.Model;
import io.chaoskeeper.history.Call;

import java.util.List;

/**
 * Tells when a configuration's model state no longer matters. If a pending determinate call overwrites the state
 * ({@link Model#overwrites}) and returned before every pending call that could observe the state (anything not
 * {@link Model#blind}) was invoked, then every observer comes after that overwrite; the calls that may still come
 * before it take effect in any state and reveal nothing. So whether the rest of the history can be linearized does
 * not depend on the state, and the search keys such configurations by their linearized calls alone.
 *
 * <p>This is what keeps key-value histories tractable: appends that a later put erases unseen would otherwise be
 * explored in every order, each order a different string, k! configurations for k such appends.
 */
final class DeadStates {

    /** The memo's state key for a configuration whose state no longer matters. */
    static final int DEAD = -1;

    private final boolean[] observer;
    private final boolean[] overwriter;
    private final boolean enabled;

    DeadStates(Model<?> model, List<Call> calls) {
        int n = calls.size();
        observer = new boolean[n];
        overwriter = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            Call c = calls.get(i);
            observer[i] = !model.blind(c);
            overwriter[i] = !c.isIndeterminate() && model.overwrites(c);
            any |= overwriter[i];
        }
        enabled = any;
    }

    /**
     * True when, once {@code linearized} is taken off the event list, the first pending overwrite returns before
     * the first pending observer is invoked. The list holds the pending calls' invocations and the pending
     * determinate calls' returns in history order.
     */
    boolean dead(Events events, int linearized) {
        if (!enabled) {
            return false;
        }
        for (int e = events.first(); e >= 0; e = events.next(e)) {
            int c = events.callOf(e);
            if (c == linearized) {
                continue;
            }
            boolean call = events.isCall(e);
            if (call ? observer[c] : overwriter[c]) {
                return !call;
            }
        }
        return false;
    }
}
