package io.groupkit.fleet;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.RateLimiter;
import io.lettuce.core.RedisClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits shared by every server of a fleet: each {@link RateLimit} of an account is one Bucket4j
 * bucket in a shared store (Redis or PostgreSQL) (capacity = the burst, one permit back every
 * {@linkplain RateLimit#interval() interval}), keyed by the account and the limit. A permit is a
 * reservation: it is taken at once and the answer says how long to wait, so callers on every
 * server queue in one line. A "too many requests" one server meets puts the bucket in debt for the
 * wait the provider asked for, which holds back every server.
 *
 * <p>The store's clock: Bucket4j times buckets with each server's wall clock, so the servers'
 * clocks must agree (NTP). A store that cannot be reached, or does not answer within 2 s, fails
 * the reservation, and GroupKit then sends nothing ({@code RATE_LIMITER_UNAVAILABLE}, retried with
 * backoff). Give the {@link RedisClient} {@code ClientOptions.disconnectedBehavior(REJECT_COMMANDS)}
 * to fail at once while Redis is away instead of after the 2 s.
 *
 * <p>A bucket the store does not know — first used, or lost when the store restarted empty —
 * starts with one permit, not with its burst: the provider still counts what the fleet sent
 * before the store forgot it, so a full burst on top of that earns its "too many requests"
 * ({@link #newBucketsHold(int)} changes it).
 *
 * <p>Thread-safe; asks the store asynchronously and never blocks a GroupKit thread.
 */
public final class FleetRateLimiter implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(FleetRateLimiter.class);
    /** How long a question to the store may take before the call is reported unpaced-and-unsent. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private static final String TABLE = "groupkit_rate_bucket";

    private final ProxyManager<String> buckets;
    private final @Nullable AsyncProxyManager<String> asyncBuckets; // null for a store without an async driver (JDBC)
    private final @Nullable Executor jdbc; // where a JDBC store's blocking questions run
    private final String prefix;
    private final int newBucketPermits; // capped by each limit's burst
    private final String store; // named in toString: a failure report says which store to check

    private FleetRateLimiter(ProxyManager<String> buckets, String prefix, @Nullable Executor jdbc, int newBucketPermits,
                             String store) {
        this.buckets = buckets;
        this.asyncBuckets = jdbc == null ? buckets.asAsync() : null;
        this.jdbc = jdbc;
        this.prefix = prefix;
        this.newBucketPermits = newBucketPermits;
        this.store = store;
    }

    /**
     * How many permits a bucket the store does not know starts with (default 1): more lets a
     * fleet's first calls go out together, up to the limit's burst ({@code Integer.MAX_VALUE} for
     * the whole burst); 0 makes even the first call wait one interval.
     *
     * @param permits at least 0
     * @return a limiter like this one whose new buckets hold that many permits (at most their burst)
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public FleetRateLimiter newBucketsHold(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("expected 0 or more permits for a new bucket, got " + permits);
        }
        return new FleetRateLimiter(buckets, prefix, jdbc, permits, store);
    }

    /**
     * Limits kept in Redis, through the application's Lettuce client (one connection is opened).
     *
     * @param client the Redis client; it stays the application's to shut down
     * @return the limiter, with keys under {@code groupkit:}
     */
    public static FleetRateLimiter redis(RedisClient client) {
        return redis(client, "groupkit:");
    }

    /**
     * Limits kept in Redis under a key prefix of your choice (several environments in one Redis).
     *
     * @param client the Redis client; it stays the application's to shut down
     * @param keyPrefix the start of every key, such as {@code staging:groupkit:}
     * @return the limiter
     */
    public static FleetRateLimiter redis(RedisClient client, String keyPrefix) {
        Objects.requireNonNull(client, "client must not be null");
        Objects.requireNonNull(keyPrefix, "keyPrefix must not be null");
        ProxyManager<byte[]> proxies = Bucket4jLettuce.casBasedBuilder(client)
                // A bucket left alone expires once it would be full again: Redis keeps only live budgets.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                // A store that does not answer must not hold a call for Lettuce's default minute.
                .requestTimeout(REQUEST_TIMEOUT)
                .build();
        return new FleetRateLimiter(proxies.withMapper(key -> key.getBytes(StandardCharsets.UTF_8)), keyPrefix, null, 1, "Redis");
    }

    /**
     * Limits kept in PostgreSQL, for teams that have a database and no Redis. The table
     * {@code groupkit_rate_bucket (id BIGINT PRIMARY KEY, state BYTEA)} is created on first use if
     * it does not exist (or create it yourself with that DDL); each question holds a transaction-level
     * advisory lock on one row. JDBC blocks, so the questions run on {@code executor} — yours, sized
     * like the data source's pool — and never on a GroupKit thread.
     *
     * @param dataSource the database; it stays the application's
     * @param executor where the store's blocking questions run
     * @return the limiter
     * @throws IllegalStateException if the table can be neither found nor created (with the reason)
     */
    public static FleetRateLimiter postgres(DataSource dataSource, Executor executor) {
        Objects.requireNonNull(dataSource, "dataSource must not be null");
        Objects.requireNonNull(executor, "executor must not be null");
        Tables.create(dataSource, "CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGINT PRIMARY KEY, state BYTEA)");
        ProxyManager<Long> proxies = Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource).table(TABLE).build();
        return new FleetRateLimiter(proxies.withMapper(FleetRateLimiter::rowId), "groupkit:", executor, 1, "PostgreSQL");
    }

    /** A bucket's row: the first 64 bits of the SHA-256 of its name (collisions are not a practical concern). */
    private static long rowId(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    @Override
    public Duration reserve(String key, RateLimit limit, long nowNanos) {
        return Duration.ofNanos(buckets.getProxy(name(key, limit), () -> configuration(limit)).consumeIgnoringRateLimits(1));
    }

    @Override
    public CompletionStage<Duration> reserveAsync(String key, RateLimit limit, long nowNanos) {
        if (asyncBuckets == null) {
            return CompletableFuture.supplyAsync(() -> reserve(key, limit, nowNanos), jdbc);
        }
        return asyncBuckets.getProxy(name(key, limit), () -> CompletableFuture.completedFuture(configuration(limit)))
                .consumeIgnoringRateLimits(1).thenApply(Duration::ofNanos);
    }

    /** Empties the bucket and takes the permits of {@code retryAfter} beyond it: every server waits at least that long. */
    @Override
    public void throttled(String key, RateLimit limit, long nowNanos, Duration retryAfter) {
        long interval = limit.interval().toNanos();
        long debt = Math.max(1, (retryAfter.toNanos() + interval - 1) / interval);
        if (asyncBuckets == null) {
            CompletableFuture.runAsync(() -> {
                var bucket = buckets.getProxy(name(key, limit), () -> configuration(limit));
                bucket.tryConsumeAsMuchAsPossible();
                bucket.consumeIgnoringRateLimits(debt);
            }, jdbc).whenComplete((v, e) -> shared(e, retryAfter));
            return;
        }
        var bucket = asyncBuckets.getProxy(name(key, limit), () -> CompletableFuture.completedFuture(configuration(limit)));
        bucket.tryConsumeAsMuchAsPossible().thenCompose(taken -> bucket.consumeIgnoringRateLimits(debt))
                .whenComplete((v, e) -> shared(e, retryAfter));
    }

    private static void shared(@Nullable Throwable e, Duration retryAfter) {
        if (e != null) {
            LOG.warn("the provider's wait of {} could not be shared through the store ({}); this server waits it out"
                    + " alone", retryAfter, e.getClass().getName());
        }
    }

    /** One bucket per account, limit and shape: a changed limit starts a bucket of its own. */
    private String name(String key, RateLimit limit) {
        return prefix + key + ":" + limit.permits() + "/" + limit.per().toMillis() + "ms/" + limit.burst();
    }

    private BucketConfiguration configuration(RateLimit limit) {
        long initial = Math.min(limit.burst(), newBucketPermits);
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst()).refillGreedy(1, limit.interval()).initialTokens(initial)
                        .build())
                .build();
    }

    @Override
    public String toString() {
        return "FleetRateLimiter[" + store + " " + prefix + ", new buckets hold " + newBucketPermits + "]";
    }
}
