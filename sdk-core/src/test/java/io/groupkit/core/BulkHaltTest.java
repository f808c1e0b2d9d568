package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.Fault;
import io.groupkit.core.testing.ScriptedProvider;
import io.groupkit.core.testing.Harness;
import io.groupkit.core.testing.HeldClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Calls that wait for a pacing permit when a bulk run is cancelled or stopped are never sent:
 * their wait ends at once and they are reported as not attempted.
 */
class BulkHaltTest {
    private final HeldClock clock = new HeldClock();
    private final ScriptedProvider fake = ScriptedProvider.builder().time(clock)
            .rateLimit(Operation.ADD, RateLimit.of("adds", 1, Duration.ofHours(1))).build();
    private final GroupMembership client = GroupMembership.create(fake, Policies.builder().time(clock)
            .rateLimiter(new TokenBucketRateLimiter()).build());
    private final List<Member> people = IntStream.range(0, 20)
            .<Member>mapToObj(i -> Member.phone(String.format("+7900%07d", i))).toList();

    BulkHaltTest() {
        fake.group(Harness.GROUP);
    }

    @Test
    void cancellingEndsThePacingWaitsAndSendsNothingMore() throws Exception {
        Cancellation token = new Cancellation();
        CompletableFuture<BulkReport> run = CompletableFuture.supplyAsync(() -> client.addAll(Harness.GROUP, people,
                BulkOptions.defaults().concurrency(4).cancellation(token)));
        // One add goes out at once; three wait for permits an hour away, on a clock that never moves.
        while (fake.calls(Operation.ADD).isEmpty()) {
            Thread.onSpinWait();
        }
        token.cancel();
        BulkReport r = run.get(30, TimeUnit.SECONDS); // a hang guard, not a speed check
        assertTrue(r.cancelled());
        assertEquals(1, r.entries().size());
        assertEquals(19, r.notAttempted().size());
        assertEquals(1, fake.calls(Operation.ADD).size(), "nobody waiting for a permit was sent");
    }

    @Test
    void aSpamLimitStopsTheCallsWaitingForPermits() throws Exception {
        fake.failNext(people.get(1), 1, Fault.spamLimited());
        CompletableFuture<BulkReport> run = CompletableFuture.supplyAsync(() -> client.addAll(Harness.GROUP, people,
                BulkOptions.defaults().concurrency(4)));
        // Person 0 goes out at once; persons 1 to 4 wait for their permits.
        while (clock.waits.size() < 4) {
            Thread.onSpinWait();
        }
        clock.waits.get(0).complete(null); // person 1's permit: the answer is a spam limit
        BulkReport r = run.get(30, TimeUnit.SECONDS); // a hang guard, not a speed check
        assertEquals(OutcomeKind.SPAM_LIMITED, r.stoppedBy().orElseThrow().kind());
        assertEquals(2, r.entries().size());
        assertEquals(18, r.notAttempted().size());
        assertEquals(2, fake.calls(Operation.ADD).size(), "after the spam limit, the three waiting were not sent");
    }
}
