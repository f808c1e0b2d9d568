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

    /**
     * A rate limiter whose store is down ({@code RATE_LIMITER_UNAVAILABLE}) stops bulk work: every
     * other person would wait as long for the same answer. Any other unavailability does not.
     *
     * @return whether this stops a bulk run
     */
    @Override
    public boolean haltsBulk() {
        return "RATE_LIMITER_UNAVAILABLE".equals(detail.code()) || kind().haltsBulk();
    }
}
