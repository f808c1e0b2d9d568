package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.policy.RateLimit;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A bucket the store does not know starts with one permit, not a burst: after a Redis restart
 * without persistence the provider still counts what the fleet sent, and a fresh burst on top of
 * it earned three 503s from a Bitrix24 portal.
 */
class NewBucketTest {
    // Bitrix24's shape: 2 a second, a burst of 50 (slowed to one per 10 s so the waits are far apart).
    private static final RateLimit PORTAL = new RateLimit("portal", 1, Duration.ofSeconds(10), 50);

    private static List<Long> reserve(FleetRateLimiter limiter, int n) throws Exception {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            waits.add(limiter.reserveAsync("portal-1", PORTAL, 0).toCompletableFuture().get(10, TimeUnit.SECONDS).toMillis());
        }
        return waits;
    }

    @Test
    void aBucketLostWithTheStoresDataStartsWithOnePermitNotItsBurst() throws Exception {
        try (Redis redis = Redis.start()) {
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> admin = client.connect()) {
                FleetRateLimiter limiter = FleetRateLimiter.redis(client, "nb1:");
                List<Long> first = reserve(limiter, 3);
                assertEquals(0, first.get(0), "the first call goes at once");
                assertTrue(first.get(1) > 5_000, "the second waits its interval, no burst: " + first);
                admin.sync().flushall(); // Redis restarted empty: every bucket is gone
                List<Long> after = reserve(limiter, 3);
                assertEquals(0, after.get(0));
                assertTrue(after.get(1) > 5_000 && after.get(2) > after.get(1), "still no burst after the loss: " + after);
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void aFleetMayChooseHowManyPermitsANewBucketHolds() throws Exception {
        try (Redis redis = Redis.start()) {
            RedisClient client = RedisClient.create(redis.uri());
            try {
                List<Long> five = reserve(FleetRateLimiter.redis(client, "nb2:").newBucketsHold(5), 6);
                assertEquals(List.of(0L, 0L, 0L, 0L, 0L), five.subList(0, 5));
                assertTrue(five.get(5) > 5_000, five.toString());
                List<Long> none = reserve(FleetRateLimiter.redis(client, "nb3:").newBucketsHold(0), 1);
                assertTrue(none.get(0) > 5_000, "0 permits: even the first call waits an interval: " + none);
                List<Long> whole = reserve(FleetRateLimiter.redis(client, "nb4:").newBucketsHold(Integer.MAX_VALUE), 51);
                assertEquals(0, whole.get(49), "the whole burst of 50");
                assertTrue(whole.get(50) > 5_000);
                assertThrows(IllegalArgumentException.class, () -> FleetRateLimiter.redis(client, "nb5:").newBucketsHold(-1));
            } finally {
                client.shutdown();
            }
        }
    }
}
