package io.groupkit.core;

import java.util.Objects;

/**
 * The person was removed from the group.
 *
 * @param detail what the provider answered
 * @param verifiedByMembershipCheck true when the provider's answer was lost and GroupKit confirmed
 *     the person's absence by listing the group instead
 */
public record Removed(ProviderDetail detail, boolean verifiedByMembershipCheck) implements RemoveResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     * @param verifiedByMembershipCheck whether absence was confirmed by listing the group
     */
    public Removed {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    /**
     * The provider confirmed the removal.
     *
     * @param detail what the provider answered
     */
    public Removed(ProviderDetail detail) {
        this(detail, false);
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.REMOVED;
    }
}
