package io.chaoskeeper.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectationsTest {

    private static final Expectations SET = Expectations.of(List.of(), List.of("lost-update"), List.of("sync-lin"),
            "docs/findings/x.md").withToleratedWhen(Map.of("diff-sync-hole", List.of("set-element-lost")));

    @Test
    void aWitnessFoundToleratesItselfAndTheKindsItExplains() {
        assertThat(SET.toleratedGiven(List.of("set-element-lost", "diff-sync-hole")))
                .containsExactlyInAnyOrder("lost-update", "diff-sync-hole", "set-element-lost");
    }

    @Test
    void withoutItsWitnessAnExplainedKindIsNotTolerated() {
        assertThat(SET.toleratedGiven(List.of("set-element-lost"))).containsExactly("lost-update");
    }

    @Test
    void runJsonCarriesEveryRuleAndReadsBackTheSame() throws Exception {
        ObjectMapper json = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> written = json.readValue(json.writeValueAsString(SET.toRunJson()), Map.class);

        assertThat(written).containsEntry("toleratedWhenWitnessed", Map.of("diff-sync-hole",
                List.of("set-element-lost")));
        assertThat(Expectations.fromRunJson(written)).isEqualTo(SET);
    }

    @Test
    void aRunJsonWithoutTheFieldsDeclaresNothing() {
        assertThat(Expectations.fromRunJson(Map.of("name", "old"))).isEqualTo(Expectations.NONE);
        assertThat(Expectations.NONE.toRunJson()).doesNotContainKeys("toleratedWhenWitnessed", "finding");
    }
}
