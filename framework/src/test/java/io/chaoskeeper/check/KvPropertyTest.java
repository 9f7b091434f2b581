package io.chaoskeeper.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.chaoskeeper.history.History;
import io.chaoskeeper.history.Operation;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Brute force agrees with the checker on tiny key-value histories: the search's kv pruning (states a put erases
 * unseen, states no read can reach by appends) must never change a verdict.
 */
final class KvPropertyTest {

    private static final String[] TOKENS = {"a", "b", "ab"};

    @Test
    void theSearchAgreesWithBruteForceOnTinyKvHistories() {
        SplittableRandom random = new SplittableRandom(11);
        Model<?> kv = Models.kv();
        int invalid = 0;
        for (int i = 0; i < 6000; i++) {
            History h = tinyKvHistory(random, i % 2 == 0);
            boolean expected = LinearizabilityPropertyTest.BruteForce.linearizable(kv, h);
            CheckResult r = LinearizabilityChecker.of(kv).check(h);
            assertThat(r.verdict()).as("case " + i + " " + h.operations() + ": " + r.summary())
                    .isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
            invalid += expected ? 0 : 1;
        }
        assertThat(invalid).as("both verdicts are exercised").isBetween(600, 5400);
    }

    /**
     * Up to 8 calls of 3 processes on one key: puts and appends of short tokens (unique ones, or a few that spell
     * the same strings in several ways), some timed out; gets that read the value as if every call took effect when
     * invoked, or an arbitrary string of tokens.
     */
    private static History tinyKvHistory(SplittableRandom random, boolean unique) {
        String[] state = {""};
        int[] next = {0};
        return TinyHistories.generate(random, 2 + random.nextInt(7), new TinyHistories.Calls() {
            @Override
            public Object[] invoke(int slot) {
                int kind = random.nextInt(5);
                String token = unique ? "t" + next[0]++ + "." : TOKENS[random.nextInt(TOKENS.length)];
                if (kind < 2) {
                    return new Object[] {"get", null};
                }
                state[0] = kind == 2 ? token : state[0] + token;
                return new Object[] {kind == 2 ? "put" : "append", token};
            }

            @Override
            public Operation completion(int slot, String f, Object in, boolean allInvoked) {
                if (random.nextInt(8) == 0 && allInvoked) {
                    return null;
                }
                if (!f.equals("get")) {
                    Operation.Type type = random.nextInt(6) == 0 ? Operation.Type.INFO : Operation.Type.OK;
                    return TinyHistories.end(type, type == Operation.Type.OK ? in : null, null);
                }
                String read = random.nextBoolean() ? state[0] : arbitrary(random);
                return TinyHistories.end(Operation.Type.OK, read, null);
            }
        });
    }

    private static String arbitrary(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        for (int k = random.nextInt(4); k > 0; k--) {
            s.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return s.toString();
    }
}
