package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Outcome;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The fleet's store is down while Green-API's own look-ups need permits (the pre-check's state
 * and number checks, the diagnosis): the outcome names the store, whatever step met it — not
 * "the pre-check could not run" or a failure "in the provider".
 */
class StoreDownTest {

    private static final RateLimiter DOWN = new RateLimiter() {
        @Override
        public Duration reserve(String key, RateLimit limit, long nowNanos) {
            throw new IllegalStateException("Redis is down");
        }

        @Override
        public CompletionStage<Duration> reserveAsync(String key, RateLimit limit, long nowNanos) {
            return CompletableFuture.failedFuture(new java.net.ConnectException("Connection refused: redis:6379"));
        }

        @Override
        public String toString() {
            return "FleetRateLimiter[Redis groupkit:]";
        }
    };

    @Test
    void everyOperationNamesTheStore() {
        try (Fixture f = new Fixture(b -> b, p -> p.rateLimiter(DOWN))) {
            List<Outcome> outcomes = List.of(f.client.add(Fixture.GROUP, Fixture.person(1)),
                    f.client.remove(Fixture.GROUP, Fixture.person(1)), f.client.members(Fixture.GROUP), f.client.state());
            for (Outcome o : outcomes) {
                assertEquals("RATE_LIMITER_UNAVAILABLE", o.detail().code(), o.toString());
                assertTrue(o.detail().description().contains("FleetRateLimiter[Redis groupkit:]"), o.toString());
                assertTrue(o.remedy().contains("rate limiter's store"), o.remedy());
            }
            assertTrue(f.sim.requests().isEmpty(), "nothing sent unpaced: " + f.sim.requests());
            assertTrue(f.time.elapsed().compareTo(Duration.ofSeconds(4 * 4)) <= 0,
                    "each reported within about the 3 s allowed: " + f.time.elapsed());
        }
    }
}
