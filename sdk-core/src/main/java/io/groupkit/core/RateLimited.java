package io.groupkit.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Too many requests. GroupKit waits out short waits itself (up to the retry policy's bound); this
 * outcome means the wait was longer than that bound, or the retries were spent.
 *
 * @param detail what the provider answered
 * @param retryAfter how long the provider asked to wait, when it said
 * @param limit the name of the {@link io.groupkit.core.policy.RateLimit} that ran out, when the
 *     provider knows it: only that budget is held back, not every limit of the operation
 */
public record RateLimited(ProviderDetail detail, Optional<Duration> retryAfter, Optional<String> limit)
        implements Failure {
    /**
     * Checks the fields.
     *
     * @param detail what the provider answered
     * @param retryAfter how long to wait; not negative
     * @param limit the budget that ran out, or empty
     */
    public RateLimited {
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(retryAfter, "retryAfter must not be null (use Optional.empty())");
        Objects.requireNonNull(limit, "limit must not be null (use Optional.empty())");
        if (retryAfter.isPresent() && retryAfter.get().isNegative()) {
            throw new IllegalArgumentException("expected a retryAfter of zero or more, got " + retryAfter.get());
        }
    }

    /**
     * Rate limited, maybe with a known wait, budget unknown.
     *
     * @param detail what the provider answered
     * @param retryAfter how long to wait, or empty
     */
    public RateLimited(ProviderDetail detail, Optional<Duration> retryAfter) {
        this(detail, retryAfter, Optional.empty());
    }

    /**
     * Rate limited with a known wait.
     *
     * @param detail what the provider answered
     * @param retryAfter how long the provider asked to wait
     */
    public RateLimited(ProviderDetail detail, Duration retryAfter) {
        this(detail, Optional.of(retryAfter), Optional.empty());
    }

    /**
     * Rate limited without a known wait.
     *
     * @param detail what the provider answered
     */
    public RateLimited(ProviderDetail detail) {
        this(detail, Optional.empty(), Optional.empty());
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.RATE_LIMITED;
    }
}
