package io.groupkit.core;

import java.util.Objects;

/**
 * An answer this version of GroupKit does not know; the detail keeps the provider's code and description.
 *
 * @param detail what the provider answered
 */
public record Unrecognized(ProviderDetail detail) implements Failure {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public Unrecognized {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.UNRECOGNIZED;
    }
}
