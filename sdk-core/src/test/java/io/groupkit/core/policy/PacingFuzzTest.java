package io.groupkit.core.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

class PacingFuzzTest {

    /**
     * Random limits and random call patterns (bursts, pauses, throttles): the calls, started when
     * the limiter says, never exceed the limit over any window; and a call that was made to wait
     * could not have gone any sooner.
     */
    @FuzzTest(maxDuration = "60s")
    void pacingNeverExceedsTheLimitAndNeverWaitsNeedlessly(FuzzedDataProvider data) {
        RateLimit limit = new RateLimit("op", data.consumeInt(1, 50), Duration.ofMillis(data.consumeLong(1, 10_000)),
                data.consumeInt(1, 60));
        long interval = limit.interval().toNanos();
        long tolerance = (limit.burst() - 1) * interval;
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter();
        List<Long> starts = new ArrayList<>();
        // Moments a wait may be measured from: each call, and each throttle, which restarts the
        // bucket empty (no burst right after "too many requests"): as if a call had gone at
        // resumeAt - interval + tolerance just before the next one.
        List<long[]> references = new ArrayList<>(); // {time, ordinal}
        long now = data.consumeLong(-1_000_000_000L, 1_000_000_000L);
        long throttledUntil = Long.MIN_VALUE;
        int calls = data.consumeInt(1, 200);
        for (int i = 0; i < calls && data.remainingBytes() > 0; i++) {
            now += data.consumeBoolean() ? 0 : data.consumeLong(0, 3 * limit.per().toNanos());
            if (data.consumeInt(0, 20) == 0) {
                Duration retryAfter = Duration.ofMillis(data.consumeLong(0, 5_000));
                limiter.throttled("k", limit, now, retryAfter);
                throttledUntil = Math.max(throttledUntil, now + retryAfter.toNanos());
                references.add(new long[] {now + retryAfter.toNanos() - interval + tolerance, starts.size() - 1});
            }
            long wait = limiter.reserve("k", limit, now).toNanos();
            assertTrue(wait >= 0, "never a negative wait");
            long start = now + wait;
            assertTrue(start >= throttledUntil, "a throttle holds every call back");
            if (wait > 0 && start > throttledUntil) {
                // Tight: some earlier moment makes this the first one the limit allows.
                boolean tight = false;
                for (int k = 0; k < references.size() && !tight; k++) {
                    long[] ref = references.get(k);
                    tight = start - ref[0] == (starts.size() - ref[1]) * interval - tolerance;
                }
                assertTrue(tight, "call " + i + " waited " + wait + " ns though nothing required it");
            }
            references.add(new long[] {start, starts.size()});
            starts.add(start);
        }
        List<Long> sorted = new ArrayList<>(starts);
        sorted.sort(null);
        assertTrue(sorted.equals(starts), "permits are handed out first come, first served");
        PacingProperties.assertNeverAboveTheLimit(starts, limit);
        if (limit.burst() == 1) {
            PacingProperties.assertNoWindowOverfull(starts, limit);
        }
    }
}
