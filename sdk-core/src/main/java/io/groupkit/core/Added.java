package io.groupkit.core;

import java.util.Objects;

/**
 * The person was added to the group.
 *
 * @param detail what the provider answered
 * @param verifiedByMembershipCheck true when the provider's answer was lost and GroupKit confirmed
 *     the person's presence by listing the group instead
 */
public record Added(ProviderDetail detail, boolean verifiedByMembershipCheck) implements AddResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     * @param verifiedByMembershipCheck whether presence was confirmed by listing the group
     */
    public Added {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    /**
     * The provider confirmed the add.
     *
     * @param detail what the provider answered
     */
    public Added(ProviderDetail detail) {
        this(detail, false);
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.ADDED;
    }
}
