package io.groupkit.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {
    private final TokenBucketRateLimiter limiter = new TokenBucketRateLimiter();

    @Test
    void callsAtOnceAreSpacedByTheInterval() {
        RateLimit tenPerSecond = RateLimit.perSecond("add", 10);
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ofMillis(100L * i), limiter.reserve("k", tenPerSecond, 0));
        }
    }

    @Test
    void aBurstGoesAtOnceThenTheRateHolds() {
        RateLimit bitrix = RateLimit.of("portal", 2, Duration.ofSeconds(1)).withBurst(50);
        for (int i = 0; i < 50; i++) {
            assertEquals(Duration.ZERO, limiter.reserve("portal", bitrix, 0));
        }
        assertEquals(Duration.ofMillis(500), limiter.reserve("portal", bitrix, 0));
        assertEquals(Duration.ofMillis(1000), limiter.reserve("portal", bitrix, 0));
        // After 10 quiet seconds, 20 permits have leaked back.
        long tenSecondsLater = Duration.ofSeconds(11).toNanos();
        for (int i = 0; i < 20; i++) {
            assertEquals(Duration.ZERO, limiter.reserve("portal", bitrix, tenSecondsLater));
        }
        assertEquals(Duration.ofMillis(500), limiter.reserve("portal", bitrix, tenSecondsLater));
    }

    @Test
    void keysAreIndependent() {
        RateLimit one = RateLimit.perSecond("x", 1);
        assertEquals(Duration.ZERO, limiter.reserve("a", one, 0));
        assertEquals(Duration.ZERO, limiter.reserve("b", one, 0));
        assertEquals(Duration.ofSeconds(1), limiter.reserve("a", one, 0));
    }

    @Test
    void aThrottleHoldsEveryCallerBack() {
        RateLimit tenPerSecond = RateLimit.perSecond("add", 10);
        limiter.reserve("k", tenPerSecond, 0);
        limiter.throttled("k", tenPerSecond, 0, Duration.ofSeconds(31));
        assertEquals(Duration.ofSeconds(31), limiter.reserve("k", tenPerSecond, 0));
        assertEquals(Duration.ofMillis(31_100), limiter.reserve("k", tenPerSecond, 0));
    }

    @Test
    void concurrentReservationsKeepTheLimit() throws InterruptedException {
        RateLimit limit = RateLimit.perSecond("add", 10).withBurst(3);
        ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 50; i++) {
                    starts.add(limiter.reserve("k", limit, 0).toNanos());
                }
            });
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        List<Long> sorted = new ArrayList<>(starts);
        Collections.sort(sorted);
        assertEquals(400, sorted.size());
        PacingProperties.assertNeverAboveTheLimit(sorted, limit);
        assertEquals(Duration.ofMillis(100L * (400 - 3)).toNanos(), sorted.get(399), "no permit is wasted");
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> RateLimit.perSecond("x", 0));
        assertThrows(IllegalArgumentException.class, () -> RateLimit.of("x", 1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RateLimit.perSecond(" ", 1));
        assertThrows(IllegalArgumentException.class, () -> RateLimit.perSecond("x", 1).withBurst(0));
        assertEquals(Duration.ofNanos(333_333_334), RateLimit.perSecond("x", 3).interval(), "rounded up, never faster");
    }
}
