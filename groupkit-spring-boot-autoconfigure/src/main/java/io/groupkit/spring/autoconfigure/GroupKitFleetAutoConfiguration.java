package io.groupkit.spring.autoconfigure;

import io.groupkit.core.policy.RateLimiter;
import io.groupkit.fleet.FleetRateLimiter;
import io.lettuce.core.RedisClient;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A fleet's shared limits from {@code groupkit.fleet.rate-limiter}: a {@link FleetRateLimiter} in
 * Redis ({@code redis-uri}, or the application's {@link RedisClient}) or in PostgreSQL (the
 * application's {@link DataSource}; its blocking questions run on the application's
 * {@link Executor}, such as Spring's {@code applicationTaskExecutor}). The policies of every
 * GroupKit client then pace against it. Backs off when the application defines its own
 * {@link RateLimiter}.
 */
@AutoConfiguration(before = GroupKitAutoConfiguration.class)
@ConditionalOnClass(FleetRateLimiter.class)
@ConditionalOnProperty(prefix = "groupkit.fleet", name = "rate-limiter")
@EnableConfigurationProperties(GroupKitProperties.class)
public class GroupKitFleetAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public GroupKitFleetAutoConfiguration() {
    }

    /**
     * The fleet's limiter.
     *
     * @param properties {@code groupkit.fleet.*}
     * @param redis the application's Redis client, if any
     * @param dataSource the application's data source, if any
     * @param executors the application's executors
     * @return the limiter
     * @throws IllegalStateException if what the chosen store needs is missing (the message says what)
     */
    @Bean
    @ConditionalOnMissingBean(RateLimiter.class)
    public RateLimiter groupKitFleetRateLimiter(GroupKitProperties properties, ObjectProvider<RedisClient> redis,
                                                ObjectProvider<DataSource> dataSource, ObjectProvider<Executor> executors) {
        GroupKitProperties.Fleet p = properties.getFleet();
        String store = NamedAccounts.checked(p.getRateLimiter(), "groupkit.fleet.rate-limiter").strip()
                .toLowerCase(java.util.Locale.ROOT);
        return switch (store) {
            case "redis" -> {
                RedisClient client = redis.getIfUnique();
                if (client == null) {
                    throw new IllegalStateException("groupkit.fleet.rate-limiter=redis needs groupkit.fleet.redis-uri"
                            + " (or a RedisClient bean)");
                }
                yield FleetRateLimiter.redis(client, p.getKeyPrefix());
            }
            case "postgres" -> {
                DataSource ds = dataSource.getIfUnique();
                if (ds == null) {
                    throw new IllegalStateException("groupkit.fleet.rate-limiter=postgres needs the application's DataSource"
                            + " (spring.datasource.*)");
                }
                Executor executor = executors.getIfUnique();
                if (executor == null) {
                    throw new IllegalStateException("groupkit.fleet.rate-limiter=postgres needs one Executor bean for its"
                            + " blocking JDBC questions (Spring's applicationTaskExecutor, or your own)");
                }
                yield FleetRateLimiter.postgres(ds, executor);
            }
            default -> throw new IllegalStateException("expected groupkit.fleet.rate-limiter to be redis or postgres, got '"
                    + p.getRateLimiter() + "'");
        };
    }

    /** The Redis client {@code groupkit.fleet.redis-uri} names, shut down with the context. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisClient.class)
    @ConditionalOnProperty(prefix = "groupkit.fleet", name = "redis-uri")
    static class RedisClientConfiguration {
        @Bean(destroyMethod = "shutdown")
        @ConditionalOnMissingBean
        RedisClient groupKitRedisClient(GroupKitProperties properties) {
            return RedisClient.create(properties.getFleet().getRedisUri());
        }
    }
}
