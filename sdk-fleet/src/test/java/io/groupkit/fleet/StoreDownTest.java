package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.groupkit.core.Added;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.Unavailable;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.fake.FakeProvider;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The limiter over a real Redis: its reservations queue callers, and a Redis that goes away stops sending. */
class StoreDownTest {
    private static final RateLimit TEN_PER_SECOND = RateLimit.of("adds", 10, Duration.ofSeconds(1));

    @Test
    void reservationsQueueCallersAcrossLimiters() throws Exception {
        try (Redis redis = Redis.start()) {
            RedisClient one = RedisClient.create(redis.uri());
            RedisClient two = RedisClient.create(redis.uri());
            try {
                // Two limiters, as two servers have: one queue. Each permit is 10 s after the one before
                // (a slow limit, so that the checks hold however slowly this machine runs).
                FleetRateLimiter a = FleetRateLimiter.redis(one, "t1:");
                FleetRateLimiter b = FleetRateLimiter.redis(two, "t1:");
                RateLimit slow = RateLimit.of("adds", 1, Duration.ofSeconds(10));
                long first = a.reserveAsync("acct", slow, 0).toCompletableFuture().get(10, TimeUnit.SECONDS).toMillis();
                long second = b.reserveAsync("acct", slow, 0).toCompletableFuture().get(10, TimeUnit.SECONDS).toMillis();
                long third = a.reserveAsync("acct", slow, 0).toCompletableFuture().get(10, TimeUnit.SECONDS).toMillis();
                assertEquals(0, first);
                assertTrue(second > 5_000 && second <= 10_000, "the second server waits its turn: " + second + " ms");
                assertTrue(third > 15_000 && third <= 20_000, "the third permit after the second: " + third + " ms");
                // Another account's budget is its own.
                assertEquals(0, b.reserveAsync("other", slow, 0).toCompletableFuture().get(10, TimeUnit.SECONDS)
                        .toMillis());
                // A provider's "wait 3 s" seen by one server holds back the other.
                a.throttled("held", TEN_PER_SECOND, 0, Duration.ofSeconds(3));
                long held = 0;
                for (int i = 0; i < 50 && held < 2_500; i++) {
                    Thread.sleep(20); // the hint is shared asynchronously
                    held = b.reserveAsync("held", TEN_PER_SECOND, 0).toCompletableFuture().get(10, TimeUnit.SECONDS).toMillis();
                }
                assertTrue(held >= 2_500, "the other server holds back for the provider's wait: " + held + " ms");
            } finally {
                one.shutdown();
                two.shutdown();
            }
        }
    }

    @Test
    void aRedisThatGoesAwaySendsNothingAndHangsNothing() throws Exception {
        try (Redis redis = Redis.start()) {
            assumeTrue(redis.embedded(), "an external Redis is not stopped by the tests");
            RedisClient client = RedisClient.create(redis.uri());
            try {
                FleetRateLimiter limiter = FleetRateLimiter.redis(client, "t2:");
                FakeProvider fake = FakeProvider.builder().time(TimeSource.system())
                        .rateLimit(Operation.ADD, TEN_PER_SECOND).build();
                fake.group("team@g.us");
                GroupMembership groups = GroupMembership.create(fake, Policies.builder().rateLimiter(limiter).prechecks(Prechecks.OFF)
                        .retry(RetryPolicy.none()).build());
                assertInstanceOf(Added.class, groups.add(GroupRef.of("team@g.us"), Member.phone("+79000000001")));

                redis.stop();

                long start = System.nanoTime();
                ExecutionException failed = assertThrows(ExecutionException.class, () -> limiter
                        .reserveAsync("acct", TEN_PER_SECOND, 0).toCompletableFuture().get(30, TimeUnit.SECONDS));
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMillis < 20_000, "the reservation failed instead of hanging: " + tookMillis + " ms, " + failed);
                Unavailable r = assertInstanceOf(Unavailable.class, groups.add(GroupRef.of("team@g.us"), Member.phone("+79000000002")));
                assertEquals("RATE_LIMITER_UNAVAILABLE", r.detail().code());
                assertEquals(1, fake.calls(Operation.ADD).size(), "nothing was sent without a permit");
            } finally {
                client.shutdown();
            }
        }
    }
}
