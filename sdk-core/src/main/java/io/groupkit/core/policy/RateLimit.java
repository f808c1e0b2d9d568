package io.groupkit.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * A limit a provider sets: {@code permits} calls per {@code per}, with up to {@code burst} calls
 * back to back after a quiet spell.
 *
 * <p>Calls are spaced by the {@linkplain #interval() interval} {@code per / permits}. With a burst
 * of 1 no window of length {@code per} ever holds more than {@code permits} calls; a larger burst
 * is for providers that themselves count with a bucket (Bitrix24: 2 per second, bucket of 50).
 *
 * @param name the limit's name; operations whose limits have the same name share one budget
 * @param permits calls allowed per {@code per}; at least 1
 * @param per the period; positive
 * @param burst calls allowed back to back; at least 1
 */
public record RateLimit(String name, int permits, Duration per, int burst) {
    /**
     * Checks the fields.
     *
     * @param name the name
     * @param permits calls per period
     * @param per the period
     * @param burst the burst
     */
    public RateLimit {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(per, "per must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("expected a rate limit name, got a blank string");
        }
        if (permits < 1) {
            throw new IllegalArgumentException("expected at least 1 permit per period, got " + permits);
        }
        if (per.isZero() || per.isNegative()) {
            throw new IllegalArgumentException("expected a positive period, got " + per);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("expected a burst of at least 1, got " + burst);
        }
    }

    /**
     * {@code permits} calls per second, evenly spaced.
     *
     * @param name the limit's name
     * @param permits calls per second
     * @return the limit
     */
    public static RateLimit perSecond(String name, int permits) {
        return new RateLimit(name, permits, Duration.ofSeconds(1), 1);
    }

    /**
     * {@code permits} calls per period, evenly spaced.
     *
     * @param name the limit's name
     * @param permits calls per period
     * @param per the period
     * @return the limit
     */
    public static RateLimit of(String name, int permits, Duration per) {
        return new RateLimit(name, permits, per, 1);
    }

    /**
     * This limit with a burst.
     *
     * @param newBurst calls allowed back to back
     * @return a copy
     */
    public RateLimit withBurst(int newBurst) {
        return new RateLimit(name, permits, per, newBurst);
    }

    /**
     * The spacing between calls, rounded up to a whole nanosecond so the limit is never exceeded.
     *
     * @return {@code per / permits}
     */
    public Duration interval() {
        long perNanos = per.toNanos();
        return Duration.ofNanos((perNanos + permits - 1) / permits);
    }
}
