package io.chaoskeeper.check.internal;

import io.chaoskeeper.history.Call;
import io.chaoskeeper.history.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.chaoskeeper.check.internal.Zxids.hex;

/**
 * A read or a write of one znode by one client, taken from the register, cas-register and config workload shapes:
 * the value it wrote or saw, and the zxid, version and session zxid it reported.
 *
 * <p>Writes are {@code write}, {@code cas} (invoked with {@code [expectedVersion, v]}) and {@code write-config};
 * reads are {@code read} and {@code watch}. Values may come bare ({@code v}) or with a version ({@code [v, version]});
 * otherwise the version is {@code extra.version}.
 *
 * @param call     the call
 * @param write    true for a write, false for a read
 * @param key      the znode
 * @param client   the client ({@code extra.client}, else the process)
 * @param value    the value written (for a write, whatever its outcome) or read (for an ok read)
 * @param zxid     the mzxid the op created or saw; null when not recorded or not ok
 * @param version  the znode version the op created or saw, or null
 * @param seenZxid the session's last seen zxid after the op ({@code extra.seenZxid}), or null
 * @param sync     true for a {@code sync}-then-read
 */
public record ZnodeAccess(Call call, boolean write, String key, String client, Object value, Long zxid, Long version,
                          Long seenZxid, boolean sync) {

    private static final Set<String> WRITES = Set.of("write", "cas", "write-config");
    private static final Set<String> READS = Set.of("read", "watch");

    /** The reads and writes among the calls, in invocation order. */
    public static List<ZnodeAccess> of(List<Call> calls) {
        List<ZnodeAccess> accesses = new ArrayList<>();
        for (Call call : calls) {
            Operation invoke = call.invoke();
            boolean write = WRITES.contains(invoke.f());
            if (!write && !READS.contains(invoke.f())) {
                continue;
            }
            Operation done = call.outcome() == Operation.Type.OK ? call.completion() : null;
            Object value;
            if (write) {
                List<?> arg = Values.asList(invoke.value());
                value = invoke.f().equals("cas") && arg != null && arg.size() == 2 ? arg.get(1) : invoke.value();
            } else {
                value = done == null ? null : bare(done.value());
            }
            Long version = done == null ? null : version(done);
            accesses.add(new ZnodeAccess(call, write, invoke.key() == null ? "" : invoke.key(),
                    Values.client(call), value, done == null ? null : done.zxid(), version,
                    done == null ? null : Values.asLong(done.extra().get("seenZxid")),
                    "sync".equals(Values.extra(call, "readMode"))));
        }
        return accesses;
    }

    private static Object bare(Object value) {
        List<?> pair = Values.asList(value);
        return pair != null && pair.size() == 2 ? pair.get(0) : value;
    }

    private static Long version(Operation done) {
        List<?> pair = Values.asList(done.value());
        if (pair != null && pair.size() == 2) {
            return Values.asLong(pair.get(1));
        }
        return Values.asLong(done.extra().get("version"));
    }

    /** True when the op completed ok. */
    public boolean ok() {
        return call.outcome() == Operation.Type.OK;
    }

    /** When it was invoked (ns). */
    public long start() {
        return call.invoke().time();
    }

    /** When it completed (ns), or {@link Long#MAX_VALUE}. */
    public long end() {
        return call.endTime();
    }

    /** The server it talked to, or "?" when not recorded. */
    public String node() {
        Operation op = call.completion() != null && call.completion().node() != null ? call.completion()
                : call.invoke();
        return op.node() == null ? "?" : op.node();
    }

    /** The index of its completion, or of its invocation when it never completed. */
    public long index() {
        return call.completion() != null ? call.completion().index() : call.invoke().index();
    }
}
