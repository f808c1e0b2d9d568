package io.groupkit.core;

import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.internal.Arguments;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RateLimiter;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The policies a {@link GroupMembership} client applies around its provider. Immutable.
 *
 * <p>Defaults: the system clock; a rate limiter of the client's own; {@link RetryPolicy#defaults()};
 * a 60-second limit on each attempt; 3 seconds for the rate limiter to answer; pre-checks on;
 * invite-link fallback off; invite links cached for 10 minutes.
 */
public final class Policies {
    private static final Policies DEFAULTS = builder().build();

    private final TimeSource time;
    private final @Nullable RateLimiter rateLimiter;
    private final RetryPolicy retry;
    private final Duration attemptTimeout;
    private final Duration rateLimiterTimeout;
    private final Prechecks prechecks;
    private final InviteFallback inviteFallback;
    private final Duration inviteLinkTtl;
    private final DoubleSupplier jitter;
    private final GroupKitListener listener;
    private final @Nullable Duration callTimeout; // null: no bound on the whole call
    private final @Nullable MembershipStore invitations; // null: invitations are not recorded

    private Policies(Builder b) {
        this.time = b.time;
        this.rateLimiter = b.rateLimiter;
        this.retry = b.retry;
        this.attemptTimeout = b.attemptTimeout;
        this.rateLimiterTimeout = b.rateLimiterTimeout;
        this.prechecks = b.prechecks;
        this.inviteFallback = b.inviteFallback;
        this.inviteLinkTtl = b.inviteLinkTtl;
        this.jitter = b.jitter;
        this.listener = b.listener;
        this.callTimeout = b.callTimeout;
        this.invitations = b.invitations;
    }

    /**
     * The defaults described above.
     *
     * @return the defaults
     */
    public static Policies defaults() {
        return DEFAULTS;
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
     * A builder starting from these policies.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.time = time;
        b.rateLimiter = rateLimiter;
        b.retry = retry;
        b.attemptTimeout = attemptTimeout;
        b.rateLimiterTimeout = rateLimiterTimeout;
        b.prechecks = prechecks;
        b.inviteFallback = inviteFallback;
        b.inviteLinkTtl = inviteLinkTtl;
        b.jitter = jitter;
        b.listener = listener;
        b.callTimeout = callTimeout;
        b.invitations = invitations;
        return b;
    }

    /**
     * The time source for every wait and expiry.
     *
     * @return the time source
     */
    public TimeSource time() {
        return time;
    }

    /**
     * The shared rate limiter, if one was given; otherwise each client makes its own.
     *
     * @return the limiter, or empty
     */
    public Optional<RateLimiter> rateLimiter() {
        return Optional.ofNullable(rateLimiter);
    }

    /**
     * The retry policy.
     *
     * @return the policy
     */
    public RetryPolicy retry() {
        return retry;
    }

    /**
     * How long one attempt may go without an answer before GroupKit stops waiting for it.
     *
     * @return the limit
     */
    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    /**
     * How long a call waits for the rate limiter's answer.
     *
     * @return the bound
     */
    public Duration rateLimiterTimeout() {
        return rateLimiterTimeout;
    }

    /**
     * Whether people are checked before they are added.
     *
     * @return {@link Prechecks#ON} or {@link Prechecks#OFF}
     */
    public Prechecks prechecks() {
        return prechecks;
    }

    /**
     * The invite-link fallback.
     *
     * @return the fallback
     */
    public InviteFallback inviteFallback() {
        return inviteFallback;
    }

    /**
     * How long a fetched invite link is reused by the fallback.
     *
     * @return the time to live
     */
    public Duration inviteLinkTtl() {
        return inviteLinkTtl;
    }

    /**
     * The source of randomness for backoff jitter.
     *
     * @return numbers in [0, 1)
     */
    public DoubleSupplier jitter() {
        return jitter;
    }

    /**
     * The bound on a whole call, waits and retries included, if one is set.
     *
     * @return the bound, or empty (the default: each attempt is bounded by {@link #attemptTimeout()},
     *     and the retry policy bounds the attempts)
     */
    public java.util.Optional<Duration> callTimeout() {
        return java.util.Optional.ofNullable(callTimeout);
    }

    /**
     * Told what the client does.
     *
     * @return the listener; {@link GroupKitListener#NONE} by default
     */
    public GroupKitListener listener() {
        return listener;
    }

    /**
     * Where invite links attached or sent by the fallback are recorded as invitations.
     *
     * @return the store, or empty when invitations are not recorded (the default)
     */
    public Optional<MembershipStore> invitations() {
        return Optional.ofNullable(invitations);
    }

    @Override
    public String toString() {
        return "Policies[time=" + time + ", rateLimiter=" + (rateLimiter == null ? "per client" : rateLimiter)
                + ", retry=" + retry + ", attemptTimeout=" + attemptTimeout + ", rateLimiterTimeout=" + rateLimiterTimeout + ", prechecks=" + prechecks + ", inviteFallback=" + inviteFallback
                + ", inviteLinkTtl=" + inviteLinkTtl + (callTimeout == null ? "" : ", callTimeout=" + callTimeout)
                + (invitations == null ? "" : ", invitations=" + invitations) + "]";
    }

    /** Builds {@link Policies}; not thread-safe. */
    public static final class Builder {
        private TimeSource time = TimeSource.system();
        private @Nullable RateLimiter rateLimiter;
        private RetryPolicy retry = RetryPolicy.defaults();
        private Duration attemptTimeout = Duration.ofSeconds(60);
        private Duration rateLimiterTimeout = Duration.ofSeconds(3);
        private Prechecks prechecks = Prechecks.ON;
        private InviteFallback inviteFallback = InviteFallback.OFF;
        private Duration inviteLinkTtl = Duration.ofMinutes(10);
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private GroupKitListener listener = GroupKitListener.NONE;
        private @Nullable Duration callTimeout;
        private @Nullable MembershipStore invitations;

