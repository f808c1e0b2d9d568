package io.groupkit.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Policies;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.RateLimiter;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.fleet.FleetRateLimiter;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import redis.embedded.RedisServer;

/** groupkit.fleet.*: the limits two servers share, in a real Redis and a real PostgreSQL. */
class GroupKitFleetAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            GroupKitFleetAutoConfiguration.class, GroupKitAutoConfiguration.class));
    /** One add a minute: the second server's question must wait for the first's. */
    private static final RateLimit ONE_A_MINUTE = RateLimit.of("test.adds", 1, Duration.ofMinutes(1));

    private static Throwable root(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Two contexts, as two servers would be: the second's limiter sees the first's reservation. */
    private void sharedBetweenTwoServers(ApplicationContextRunner servers) {
        servers.run(first -> servers.run(second -> {
            RateLimiter a = first.getBean(Policies.class).rateLimiter().orElseThrow();
            RateLimiter b = second.getBean(Policies.class).rateLimiter().orElseThrow();
            assertInstanceOf(FleetRateLimiter.class, a, "the policies pace against the fleet's store");
            assertEquals(Duration.ZERO, a.reserve("account-1", ONE_A_MINUTE, System.nanoTime()));
            Duration wait = b.reserve("account-1", ONE_A_MINUTE, System.nanoTime());
            assertTrue(wait.toSeconds() > 30, () -> "the other server must wait for the shared budget, got " + wait);
        }));
    }

    @Test
    void redisLimitsAreSharedByEveryServer() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                .setting("appendonly no").build();
        redis.start();
        try {
            sharedBetweenTwoServers(runner.withPropertyValues("groupkit.fleet.rate-limiter=redis",
                    "groupkit.fleet.redis-uri=redis://127.0.0.1:" + port, "groupkit.fleet.key-prefix=test:"));
        } finally {
            redis.stop();
        }
    }

    @Test
    void postgresLimitsAreSharedByEveryServerOnTheApplicationsDataSource() throws Exception {
        ExecutorService jdbc = Executors.newFixedThreadPool(2);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource ds = pg.getPostgresDatabase();
            sharedBetweenTwoServers(runner.withBean(DataSource.class, () -> ds).withBean(Executor.class, () -> jdbc)
                    .withPropertyValues("groupkit.fleet.rate-limiter=postgres"));
        } finally {
            jdbc.shutdownNow();
        }
    }

    @Test
    void whatAStoreNeedsIsNamedWhenItIsMissing() {
        runner.withPropertyValues("groupkit.fleet.rate-limiter=redis").run(ctx ->
                assertTrue(root(ctx.getStartupFailure()).getMessage().contains("groupkit.fleet.redis-uri")));
        runner.withPropertyValues("groupkit.fleet.rate-limiter=postgres").run(ctx ->
                assertTrue(root(ctx.getStartupFailure()).getMessage().contains("DataSource")));
        runner.withPropertyValues("groupkit.fleet.rate-limiter=memcached").run(ctx ->
                assertTrue(root(ctx.getStartupFailure()).getMessage().contains("redis or postgres")));
    }

    @Test
    void anApplicationsOwnLimiterWinsAndWithoutTheSettingEachServerPacesAlone() {
        RateLimiter mine = new TokenBucketRateLimiter();
        runner.withBean(RateLimiter.class, () -> mine).withPropertyValues("groupkit.fleet.rate-limiter=redis",
                "groupkit.fleet.redis-uri=redis://127.0.0.1:1").run(ctx -> {
                    assertNotNull(ctx.getBean(Policies.class));
                    assertEquals(mine, ctx.getBean(Policies.class).rateLimiter().orElseThrow());
                });
        runner.run(ctx -> assertTrue(ctx.getBeansOfType(FleetRateLimiter.class).isEmpty()));
    }
}
