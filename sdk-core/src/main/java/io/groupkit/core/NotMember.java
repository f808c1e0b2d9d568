package io.groupkit.core;

import java.util.Objects;

/**
 * The person was not in the group, so nothing was removed.
 *
 * @param detail what the provider answered
 */
public record NotMember(ProviderDetail detail) implements RemoveResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public NotMember {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.NOT_MEMBER;
    }
}
