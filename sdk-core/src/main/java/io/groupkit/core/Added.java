package io.groupkit.core;

import java.util.Objects;

/**
 * The person was added to the group.
 *
 * @param detail what the provider answered
 * @param confirmedBy how GroupKit knows: the provider's answer, or a membership check after the
 *     answer was lost
 */
public record Added(ProviderDetail detail, Confirmation confirmedBy) implements AddResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     * @param confirmedBy how the change is known
     */
    public Added {
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(confirmedBy, "confirmedBy must not be null");
    }

    /**
     * The provider confirmed the add.
     *
     * @param detail what the provider answered
     */
    public Added(ProviderDetail detail) {
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
        return OutcomeKind.ADDED;
    }
}
