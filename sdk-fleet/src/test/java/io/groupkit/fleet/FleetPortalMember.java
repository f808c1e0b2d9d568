package io.groupkit.fleet;

import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.Prechecks;
import io.lettuce.core.RedisClient;
import java.util.ArrayList;
import java.util.List;

/**
 * One server of a fleet on one Bitrix24 portal, as its own JVM: adds its share of users to a chat
 * one by one (no batches: every request is a single call), pacing through the shared Redis.
 */
public final class FleetPortalMember {
    private FleetPortalMember() {
    }

    /**
     * Runs one server's adds.
     *
     * @param args redis URI, webhook URL, chat id, first user id, how many
     * @throws java.io.IOException if the go signal cannot be read
     */
    public static void main(String[] args) throws java.io.IOException {
        RedisClient redis = RedisClient.create(args[0]);
        // The simulated portal's own bucket starts full, so the fleet's may too: this run measures one
        // shared bucket, burst and rate (a new bucket's single permit is NewBucketTest's subject).
        FleetRateLimiter limiter = FleetRateLimiter.redis(redis).newBucketsHold(Integer.MAX_VALUE);
        try (Bitrix24Client portal = Bitrix24.webhook(args[1])
                .policies(Policies.builder().rateLimiter(limiter).prechecks(Prechecks.OFF).build()).build()) {
            Jvms.awaitGo();
            long first = Long.parseLong(args[3]);
            List<Member> people = new ArrayList<>();
            for (int i = 0; i < Integer.parseInt(args[4]); i++) {
                people.add(Member.userId(first + i));
            }
            BulkReport report = portal.addAll(ImChat.of(Long.parseLong(args[2])), people, BulkOptions.defaults().batches(BulkOptions.Batches.NONE));
            System.out.println("COUNTS " + report.counts());
        } finally {
            redis.shutdown();
        }
    }
}
