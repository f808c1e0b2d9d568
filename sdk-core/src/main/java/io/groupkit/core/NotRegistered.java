package io.groupkit.core;

import java.util.Objects;

/**
 * The person has no account with this messenger (found by a pre-check or the provider); nothing was sent to the group.
 *
 * @param detail what the provider answered
 */
public record NotRegistered(ProviderDetail detail) implements AddResult, ActionResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public NotRegistered {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.NOT_REGISTERED;
    }
}
