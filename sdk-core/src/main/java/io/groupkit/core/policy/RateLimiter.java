package io.groupkit.core.policy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Hands out permits to call a provider. GroupKit asks before every call and waits as told, so
 * calls queue instead of earning "too many requests" answers.
 *
 * <p>This is an SPI: the default {@link TokenBucketRateLimiter} keeps its state in memory; a fleet
 * of servers sharing one provider account can implement it over a shared store, answering
 * {@link #reserveAsync} when the store does. Implementations must be thread-safe and must not block.
 *
 * <p>A limiter that cannot answer (its store is down) never means unpaced sending: when
 * {@code reserveAsync} fails, or {@code reserve} throws, GroupKit sends nothing and the attempt is
 * {@link io.groupkit.core.Unavailable} with code {@code RATE_LIMITER_UNAVAILABLE}, retried with
 * backoff like any unavailable provider.
 */
public interface RateLimiter {

    /**
     * Reserves one permit and says how long the caller must wait before using it.
     *
     * @param key the budget's key: the provider account and the limit's name
     * @param limit the limit that applies
     * @param nowNanos the caller's {@link io.groupkit.core.time.TimeSource#nanoTime()}
     * @return the wait; zero if the call may go now
     */
    Duration reserve(String key, RateLimit limit, long nowNanos);

    /**
     * {@link #reserve}, for a limiter whose answer takes a round trip to a shared store. GroupKit
     * always asks this way; the default answers {@code reserve} at once.
     *
     * @param key the budget's key: the provider account and the limit's name
     * @param limit the limit that applies
     * @param nowNanos the caller's {@link io.groupkit.core.time.TimeSource#nanoTime()}
     * @return the wait; a failed stage if the limiter cannot say (nothing is then sent)
     */
    default CompletionStage<Duration> reserveAsync(String key, RateLimit limit, long nowNanos) {
        return CompletableFuture.completedFuture(reserve(key, limit, nowNanos));
    }

    /**
     * Tells the limiter that the provider said "too many requests" anyway, so that every caller
     * of that budget holds back for {@code retryAfter}.
     *
     * @param key the budget's key
     * @param limit the limit that applies
     * @param nowNanos the caller's clock reading
     * @param retryAfter how long the provider asked to wait
     */
    default void throttled(String key, RateLimit limit, long nowNanos, Duration retryAfter) {
    }
}
