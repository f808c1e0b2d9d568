package io.groupkit.core;

import java.util.Objects;

/**
 * The credentials were refused (wrong or revoked token, expired session).
 *
 * @param detail what the provider answered
 */
public record Unauthorized(ProviderDetail detail) implements Failure {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public Unauthorized {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.UNAUTHORIZED;
    }
}