        private Builder() {
        }

        /**
         * The time source; tests pass a virtual clock ({@code VirtualTime} in {@code sdk-testkit}).
         *
         * @param source the time source
         * @return this builder
         */
        public Builder time(TimeSource source) {
            this.time = Objects.requireNonNull(source, "time source must not be null");
            return this;
        }

        /**
         * A rate limiter to share between clients of one provider account (or a fleet's shared
         * store). Without one, each client paces on its own.
         *
         * @param limiter the limiter
         * @return this builder
         */
        public Builder rateLimiter(RateLimiter limiter) {
            this.rateLimiter = Objects.requireNonNull(limiter, "rate limiter must not be null");
            return this;
        }

        /**
         * The retry policy. Default {@link RetryPolicy#defaults()}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retry policy must not be null");
            return this;
        }

        /**
         * How long one attempt may go without an answer, its own look-ups included (a Bitrix24 add
         * is two requests). Adapters also bound each request ({@code requestTimeout} on their
         * builders: 30 s, Bitrix24 60 s); this bound catches a provider that never answers.
         * An add or remove that runs out of time may have been sent, so it is settled like any
         * lost answer: by listing the group, never by resending blindly. Default 60 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder attemptTimeout(Duration timeout) {
            this.attemptTimeout = Arguments.positive(timeout, "attemptTimeout");
            return this;
        }

        /**
         * How long a call waits for the rate limiter to say when it may go (a fleet's store:
         * Redis, PostgreSQL) before it gives up unsent: {@code Unavailable} with code
         * {@code RATE_LIMITER_UNAVAILABLE}, which names the store, and which stops a bulk run (every
         * other person would wait as long for the same answer). A store that fails fast is asked
         * again with backoff only while this time has not passed since the call's first attempt,
         * so a store that is down is reported within about this time. Default 3 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder rateLimiterTimeout(Duration timeout) {
            this.rateLimiterTimeout = Arguments.positive(timeout, "rateLimiterTimeout");
            return this;
        }

        /**
         * Whether to check people before adding them, where the provider can. Default
         * {@link Prechecks#ON}: adding numbers without an account can get the sender's number banned.
         *
         * @param checks {@link Prechecks#OFF} to add without checking
         * @return this builder
         */
        public Builder prechecks(Prechecks checks) {
            this.prechecks = Objects.requireNonNull(checks, "prechecks must not be null");
            return this;
        }

        /**
         * Whether to check people before adding them, as a flag.
         *
         * @param on true for {@link Prechecks#ON}, false for {@link Prechecks#OFF}
         * @return this builder
         * @deprecated A bare {@code false} does not say what it means: use
         *     {@link #prechecks(Prechecks)}, to which this delegates.
         */
        @Deprecated(since = "0.1", forRemoval = true)
        public Builder prechecks(boolean on) {
            return prechecks(on ? Prechecks.ON : Prechecks.OFF);
        }

        /**
         * The invite-link fallback. Default {@link InviteFallback#OFF}.
         *
         * @param fallback the fallback
         * @return this builder
         */
        public Builder inviteFallback(InviteFallback fallback) {
            this.inviteFallback = Objects.requireNonNull(fallback, "invite fallback must not be null");
            return this;
        }

        /**
         * How long the fallback reuses a fetched invite link (never past the link's own expiry).
         * Default 10 minutes.
         *
         * @param ttl zero or more
         * @return this builder
         */
        public Builder inviteLinkTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "inviteLinkTtl must not be null");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("expected an inviteLinkTtl of zero or more, got " + ttl);
            }
            this.inviteLinkTtl = ttl;
            return this;
        }

        /**
         * The source of randomness for backoff jitter; must be thread-safe. Tests pass a constant.
         *
         * @param source numbers in [0, 1)
         * @return this builder
         */
        public Builder jitter(DoubleSupplier source) {
            this.jitter = Objects.requireNonNull(source, "jitter source must not be null");
            return this;
        }

        /**
         * Told of every call, attempt, wait, retry, settlement, fallback and bulk run, for metrics
         * and tracing ({@code sdk-micrometer} has one). Default {@link GroupKitListener#NONE}.
         *
         * @param newListener the listener; keep its methods short and non-blocking
         * @return this builder
         */
        public Builder listener(GroupKitListener newListener) {
            this.listener = Objects.requireNonNull(newListener, "listener must not be null");
            return this;
        }

        /**
         * A bound on a whole call: pre-checks, pacing waits, attempts and retries together (beside
         * {@link #attemptTimeout(Duration)}, which bounds one attempt). A call that reaches it ends
         * with {@link Indeterminate} (code {@code CALL_TIMEOUT}) if it changes something, since an
         * attempt may still be under way, or {@link Unavailable} if it only reads. Default none.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Arguments.positive(timeout, "callTimeout");
            return this;
        }

        /**
         * Records an invitation in {@code store} each time the invite-link fallback attaches a link
         * to a refusal or sends it to the person, so that a watch using the same store reports the
         * person's join as "joined by invitation" and {@link GroupMembership#invitations} can say who
         * joined. Off by default. A store that fails is logged; the add's outcome stays as it is.
         *
         * @param store the store (the same as the watch's)
         * @return this builder
         */
        public Builder invitations(MembershipStore store) {
            this.invitations = Objects.requireNonNull(store, "store must not be null");
            return this;
        }

        /**
         * Builds the policies.
         *
         * @return the policies
         */
        public Policies build() {
            return new Policies(this);
        }
    }
}
