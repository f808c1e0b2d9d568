package io.groupkit.core;

import java.util.Objects;

/**
 * The provider has no such feature (for example invite links on Bitrix24).
 *
 * @param detail what the provider answered
 */
public record Unsupported(ProviderDetail detail) implements Failure {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public Unsupported {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.UNSUPPORTED;
    }
}
