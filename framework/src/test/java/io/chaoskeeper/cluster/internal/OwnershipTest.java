package io.chaoskeeper.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipTest {

    private static final String HOST = "this-host";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Ownership.ProcessTable ONLY_42_STARTED_AT_START =
            (pid, start) -> pid == 42 && start.equals(START);

    private static Map<String, String> owner(String host, String pid, String start) {
        Map<String, String> labels = new HashMap<>();
        labels.put(Ownership.LABEL, "true");
        labels.put(Ownership.OWNER_HOST, host);
        labels.put(Ownership.OWNER_PID, pid);
        labels.put(Ownership.OWNER_START, start);
        return labels;
    }

    @Test
    void aLiveOwnerKeepsItsContainers() {
        assertThat(Ownership.isOrphan(owner(HOST, "42", "" + START.toEpochMilli()), HOST, ONLY_42_STARTED_AT_START))
                .isFalse();
    }

    @Test
    void aDeadOwnerOrAReusedPidMakesAnOrphan() {
        assertThat(Ownership.isOrphan(owner(HOST, "43", "" + START.toEpochMilli()), HOST, ONLY_42_STARTED_AT_START))
                .as("pid gone").isTrue();
        assertThat(Ownership.isOrphan(owner(HOST, "42", "" + (START.toEpochMilli() - 60_000)), HOST,
                ONLY_42_STARTED_AT_START)).as("pid reused by a later process").isTrue();
    }

    @Test
    void whatWeCannotAttributeIsNeverAnOrphan() {
        assertThat(Ownership.isOrphan(owner("other-host", "43", "1"), HOST, (p, s) -> false)).as("other host").isFalse();
        assertThat(Ownership.isOrphan(owner(HOST, "x", "1"), HOST, (p, s) -> false)).as("bad pid").isFalse();
        assertThat(Ownership.isOrphan(owner(HOST, "43", "0"), HOST, (p, s) -> false)).as("unknown start").isFalse();
        Map<String, String> noOwner = new HashMap<>(Map.of(Ownership.LABEL, "true"));
        assertThat(Ownership.isOrphan(noOwner, HOST, (p, s) -> false)).as("no owner labels").isFalse();
        assertThat(Ownership.isOrphan(null, HOST, (p, s) -> false)).as("no labels").isFalse();
        Map<String, String> notOurs = owner(HOST, "43", "1");
        notOurs.remove(Ownership.LABEL);
        assertThat(Ownership.isOrphan(notOurs, HOST, (p, s) -> false)).as("not our label").isFalse();
    }

    @Test
    void theLocalProcessTableSeesThisJvmAliveAndAnEndedProcessDead() throws Exception {
        Map<String, String> mine = Ownership.labels("e1");
        assertThat(Ownership.isOrphan(mine, Ownership.hostName(), Ownership.ProcessTable.local())).isFalse();

        Process ended = new ProcessBuilder("sleep", "60").start();
        Instant started = ended.info().startInstant().orElseThrow();
        ended.destroy();
        ended.waitFor();
        Map<String, String> gone = owner(Ownership.hostName(), "" + ended.pid(), "" + started.toEpochMilli());
        assertThat(Ownership.isOrphan(gone, Ownership.hostName(), Ownership.ProcessTable.local())).isTrue();
    }

    @Test
    void labelsNameTheEnsembleRunAndOwner() {
        assertThat(Ownership.labels("abc"))
                .containsEntry("io.chaoskeeper", "true")
                .containsEntry("io.chaoskeeper.ensemble", "abc")
                .containsEntry("io.chaoskeeper.run", Ownership.RUN_ID)
                .containsEntry("io.chaoskeeper.owner.pid", Long.toString(ProcessHandle.current().pid()))
                .containsKey("io.chaoskeeper.owner.start");
    }
}
