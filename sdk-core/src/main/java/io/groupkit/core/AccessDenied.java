package io.groupkit.core;

import java.util.Objects;

/**
 * The account lacks the rights for this in the group (not an admin, or a right is missing).
 *
 * @param detail what the provider answered
 */
public record AccessDenied(ProviderDetail detail) implements Failure {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public AccessDenied {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.ACCESS_DENIED;
    }
}
