package io.groupkit.testkit.time;

import io.groupkit.core.Policies;
import io.groupkit.core.policy.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Policies for tests on {@link VirtualTime}, whose waits a test can predict exactly.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.create();
 * GreenApiClient client = GreenApi.builder()...
 *         .policies(TestPolicies.onVirtualTime(time).prechecks(Prechecks.OFF).build())
 *         .build();
 * // a call that failed twice took 1 s + 2 s of backoff:
 * assertEquals(Duration.ofSeconds(3), time.elapsed());
 * }</pre>
 */
public final class TestPolicies {
    /** The first backoff of {@link #onVirtualTime}; each later one doubles it. */
    public static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);

    private TestPolicies() {
    }

    /**
     * A policies builder on the given clock with no jitter, and retries that back off
     * {@linkplain #INITIAL_BACKOFF 1 s} first, then 2 s, 4 s and so on (the other retry settings
     * are {@link RetryPolicy#defaults()}'). Everything else is {@link Policies#builder()}'s default;
     * set more on the builder returned. Give the provider or simulator the same clock.
     *
     * @param time the clock for waits, pacing and timeouts
     * @return a new builder
     */
    public static Policies.Builder onVirtualTime(VirtualTime time) {
        Objects.requireNonNull(time, "time must not be null");
        return Policies.builder().time(time).jitter(() -> 0.0)
                .retry(RetryPolicy.builder().initialBackoff(INITIAL_BACKOFF).build());
    }
}
