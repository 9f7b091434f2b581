package io.chaoskeeper.check.internal;

import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.Operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts each client's lock calls into critical sections: from an {@code acquire} to the invocation of its
 * {@code release}.
 *
 * <p>A section is <em>certain</em> when its acquire returned ok: the client held (believed it held) the lock from
 * the ok until it invoked the release. It is <em>unsure</em> when the acquire returned info or never completed: the
 * client may have held it from the invocation on. Without a release, the section lasts until the client's next
 * lock operation, or until the client gave up (an indeterminate last call: the thread went on under a new process
 * id), or else until the end of the history (it never let go).
 */
public final class CriticalSections {

    /** One critical section of one process. */
    public record Section(Call acquire, Call release, String lock, String client, long start, long end,
                          boolean certain, Long token) {
    }

    private CriticalSections() {
    }

    /** The sections of all processes, from their calls in invocation order. */
    public static List<Section> of(List<Call> calls, long historyEnd) {
        Map<Long, List<Call>> byProcess = new LinkedHashMap<>();
        for (Call call : calls) {
            byProcess.computeIfAbsent(call.invoke().process(), p -> new ArrayList<>()).add(call);
        }
        List<Section> sections = new ArrayList<>();
        for (List<Call> own : byProcess.values()) {
            for (int i = 0; i < own.size(); i++) {
                Call acquire = own.get(i);
                if (!acquire.invoke().f().equals("acquire") || acquire.outcome() == Operation.Type.FAIL) {
                    continue;
                }
                boolean certain = acquire.outcome() == Operation.Type.OK;
                long start = certain ? acquire.endTime() : acquire.invoke().time();
                Call release = null;
                long end = -1;
                for (int j = i + 1; j < own.size() && end < 0; j++) {
                    Call next = own.get(j);
                    if (next.invoke().f().equals("guarded-update")) {
                        continue;
                    }
                    release = next.invoke().f().equals("release") ? next : null;
                    end = next.invoke().time();
                }
                if (end < 0) {
                    Call last = own.get(own.size() - 1);
                    end = last.isIndeterminate() ? Math.min(last.endTime(), historyEnd) : historyEnd;
                }
                Long token = certain ? Values.asLong(acquire.completion().value()) : null;
                sections.add(new Section(acquire, release, acquire.invoke().key(),
                        Values.client(acquire), start, Math.max(start, end), certain, token));
            }
        }
        return sections;
    }
}
