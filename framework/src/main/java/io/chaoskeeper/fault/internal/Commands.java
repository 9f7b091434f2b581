package io.chaoskeeper.fault.internal;

import io.chaoskeeper.fault.PacketFault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a network helper runs. The helper's only shell code is {@link #AGENT}, a constant that reads requests
 * {@code <seq> <verb> <args...>} from its standard input and answers {@code <seq> <exit code> <output>} on one line.
 * Arguments are split into words with globbing off and passed as arguments, never evaluated as code.
 */
final class Commands {

    /** Our own chain, jumped to from INPUT, so healing touches only our rules. */
    static final String CHAIN = "CHAOSKEEPER";
    /** Docker names a container's first network interface eth0; the ensemble network is the only one. */
    static final String DEVICE = "eth0";

    static final String DROP = "drop";
    static final String UNDROP = "undrop";
    static final String TC = "tc";
    static final String QUEUE = "queue";
    static final String UNSHAPE = "unshape";
    static final String CLEANUP = "cleanup";

    static final String AGENT = """
            set -f
            rules() {
              op=$1; shift
              echo '*filter'
              for ip; do echo "$op CHAOSKEEPER -s $ip -j DROP"; done
              echo COMMIT
            }
            stop_shaper() {
              iptables -w -F CHAOSKEEPER-OUT 2>/dev/null
              [ -s /tmp/shaper.pid ] || return 0
              pid=$(cat /tmp/shaper.pid); rm -f /tmp/shaper.pid
              # TERM lets it release the packets it holds; KILL if it does not go within 2 s
              kill -TERM "$pid" 2>/dev/null || return 0
              for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
                kill -0 "$pid" 2>/dev/null || return 0
                sleep 0.1
              done
              kill -KILL "$pid" 2>/dev/null; true
            }
            while read -r seq verb rest; do
              set -- $rest
              case "$verb" in
                drop) out=$( {
                    iptables -w -N CHAOSKEEPER 2>/dev/null
                    iptables -w -C INPUT -j CHAOSKEEPER 2>/dev/null || iptables -w -I INPUT 1 -j CHAOSKEEPER || exit 1
                    rules "-A" "$@" | iptables-restore -w --noflush
                  } 2>&1 ) ;;
                undrop) out=$( {
                    # one transaction when every rule is there; rule by rule when some are gone (node restarted)
                    rules "-D" "$@" | iptables-restore -w --noflush 2>/dev/null && exit 0
                    for ip; do
                      if iptables -w -C CHAOSKEEPER -s "$ip" -j DROP 2>/dev/null; then
                        iptables -w -D CHAOSKEEPER -s "$ip" -j DROP || exit 1
                      fi
                    done
                  } 2>&1 ) ;;
                tc) out=$(tc "$@" 2>&1) ;;
                queue) out=$( {
                    stop_shaper
                    rm -f /tmp/shaper.ready
                    python3 /usr/local/lib/chaoskeeper-shaper.py "$1" "$2" "$3" "$4" "$5" "$6" "$7" /tmp/shaper.ready \
                      </dev/null >/dev/null 2>/tmp/shaper.log &
                    echo $! > /tmp/shaper.pid
                    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
                      [ -s /tmp/shaper.ready ] && break
                      kill -0 "$(cat /tmp/shaper.pid)" 2>/dev/null || { cat /tmp/shaper.log; exit 1; }
                      sleep 0.1
                    done
                    [ -s /tmp/shaper.ready ] || { echo "the packet shaper did not start within 3 s"; exit 1; }
                    queue=$1; mark=$7; shift 7
                    iptables -w -N CHAOSKEEPER-OUT 2>/dev/null
                    iptables -w -C OUTPUT -j CHAOSKEEPER-OUT 2>/dev/null \
                      || iptables -w -I OUTPUT 1 -j CHAOSKEEPER-OUT || exit 1
                    {
                      echo '*filter'
                      if [ $# -eq 0 ]; then set -- 0.0.0.0/0; fi
                      for ip; do
                        echo "-A CHAOSKEEPER-OUT -o eth0 -d $ip -m mark ! --mark $mark -j NFQUEUE --queue-num $queue --queue-bypass"
                      done
                      echo COMMIT
                    } | iptables-restore -w --noflush
                  } 2>&1 ) ;;
                unshape) out=$( {
                    # a shaper that died early let packets by (queue bypass): heal all the same, then say so
                    early=
                    if [ -s /tmp/shaper.pid ] && ! kill -0 "$(cat /tmp/shaper.pid)" 2>/dev/null; then
                      early="the packet shaper had stopped before the heal, so the fault ended early:"
                      early="$early $(tail -c 300 /tmp/shaper.log)"
                    fi
                    stop_shaper
                    tc qdisc del dev eth0 root 2>/dev/null
                    [ -z "$early" ] || { echo "$early"; exit 1; }
                  } 2>&1 ) ;;
                cleanup) out=$(
                    iptables -w -D INPUT -j CHAOSKEEPER 2>/dev/null
                    iptables -w -F CHAOSKEEPER 2>/dev/null
                    iptables -w -X CHAOSKEEPER 2>/dev/null
                    stop_shaper
                    iptables -w -D OUTPUT -j CHAOSKEEPER-OUT 2>/dev/null
                    iptables -w -X CHAOSKEEPER-OUT 2>/dev/null
                    tc qdisc del dev eth0 root 2>/dev/null
                    true) ;;
                *) out="unknown request $verb"; false ;;
              esac
              rc=$?
              printf '%s %s %s\\n' "$seq" "$rc" "$(echo $out)"
            done
            """;

