package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.ScriptedProvider;
import io.groupkit.core.testing.Harness;
import io.groupkit.core.testing.HeldClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cancelled bulk run with {@code abandonAfterCancel} returns after the grace although calls are
 * still under way, and reports each of them as not known; without it, it waits for every call.
 */
class BulkAbandonTest {
    private static final Duration GRACE = Duration.ofMillis(250);

    private final HeldClock clock = new HeldClock();
    private final ScriptedProvider fake = ScriptedProvider.builder().time(clock).latency(Duration.ofSeconds(1)).build();
    private final GroupMembership client = GroupMembership.create(fake, Policies.builder().time(clock).prechecks(Prechecks.OFF).build());
    private final List<Member> people = IntStream.range(0, 3).<Member>mapToObj(i -> Member.phone(String.format("+7900%07d", i))).toList();
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    BulkAbandonTest() {
        fake.group(Harness.GROUP);
    }

    @AfterEach
    void stop() {
        clock.releaseWaits();
        caller.shutdownNow();
    }

    private static void until(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting");
            Thread.sleep(5);
        }
    }

    @Test
    void aCancelledRunGivesUpOnCallsUnderWayAfterTheGrace() throws Exception {
        Cancellation token = new Cancellation();
        CompletableFuture<BulkReport> run = client.addAllAsync(Harness.GROUP, people,
                BulkOptions.defaults().concurrency(2).cancellation(token).abandonAfterCancel(GRACE), caller);
        until(() -> fake.calls(Operation.ADD).size() == 2);
        token.cancel();
        until(() -> !clock.alarmsOf(GRACE).isEmpty());
        assertFalse(run.isDone(), "the grace has not passed yet");
        clock.alarmsOf(GRACE).forEach(a -> a.complete(null));
        BulkReport report = run.get(10, TimeUnit.SECONDS);
        assertTrue(report.cancelled());
        assertEquals(2, report.entries().size());
        report.entries().forEach(e -> {
            assertEquals(OutcomeKind.INDETERMINATE, e.outcome().kind());
            assertEquals("UNDER_WAY_WHEN_CANCELLED", e.outcome().detail().code());
        });
        assertEquals(List.of(people.get(2)), report.notAttempted(), "the third was never sent");
        // A late answer changes nothing in the report already made.
        clock.releaseWaits();
        assertEquals(OutcomeKind.INDETERMINATE, report.entries().get(0).outcome().kind());
    }

    @Test
    void withoutTheOptionACancelledRunWaitsForEveryCallUnderWay() throws Exception {
        Cancellation token = new Cancellation();
        CompletableFuture<BulkReport> run = client.addAllAsync(Harness.GROUP, people,
                BulkOptions.defaults().concurrency(2).cancellation(token), caller);
        until(() -> fake.calls(Operation.ADD).size() == 2);
        token.cancel();
        Thread.sleep(100);
        assertFalse(run.isDone(), "it waits for the two calls under way");
        clock.releaseWaits();
        BulkReport report = run.get(10, TimeUnit.SECONDS);
        assertEquals(2, report.count(OutcomeKind.ADDED));
        assertEquals(1, report.notAttempted().size());
    }
}
