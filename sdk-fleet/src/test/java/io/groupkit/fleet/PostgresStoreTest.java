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
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The limiter over a real PostgreSQL: one queue for every server, and a database that goes away stops sending. */
class PostgresStoreTest {

    @Test
    void reservationsQueueCallersAcrossLimitersAndTheTableIsMadeOnFirstUse() throws Exception {
        ExecutorService jdbc = Executors.newFixedThreadPool(2);
        try (Postgres db = Postgres.start()) {
            FleetRateLimiter a = FleetRateLimiter.postgres(Postgres.dataSource(db.url()), jdbc);
            FleetRateLimiter b = FleetRateLimiter.postgres(Postgres.dataSource(db.url()), jdbc); // the table exists now
            RateLimit slow = RateLimit.of("adds", 1, Duration.ofSeconds(10));
            long first = a.reserveAsync("pg-acct", slow, 0).toCompletableFuture().get(10, TimeUnit.SECONDS).toMillis();
            long second = b.reserveAsync("pg-acct", slow, 0).toCompletableFuture().get(10, TimeUnit.SECONDS).toMillis();
            assertEquals(0, first);
            assertTrue(second > 5_000 && second <= 10_000, "the second server waits its turn: " + second + " ms");
            assertEquals(0, b.reserveAsync("pg-other", slow, 0).toCompletableFuture().get(10, TimeUnit.SECONDS).toMillis());
            a.throttled("pg-held", RateLimit.of("adds", 10, Duration.ofSeconds(1)), 0, Duration.ofSeconds(3));
            long held = 0;
            for (int i = 0; i < 50 && held < 2_500; i++) {
                Thread.sleep(20);
                held = b.reserveAsync("pg-held", RateLimit.of("adds", 10, Duration.ofSeconds(1)), 0).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS).toMillis();
            }
            assertTrue(held >= 2_500, "the other server holds back for the provider's wait: " + held + " ms");
        } finally {
            jdbc.shutdownNow();
        }
    }

    @Test
    void aDatabaseThatGoesAwaySendsNothing() throws Exception {
        ExecutorService jdbc = Executors.newFixedThreadPool(2);
        try (Postgres db = Postgres.start()) {
            assumeTrue(db.embedded(), "an external database is not stopped by the tests");
            FleetRateLimiter limiter = FleetRateLimiter.postgres(Postgres.dataSource(db.url()), jdbc);
            RateLimit tenPerSecond = RateLimit.of("adds", 10, Duration.ofSeconds(1));
            FakeProvider fake = FakeProvider.builder().time(TimeSource.system()).rateLimit(Operation.ADD, tenPerSecond).build();
            fake.group("team@g.us");
            GroupMembership groups = GroupMembership.create(fake, Policies.builder().rateLimiter(limiter).prechecks(Prechecks.OFF)
                    .retry(RetryPolicy.none()).build());
            assertInstanceOf(Added.class, groups.add(GroupRef.of("team@g.us"), Member.phone("+79000000001")));

            db.stop();

            assertThrows(ExecutionException.class, () -> limiter.reserveAsync("pg-acct", tenPerSecond, 0).toCompletableFuture()
                    .get(30, TimeUnit.SECONDS), "the reservation fails instead of hanging");
            Unavailable r = assertInstanceOf(Unavailable.class, groups.add(GroupRef.of("team@g.us"), Member.phone("+79000000002")));
            assertEquals("RATE_LIMITER_UNAVAILABLE", r.detail().code());
            assertEquals(1, fake.calls(Operation.ADD).size(), "nothing was sent without a permit");
        } finally {
            jdbc.shutdownNow();
        }
    }
}
