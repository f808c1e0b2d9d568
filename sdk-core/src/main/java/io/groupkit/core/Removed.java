package io.groupkit.core;

import java.util.Objects;

/**
 * The person was removed from the group.
 *
 * @param detail what the provider answered
 * @param confirmedBy how GroupKit knows: the provider's answer, or a membership check after the
 *     answer was lost
 */
public record Removed(ProviderDetail detail, Confirmation confirmedBy) implements RemoveResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     * @param confirmedBy how the change is known
     */
    public Removed {
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(confirmedBy, "confirmedBy must not be null");
    }

    /**
     * The provider confirmed the removal.
     *
     * @param detail what the provider answered
     */
    public Removed(ProviderDetail detail) {
        this(detail, Confirmation.PROVIDER_ANSWER);
    }

    /**
     * Whether the provider's answer was lost and a membership check showed the change instead.
     *
     * @return {@code confirmedBy() == MEMBERSHIP_CHECK}
     */
    public boolean verifiedByMembershipCheck() {
        return confirmedBy == Confirmation.MEMBERSHIP_CHECK;
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.REMOVED;
    }
}
