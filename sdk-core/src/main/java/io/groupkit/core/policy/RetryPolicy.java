package io.groupkit.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how GroupKit retries. Only retryable outcomes are retried (rate limits and transient
 * unavailability); a call that was sent but got no answer is never resent blindly: membership is
 * checked first.
 *
 * <p>Waits grow exponentially with jitter; a wait the provider asks for (Retry-After,
 * {@code FLOOD_WAIT_X}) is honoured instead when it is at most {@link #maxServerWait()}, and
 * reported as {@link io.groupkit.core.RateLimited} when it is longer.
 *
 * <p>Defaults: 4 attempts in all, 500 ms first backoff doubling up to 30 s, 20 % jitter, server
 * waits honoured up to 60 s.
 */
public final class RetryPolicy {
    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final double jitter;
    private final Duration maxServerWait;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.maxServerWait = b.maxServerWait;
    }

    /**
     * The defaults described above.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /**
     * One attempt, no retries.
     *
     * @return the policy
     */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from this policy.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.multiplier = multiplier;
        b.jitter = jitter;
        b.maxServerWait = maxServerWait;
        return b;
    }

    /**
     * Attempts in all, the first included.
     *
     * @return at least 1
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The longest wait the provider may ask for that GroupKit waits out itself.
     *
     * @return the bound
     */
    public Duration maxServerWait() {
        return maxServerWait;
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} failures, without a server hint.
     *
     * @param failedAttempts attempts made so far; at least 1
     * @param random a number in [0, 1) that picks the jitter
     * @return between {@code (1 - jitter)} and 1 times {@code min(maxBackoff, initial * multiplier^(failedAttempts - 1))}
     */
    public Duration backoff(int failedAttempts, double random) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("expected failedAttempts of at least 1, got " + failedAttempts);
        }
        double full = initialBackoff.toNanos() * Math.pow(multiplier, failedAttempts - 1.0);
        double capped = Math.min(full, maxBackoff.toNanos());
        double r = Math.min(Math.max(random, 0.0), 1.0);
        return Duration.ofNanos((long) (capped * (1.0 - jitter * r)));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", multiplier=" + multiplier + ", jitter=" + jitter + ", maxServerWait=" + maxServerWait + "]";
    }

    /** Builds a {@link RetryPolicy}; not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private double multiplier = 2.0;
        private double jitter = 0.2;
        private Duration maxServerWait = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * Attempts in all, the first included. Default 4.
         *
         * @param attempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("expected maxAttempts of at least 1, got " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * The first backoff. Default 500 ms.
         *
         * @param backoff zero or more
         * @return this builder
         */
        public Builder initialBackoff(Duration backoff) {
            this.initialBackoff = notNegative(backoff, "initialBackoff");
            return this;
        }

        /**
         * The longest backoff. Default 30 s.
         *
         * @param backoff zero or more
         * @return this builder
         */
        public Builder maxBackoff(Duration backoff) {
            this.maxBackoff = notNegative(backoff, "maxBackoff");
            return this;
        }

        /**
         * How much each backoff grows. Default 2.
         *
         * @param factor at least 1
         * @return this builder
         */
        public Builder multiplier(double factor) {
            if (!(factor >= 1.0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("expected a multiplier of at least 1, got " + factor);
            }
            this.multiplier = factor;
            return this;
        }

        /**
         * The share of each backoff that is random, so that many clients do not retry in step.
         * Default 0.2.
         *
         * @param share from 0 to 1
         * @return this builder
         */
        public Builder jitter(double share) {
            if (!(share >= 0.0 && share <= 1.0)) {
                throw new IllegalArgumentException("expected a jitter from 0 to 1, got " + share);
            }
            this.jitter = share;
            return this;
        }

        /**
         * The longest provider-requested wait that GroupKit waits out itself. Default 60 s.
         *
         * @param bound zero or more; zero reports every such wait as {@link io.groupkit.core.RateLimited}
         * @return this builder
         */
        public Builder maxServerWait(Duration bound) {
            this.maxServerWait = notNegative(bound, "maxServerWait");
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("expected maxBackoff (" + maxBackoff + ") to be at least initialBackoff ("
                        + initialBackoff + ")");
            }
            return new RetryPolicy(this);
        }

        private static Duration notNegative(Duration d, String what) {
            Objects.requireNonNull(d, what + " must not be null");
            if (d.isNegative()) {
                throw new IllegalArgumentException("expected " + what + " of zero or more, got " + d);
            }
            return d;
        }
    }
}
