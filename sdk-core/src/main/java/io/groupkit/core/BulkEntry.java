package io.groupkit.core;

import java.util.Objects;

/**
 * One person's outcome in a bulk run.
 *
 * @param index the person's position in the input
 * @param member the person
 * @param outcome what came of adding them
 */
public record BulkEntry(int index, Member member, AddResult outcome) {
    /**
     * Checks the fields.
     *
     * @param index position in the input
     * @param member the person
     * @param outcome the outcome
     */
    public BulkEntry {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null");
    }
}
