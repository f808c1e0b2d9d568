package io.groupkit.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Policies;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.ScriptedProvider.Call;
import io.groupkit.core.testing.ScriptedProvider;
import io.groupkit.core.testing.Harness;
import io.groupkit.core.internal.VirtualClock;
import io.groupkit.core.testing.Fault;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PacingThroughClientTest {
    private static final RateLimit TEN_PER_SECOND = RateLimit.perSecond("group-write", 10);

    private static void assertAtMostPerSecondWindow(List<Call> calls, int max) {
        List<Long> t = calls.stream().map(Call::atNanos).sorted().toList();
        int j = 0;
        for (int i = 0; i < t.size(); i++) {
            while (j < t.size() && t.get(j) < t.get(i) + 1_000_000_000L) {
                j++;
            }
            int count = j - i;
            assertTrue(count <= max, count + " calls in one second");
        }
    }

    @Test
    void aThousandAddsNeverExceedTheLimitAndUseItFully() {
        Harness h = new Harness(b -> b.rateLimit(Operation.ADD, TEN_PER_SECOND), p -> p.prechecks(Prechecks.OFF));
        List<Member> people = IntStream.range(0, 1000).mapToObj(Harness::person).toList();
        BulkReport r = h.client.addAll(Harness.GROUP, people, BulkOptions.defaults().concurrency(8));
        assertEquals(1000, r.count(OutcomeKind.ADDED));
        List<Call> calls = h.fake.calls(Operation.ADD);
        assertAtMostPerSecondWindow(calls, 10);
        long span = calls.get(999).atNanos() - calls.get(0).atNanos();
        double rate = 999 / (span / 1e9);
        assertTrue(rate >= 9.5, "used " + rate + " of 10 calls per second");
    }

    @Test
    void clientsSharingALimiterShareTheBudget() {
        var time = VirtualClock.create();
        ScriptedProvider fake = ScriptedProvider.builder().time(time).rateLimit(Operation.ADD, TEN_PER_SECOND).build();
        fake.group(Harness.GROUP);
        Policies shared = Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter()).prechecks(Prechecks.OFF).build();
        GroupMembership a = GroupMembership.create(fake, shared);
        GroupMembership b = GroupMembership.create(fake, shared);
        for (int i = 0; i < 50; i++) {
            (i % 2 == 0 ? a : b).add(Harness.GROUP, Harness.person(i));
        }
        assertAtMostPerSecondWindow(fake.calls(Operation.ADD), 10);
        assertEquals(Duration.ofMillis(4900), time.elapsed());
    }

    @Test
    void eachOperationKeepsItsOwnLimit() {
        Harness h = new Harness(b -> b.rateLimit(Operation.ADD, TEN_PER_SECOND)
                .rateLimit(Operation.PRECHECK, RateLimit.perSecond("check", 2)), p -> p);
        for (int i = 0; i < 20; i++) {
            h.client.add(Harness.GROUP, Harness.person(i));
        }
        assertAtMostPerSecondWindow(h.fake.calls(Operation.PRECHECK), 2);
        assertAtMostPerSecondWindow(h.fake.calls(Operation.ADD), 10);
        assertEquals(Duration.ofMillis(9500), h.time.elapsed(), "the pre-checks set the pace");
    }

    @Test
    void aWaitTheProviderAsksForHoldsBackTheTightestLimitNotTheDailyCap() {
        RateLimit daily = RateLimit.of("daily", 50, Duration.ofDays(1)).withBurst(50);
        Harness h = new Harness(b -> b.rateLimit(Operation.ADD, TEN_PER_SECOND).rateLimit(Operation.ADD, daily),
                p -> p.prechecks(Prechecks.OFF).rateLimiter(new TokenBucketRateLimiter()));
        h.fake.failNext(Harness.person(1), 1, Fault.rateLimited(Duration.ofSeconds(5)));
        h.client.add(Harness.GROUP, Harness.person(0));
        h.client.add(Harness.GROUP, Harness.person(1)); // waits 5 s, then succeeds
        Duration before = h.time.elapsed();
        for (int n = 2; n < 12; n++) {
            assertEquals(OutcomeKind.ADDED, h.client.add(Harness.GROUP, Harness.person(n)).kind());
        }
        Duration took = h.time.elapsed().minus(before);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0,
                "ten adds at 10/s, not at the daily cap's pace (one per 29 min): " + took);
    }
}
