package io.groupkit.bitrix24;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Batches of 50 and the portal's leaky bucket, on virtual time against the simulator's bucket. */
@Order(4)
class BatchAndPacingTest {

    private static List<Member> users(long from, int n) {
        return LongStream.range(from, from + n).<Member>mapToObj(Member::userId).toList();
    }

    @Test
    void aHundredAndTwentyMixedAddsAreThreeRequestsWithAnOutcomeEach() {
        try (Fixture f = new Fixture()) {
            f.sim.chat(Fixture.CHAT, Fixture.BOT, 105, 110);
            BulkReport r = f.client.addAll(Fixture.IM, users(100, 120));
            assertEquals(3, f.sim.requests("batch").size());
            assertEquals(120, r.entries().size());
            assertEquals(118, r.count(OutcomeKind.ADDED));
            assertEquals(2, r.count(OutcomeKind.ALREADY_MEMBER), () -> r.counts().toString());
            assertEquals(OutcomeKind.ALREADY_MEMBER, r.entries().get(5).outcome().kind());
            assertEquals(121, f.sim.members(Fixture.CHAT).size());
        }
    }

    @Test
    void aPartlyFailingCrmBatchKeepsEveryOutcome() {
        try (Fixture f = new Fixture()) {
            f.sim.inactive(103).inactive(140);
            BulkReport r = f.client.addAll(Fixture.DEAL, users(100, 60));
            assertEquals(2, f.sim.requests("batch").size());
            assertEquals(58, r.count(OutcomeKind.ADDED));
            assertEquals(2, r.count(OutcomeKind.NOT_REGISTERED));
            assertEquals(OutcomeKind.NOT_REGISTERED, r.entries().get(40).outcome().kind());
        }
    }

    @Test
    void tenThousandBulkAddsTakeTwoHundredRequests() {
        try (Fixture f = new Fixture()) {
            BulkReport r = f.client.addAll(Fixture.IM, users(100, 10_000), BulkOptions.defaults().concurrency(1));
            assertEquals(10_000, r.count(OutcomeKind.ADDED), () -> r.counts().toString());
            assertEquals(200, f.sim.requests("batch").size(), "ceil(10000 / 50) requests, no retries");
        }
    }

    @Test
    void singleCallsNeverOverfillThePortalsBucket() {
        try (Fixture f = new Fixture()) {
            int n = 10_000;
            for (Member m : users(100, n)) {
                f.client.add(Fixture.IM, m);
            }
            List<Bitrix24Simulator.Request> adds = f.sim.requests("im.chat.user.add");
            assertEquals(n, adds.size(), "no request was refused with QUERY_LIMIT_EXCEEDED and retried");
            assertEquals(n + 1, f.sim.members(Fixture.CHAT).size());
            // The bucket: 50 at once, then 2 per second.
            RateLimit bucket = RateLimit.of("portal", 2, Duration.ofSeconds(1)).withBurst(50);
            long interval = bucket.interval().toNanos();
            for (int i = 0; i < adds.size(); i += 487) {
                for (int j = i + 1; j < adds.size(); j += 89) {
                    long gap = adds.get(j).atNanos() - adds.get(i).atNanos();
                    assertTrue(gap >= (j - i) * interval - 49 * interval, "calls " + i + " and " + j + " too close");
                }
            }
            double seconds = f.time.elapsed().toNanos() / 1e9;
            assertTrue((n - 50) / seconds >= 1.9, "used " + (n - 50) / seconds + " of 2 calls per second");
        }
    }
}
