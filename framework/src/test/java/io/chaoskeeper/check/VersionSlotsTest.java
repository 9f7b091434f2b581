package io.chaoskeeper.check;

import io.chaoskeeper.check.internal.linear.VersionSlots;
import io.chaoskeeper.check.internal.model.ZnodeModel;
import io.chaoskeeper.history.Call;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.chaoskeeper.check.HistoryBuilder.history;
import static org.assertj.core.api.Assertions.assertThat;

/** Which timed-out writes of a znode its versions leave out. */
class VersionSlotsTest {

    private static final ZnodeModel ZNODE = (ZnodeModel) (Object) Models.znode();

    @Test
    void writesNoMissingVersionNeedsAreLeftOutAndTheOneThatMadeARereadVersionStays() {
        List<Call> calls = history().call(0, "write", 5L, List.of(5L, 1L), 0, 1)
                .invoke(1, "write", 8L, 2).info(1, "write", 3)
                .invoke(3, "write", 9L, 3).info(3, "write", 3)
                .call(2, "read", null, List.of(8L, 2L), 4, 5)
                .call(2, "write", 10L, List.of(10L, 3L), 6, 7).build().calls();

        List<Call> kept = VersionSlots.withoutUnneededWrites(ZNODE, calls);

        assertThat(kept).extracting(c -> c.invoke().value()).containsExactly(5L, 8L, null, 10L);
    }

    @Test
    void aMissingVersionNobodyReadKeepsTheEarliestTimedOutWriteInvokedBeforeTheNextVersionCompleted() {
        List<Call> calls = history().call(0, "write", 5L, List.of(5L, 1L), 0, 1)
                .invoke(1, "write", 8L, 2).invoke(3, "write", 9L, 3).info(1, "write", 4).info(3, "write", 4)
                .call(2, "write", 10L, List.of(10L, 3L), 6, 7).build().calls();

        List<Call> kept = VersionSlots.withoutUnneededWrites(ZNODE, calls);

        assertThat(kept).extracting(c -> c.invoke().value()).containsExactly(5L, 8L, 10L);
    }

    @Test
    void aCasThatExpectsAnotherVersionCannotFillTheSlotAndAWriteInvokedTooLateNeither() {
        List<Call> calls = history().call(0, "write", 5L, List.of(5L, 1L), 0, 1)
                .invoke(1, "cas", List.of(0L, 8L), 2).info(1, "cas", 3)
                .call(2, "write", 10L, List.of(10L, 3L), 4, 5)
                .invoke(3, "write", 9L, 6).info(3, "write", 7).build().calls();

        assertThat(VersionSlots.withoutUnneededWrites(ZNODE, calls)).as("version 2 has no possible maker")
                .isSameAs(calls);
    }

    @Test
    void aCasThatFitsGoesBeforeAnEarlierPlainWriteThatALaterUnreadVersionNeeds() {
        List<Call> calls = history().call(0, "write", 5L, List.of(5L, 1L), 0, 1)
                .invoke(1, "write", 8L, 2).invoke(3, "cas", List.of(1L, 9L), 3).info(1, "write", 4)
                .info(3, "cas", 4)
                .call(2, "write", 10L, List.of(10L, 3L), 5, 6)
                .call(2, "write", 11L, List.of(11L, 5L), 7, 8)
                .invoke(4, "write", 12L, 9).info(4, "write", 10).build().calls();

        assertThat(VersionSlots.withoutUnneededWrites(ZNODE, calls)).as("version 2 by the cas, 4 by the write")
                .extracting(c -> c.invoke().value()).containsExactly(5L, 8L, List.of(1L, 9L), 10L, 11L);
    }

    @Test
    void aCasThatExpectsTheVersionBeforeFillsTheSlot() {
        List<Call> calls = history().call(0, "write", 5L, List.of(5L, 1L), 0, 1)
                .invoke(1, "cas", List.of(1L, 8L), 2).info(1, "cas", 3)
                .invoke(3, "write", 9L, 3).info(3, "write", 4)
                .call(2, "write", 10L, List.of(10L, 3L), 5, 6).build().calls();

        assertThat(VersionSlots.withoutUnneededWrites(ZNODE, calls)).extracting(c -> c.invoke().value())
                .containsExactly(5L, List.of(1L, 8L), 10L);
    }

    @Test
    void withoutTimedOutWritesNothingChanges() {
        List<Call> calls = history().call(0, "write", 5L, List.of(5L, 1L), 0, 1)
                .call(2, "read", null, List.of(5L, 1L), 2, 3).build().calls();

        assertThat(VersionSlots.withoutUnneededWrites(ZNODE, calls)).isSameAs(calls);
    }
}
