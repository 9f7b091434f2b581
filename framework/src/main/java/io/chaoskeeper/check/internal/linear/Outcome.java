package io.chaoskeeper.check.internal.linear;

import java.util.List;

/**
 * What the search found for one part of a history.
 *
 * @param verdict        valid, invalid or unknown
 * @param reason         for unknown, why
 * @param counterexample for invalid, the evidence
 * @param configurations memo entries explored
 */
public record Outcome(io.chaoskeeper.check.Verdict verdict, String reason, Counterexample counterexample,
                      long configurations) {

    /**
     * Evidence that a history is not linearizable, in call positions of the part searched.
     *
     * @param message    one sentence
     * @param prefix     calls linearized before the search got stuck (in linearization order), or the calls that
     *                   must precede the failing one
     * @param failing    the call that cannot be linearized
     * @param concurrent calls overlapping it
     * @param states     the model states it could have seen, in words
     */
    public record Counterexample(String message, List<Integer> prefix, int failing, List<Integer> concurrent,
                                 List<String> states) {
    }
}
