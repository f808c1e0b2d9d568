package io.groupkit.core;

import java.util.Objects;

/**
 * The person was already in the group; nothing changed.
 *
 * @param detail what the provider answered
 */
public record AlreadyMember(ProviderDetail detail) implements AddResult, DecisionResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public AlreadyMember {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.ALREADY_MEMBER;
    }
}
