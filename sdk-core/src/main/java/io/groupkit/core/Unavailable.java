package io.groupkit.core;

import java.util.Objects;

/**
 * The provider was temporarily unavailable and the retries GroupKit made were spent.
 *
 * @param detail what the provider answered
 */
public record Unavailable(ProviderDetail detail) implements Failure {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public Unavailable {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.UNAVAILABLE;
    }
}
