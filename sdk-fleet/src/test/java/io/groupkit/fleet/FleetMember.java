package io.groupkit.fleet;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.lettuce.core.RedisClient;
import java.util.ArrayList;
import java.util.List;

/**
 * One server of a fleet, as its own JVM: adds its share of people to one Green-API instance,
 * pacing through the shared limiter, and prints what came back.
 */
public final class FleetMember {
    private FleetMember() {
    }

    /**
     * Runs one server's bulk add.
     *
     * @param args the store (a {@code redis://} URI or a JDBC URL), API URL, instance id, token, group id,
     *     first person's number, how many,
     *     and this server's own warm-up instance id
     * @throws java.io.IOException if the go signal cannot be read
     */
    public static void main(String[] args) throws java.io.IOException {
        boolean jdbc = args[0].startsWith("jdbc:");
        RedisClient redis = jdbc ? null : RedisClient.create(args[0]);
        java.util.concurrent.ExecutorService queries = java.util.concurrent.Executors.newFixedThreadPool(4);
        FleetRateLimiter limiter = jdbc ? FleetRateLimiter.postgres(Postgres.dataSource(args[0]), queries)
                : FleetRateLimiter.redis(redis);
        Policies policies = Policies.builder().rateLimiter(limiter).prechecks(Prechecks.OFF).build();
        try (GreenApiClient warmUp = GreenApi.builder().apiUrl(args[1]).instance(args[7], args[3]).policies(policies).build();
             GreenApiClient whatsapp = GreenApi.builder().apiUrl(args[1]).instance(args[2], args[3]).policies(policies).build()) {
            // A cold JVM's first calls are slow (class loading, JIT): a request that leaves late
            // crowds the next one into the instance's window. Warm up on an instance of our own,
            // then start with the others.
            warmUp.add(GroupRef.of(args[4]), Member.phone("+" + Long.parseLong(args[5])));
            Jvms.awaitGo();
            long first = Long.parseLong(args[5]);
            List<Member> people = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(args[6]); i++) {
                people.add(Member.phone("+" + (first + i)));
            }
            BulkReport report = whatsapp.addAll(GroupRef.of(args[4]), people, BulkOptions.defaults());
            System.out.println("COUNTS " + report.counts());
        } finally {
            queries.shutdownNow();
            if (redis != null) {
                redis.shutdown();
            }
        }
    }
}
