package io.chaoskeeper.fault.internal;

import io.chaoskeeper.fault.PacketFault;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code iptables} and {@code tc} commands run in a node's network namespace. Each is an argument array: the
 * only shell scripts are constants that receive addresses and numbers as positional arguments, never as code.
 */
final class Commands {

    /** Our own chain, jumped to from INPUT, so healing touches only our rules. */
    static final String CHAIN = "CHAOSKEEPER";
    /** Docker names a container's first network interface eth0; the ensemble network is the only one. */
    static final String DEVICE = "eth0";

    private static final String DROP_FROM = """
            iptables -w -N CHAOSKEEPER 2>/dev/null
            iptables -w -C INPUT -j CHAOSKEEPER 2>/dev/null || iptables -w -I INPUT 1 -j CHAOSKEEPER || exit 1
            for ip; do iptables -w -A CHAOSKEEPER -s "$ip" -j DROP || exit 1; done
            """;
    // a rule already gone (the node restarted, or was healed) counts as healed
    private static final String UNDROP_FROM = """
            for ip; do
              if iptables -w -C CHAOSKEEPER -s "$ip" -j DROP 2>/dev/null; then
                iptables -w -D CHAOSKEEPER -s "$ip" -j DROP || exit 1
              fi
            done
            """;
    private static final String CLEANUP = """
            iptables -w -D INPUT -j CHAOSKEEPER 2>/dev/null
            iptables -w -F CHAOSKEEPER 2>/dev/null
            iptables -w -X CHAOSKEEPER 2>/dev/null
            tc qdisc del dev eth0 root 2>/dev/null
            exit 0
            """;
    private static final String TC_BATCH = "printf '%s\\n' \"$@\" | tc -batch -";
    private static final String TC_UNDO = "tc qdisc del dev eth0 root 2>/dev/null; exit 0";
    /** What a netem-less class or filter still lets through: effectively unlimited. */
    private static final String UNLIMITED = "100gbit";

    private Commands() {
    }

    /** Drops every packet arriving from these addresses. */
    static List<String> dropFrom(List<String> ips) {
        return script(DROP_FROM, ips);
    }

    /** Removes the drop rules for these addresses, as many as {@link #dropFrom} added. */
    static List<String> undropFrom(List<String> ips) {
        return script(UNDROP_FROM, ips);
    }

    /** Removes our chain and our qdisc. */
    static List<String> cleanup() {
        return script(CLEANUP, List.of());
    }

    /** Shapes the packets leaving the node, toward these peers only when some are given. */
    static List<String> shape(PacketFault fault, List<String> peers) {
        List<String> batch = new ArrayList<>();
        if (peers.isEmpty()) {
            batch.add("qdisc replace dev " + DEVICE + " root " + (fault.isRateOnly() ? tokenBucket(fault) : netem(fault)));
        } else {
            // an htb root sends everything to class 1:1 except what the filters pick for the shaped class 1:2
            String shapedRate = fault.rateKbit() > 0 ? fault.rateKbit() + "kbit" : UNLIMITED;
            batch.add("qdisc replace dev " + DEVICE + " root handle 1: htb default 1");
            batch.add("class add dev " + DEVICE + " parent 1: classid 1:1 htb rate " + UNLIMITED);
            batch.add("class add dev " + DEVICE + " parent 1: classid 1:2 htb rate " + shapedRate);
            if (!fault.isRateOnly()) {
                batch.add("qdisc add dev " + DEVICE + " parent 1:2 handle 20: " + netem(fault));
            }
            for (String ip : peers) {
                batch.add("filter add dev " + DEVICE + " parent 1: protocol ip prio 1 u32 match ip dst " + ip
                        + "/32 flowid 1:2");
            }
        }
        return script(TC_BATCH, batch);
    }

    /** Removes the node's root qdisc, and with it all shaping. */
    static List<String> unshape() {
        return script(TC_UNDO, List.of());
    }

    static String netem(PacketFault f) {
        StringBuilder s = new StringBuilder("netem");
        if (!f.delay().isZero()) {
            s.append(" delay ").append(f.delay().toMillis()).append("ms");
            if (!f.jitter().isZero()) {
                s.append(' ').append(f.jitter().toMillis()).append("ms");
            }
        }
        append(s, "loss", f.lossPercent());
        append(s, "duplicate", f.duplicatePercent());
        append(s, "reorder", f.reorderPercent());
        if (f.rateKbit() > 0) {
            s.append(" rate ").append(f.rateKbit()).append("kbit");
        }
        return s.toString();
    }

    private static String tokenBucket(PacketFault f) {
        return "tbf rate " + f.rateKbit() + "kbit burst 32kbit latency 400ms";
    }

    private static void append(StringBuilder s, String option, double percent) {
        if (percent > 0) {
            s.append(' ').append(option).append(' ').append(String.format(Locale.ROOT, "%.3f%%", percent));
        }
    }

    private static List<String> script(String script, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        argv.addAll(args);
        return argv;
    }
}
