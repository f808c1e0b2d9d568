package io.groupkit.core;

import java.util.Objects;

/**
 * The person is in too many groups to join another.
 *
 * @param detail what the provider answered
 */
public record TooManyGroups(ProviderDetail detail) implements AddResult, DecisionResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public TooManyGroups {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.TOO_MANY_GROUPS;
    }
}
