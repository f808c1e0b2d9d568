package io.groupkit.core;

import java.util.Objects;

/**
 * The account's quota or plan limit is spent.
 *
 * @param detail what the provider answered
 */
public record QuotaExceeded(ProviderDetail detail) implements Failure {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public QuotaExceeded {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.QUOTA_EXCEEDED;
    }
}
