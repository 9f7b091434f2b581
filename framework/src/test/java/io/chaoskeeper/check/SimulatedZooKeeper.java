package io.chaoskeeper.check;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;
import io.chaoskeeper.history.Operation.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded simulation of a correct ZooKeeper ensemble: a leader log of writes (zxids global, versions per znode),
 * three servers that apply the log with random lag, clients bound to a server that reconnect elsewhere, plain reads
 * served from the server's (possibly stale) state, sync-then-reads served after the server caught up, and writes
 * that end in info (applied or not). Reads are sequentially consistent, never behind the client's own view.
 */
final class SimulatedZooKeeper {

    /** One committed write: zxid, znode, value, the znode's version after it. */
    private record Txn(long zxid, String key, long value, long version) {
    }

    /** One client's pending operation. */
    private static final class Client {
        String id;
        long process;
        int server;
        long view;
        Operation pending;
    }

    private SimulatedZooKeeper() {
    }

    static History history(long seed) {
        return history(seed, 80);
    }

    /** A history of about {@code steps} events. */
    static History history(long seed, int steps) {
        Random random = new Random(seed);
        List<Txn> log = new ArrayList<>();
        int[] applied = new int[3];
        List<Map<String, Txn>> state = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        Map<String, Long> versions = new HashMap<>();
        List<Operation> ops = new ArrayList<>();
        long[] time = {0};
        long nextValue = 1;
        long nextProcess = 0;
        List<Client> clients = new ArrayList<>();
        for (int c = 0; c < 2 + random.nextInt(3); c++) {
            Client client = new Client();
            client.id = "c" + c;
            client.process = nextProcess++;
            client.server = random.nextInt(3);
            clients.add(client);
        }
        for (int step = 0; step < steps; step++) {
            int lagging = random.nextInt(3);
            advance(log, applied, state, lagging, Math.min(log.size(), applied[lagging] + random.nextInt(3)));
            Client c = clients.get(random.nextInt(clients.size()));
            String server = "zk" + (c.server + 1);
            time[0] += 1 + random.nextInt(4);
            if (c.pending == null) {
                if (random.nextInt(8) == 0) {
                    c.server = random.nextInt(3); // reconnect: the new server is never behind the session
                    advance(log, applied, state, c.server, Math.max(applied[c.server], (int) c.view));
                }
                String key = "k" + random.nextInt(2);
                boolean write = random.nextBoolean();
                Map<String, Object> extra = new LinkedHashMap<>(Map.of("client", c.id));
                if (!write) {
                    extra.put("readMode", random.nextInt(3) == 0 ? "sync" : "plain");
                }
                c.pending = new Operation(ops.size(), Type.INVOKE, c.process, write ? "write" : "read",
                        write ? nextValue++ : null, time[0], key, server, null, null, extra);
                ops.add(c.pending);
                continue;
            }
            Operation inv = c.pending;
            c.pending = null;
            Map<String, Object> extra = new LinkedHashMap<>(Map.of("client", c.id));
            if (inv.f().equals("write")) {
                boolean info = random.nextInt(8) == 0;
                if (!info || random.nextBoolean()) {
                    long version = versions.merge(inv.key(), 1L, Long::sum);
                    log.add(new Txn(log.size() + 1, inv.key(), (Long) inv.value(), version));
                    // the server that forwarded the write has applied it when it answers
                    advance(log, applied, state, c.server, log.size());
                    if (!info) {
                        c.view = log.size();
                        extra.put("version", version);
                        ops.add(new Operation(ops.size(), Type.OK, inv.process(), "write", inv.value(), time[0],
                                inv.key(), server, null, (long) log.size(), extra));
                        continue;
                    }
                }
                ops.add(new Operation(ops.size(), Type.INFO, inv.process(), "write", null, time[0], inv.key(),
                        server, "timeout", null, extra));
                c.process = nextProcess++;
                continue;
            }
            if ("sync".equals(inv.extra().get("readMode"))) {
                advance(log, applied, state, c.server, log.size());
            }
            Txn seen = state.get(c.server).get(inv.key());
            extra.put("version", seen == null ? 0L : seen.version());
            long zxid = seen == null ? 0 : seen.zxid();
            c.view = Math.max(c.view, zxid);
            ops.add(new Operation(ops.size(), Type.OK, inv.process(), "read", seen == null ? null : seen.value(),
                    time[0], inv.key(), server, null, zxid, extra));
        }
        return History.of(ops);
    }

    /** Server {@code s} applies the log up to (excluding) position {@code to}. */
    private static void advance(List<Txn> log, int[] applied, List<Map<String, Txn>> state, int s, int to) {
        for (; applied[s] < to; applied[s]++) {
            Txn txn = log.get(applied[s]);
            state.get(s).put(txn.key(), txn);
        }
    }

    /** This history with one completion's value, zxid and version replaced. */
    static History withState(History h, long index, Object value, Long zxid, Object version) {
        List<Operation> ops = new ArrayList<>(h.operations());
        Operation o = ops.get((int) index);
        Map<String, Object> extra = new LinkedHashMap<>(o.extra());
        extra.put("version", version);
        ops.set((int) index, new Operation(o.index(), o.type(), o.process(), o.f(), value, o.time(), o.key(),
                o.node(), o.error(), zxid, extra));
        return History.of(ops);
    }
}
