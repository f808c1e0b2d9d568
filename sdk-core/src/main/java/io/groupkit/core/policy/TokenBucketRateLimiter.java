package io.groupkit.core.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default {@link RateLimiter}: an in-memory token bucket per key, kept in its virtual
 * scheduling form (the generic cell rate algorithm), so one number per key says when the next
 * permit is free.
 *
 * <p>Guarantee: for any two calls i &lt; j on one key, {@code t[j] - t[i] >= (j - i) * interval -
 * (burst - 1) * interval}. With a burst of 1, no window of length {@code per} holds more than
 * {@code permits} calls. Reservations are handed out first come, first served; nothing blocks.
 */
public final class TokenBucketRateLimiter implements RateLimiter {
    // Per key: the theoretical arrival time of the next call, in the callers' nanoTime.
    private final ConcurrentMap<String, AtomicLong> nextFree = new ConcurrentHashMap<>();

    /** A limiter with no reservations yet. */
    public TokenBucketRateLimiter() {
    }

    @Override
    public Duration reserve(String key, RateLimit limit, long nowNanos) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(limit, "limit must not be null");
        long interval = limit.interval().toNanos();
        long tolerance = (limit.burst() - 1) * interval;
        AtomicLong tat = nextFree.computeIfAbsent(key, k -> new AtomicLong(Long.MIN_VALUE));
        while (true) {
            long current = tat.get();
            long earliest = current == Long.MIN_VALUE ? nowNanos : Math.max(nowNanos, current - tolerance);
            long base = current == Long.MIN_VALUE ? earliest : Math.max(current, earliest);
            if (tat.compareAndSet(current, base + interval)) {
                return Duration.ofNanos(earliest - nowNanos);
            }
        }
    }

    @Override
    public void throttled(String key, RateLimit limit, long nowNanos, Duration retryAfter) {
        long tolerance = (limit.burst() - 1) * limit.interval().toNanos();
        long resumeAt = nowNanos + Math.max(0, retryAfter.toNanos());
        // The next permit is free at tat - tolerance: push that to resumeAt.
        nextFree.computeIfAbsent(key, k -> new AtomicLong(Long.MIN_VALUE))
                .accumulateAndGet(resumeAt + tolerance, Math::max);
    }

    @Override
    public String toString() {
        return "TokenBucketRateLimiter[" + nextFree.size() + " keys]";
    }
}
