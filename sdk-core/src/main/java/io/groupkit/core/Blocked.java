package io.groupkit.core;

import java.util.Objects;

/**
 * The person blocked the account, or the account blocked the person.
 *
 * @param detail what the provider answered
 */
public record Blocked(ProviderDetail detail) implements AddResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public Blocked {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.BLOCKED;
    }
}