    /** Where a helper keeps the packet shaper; {@link NetworkHelpers} copies it in before the helper starts. */
    static final String SHAPER_PATH = "/usr/local/lib/chaoskeeper-shaper.py";
    /** The NFQUEUE our rules feed; queues belong to a network namespace, so one number serves every node. */
    static final int QUEUE_NUMBER = 4242;
    /** Marks the shaper's duplicate copies, which our rules let by so they are not shaped again. */
    static final String MARK = "0xc4a0";

    /** What a class without netem still lets through: effectively unlimited. */
    private static final String UNLIMITED = "100gbit";

    private Commands() {
    }

    /**
     * The {@code tc} commands (each an argument list) that shape the packets leaving a node, only those toward
     * {@code peers} when some are given.
     */
    static List<List<String>> shape(PacketFault fault, List<String> peers) {
        List<List<String>> batch = new ArrayList<>();
        if (peers.isEmpty()) {
            batch.add(words("qdisc replace dev " + DEVICE + " root "
                    + (fault.isRateOnly() ? tokenBucket(fault) : netem(fault))));
            return batch;
        }
        // an htb root sends everything to class 1:1 except what the filters pick for the shaped class 1:2
        String shapedRate = fault.rateKbit() > 0 ? fault.rateKbit() + "kbit" : UNLIMITED;
        batch.add(words("qdisc replace dev " + DEVICE + " root handle 1: htb default 1"));
        batch.add(words("class add dev " + DEVICE + " parent 1: classid 1:1 htb rate " + UNLIMITED));
        batch.add(words("class add dev " + DEVICE + " parent 1: classid 1:2 htb rate " + shapedRate));
        if (!fault.isRateOnly()) {
            batch.add(words("qdisc add dev " + DEVICE + " parent 1:2 handle 20: " + netem(fault)));
        }
        for (String ip : peers) {
            batch.add(words("filter add dev " + DEVICE + " parent 1: protocol ip prio 1 u32 match ip dst " + ip
                    + "/32 flowid 1:2"));
        }
        return batch;
    }

    /**
     * The arguments of a {@link #QUEUE} request: the user-space shaper's delay, jitter, loss, duplication and
     * reordering for the packets toward {@code peers} (all packets when there are none). Its rate limit, if any,
     * stays with {@code tc}: see {@link #shape} of {@link PacketFault#rateOnly()}.
     */
    static List<String> queue(PacketFault f, List<String> peers) {
        List<String> args = new ArrayList<>(List.of(Integer.toString(QUEUE_NUMBER),
                Long.toString(micros(f.delay())), Long.toString(micros(f.jitter())),
                percent(f.lossPercent()), percent(f.duplicatePercent()), percent(f.reorderPercent()), MARK));
        args.addAll(peers);
        return args;
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1_000;
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.3f", p);
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
            s.append(' ').append(option).append(' ').append(percent(percent)).append('%');
        }
    }

    private static List<String> words(String line) {
        return List.of(line.split(" "));
    }
}
