package io.groupkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Cancellation;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Policies;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.fake.FakeProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
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

    /** Provider latency never ends unless the test ends it; alarms go off only when the test says. */
    private static final class HeldClock implements TimeSource {
        final List<CompletableFuture<Void>> delays = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> graceAlarms = new CopyOnWriteArrayList<>();

        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public Instant now() {
            return Instant.parse("2026-01-01T00:00:00Z");
        }

        @Override
        public CompletionStage<Void> delay(Duration duration) {
            if (duration.isZero() || duration.isNegative()) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> held = new CompletableFuture<>();
            delays.add(held);
            return held;
        }

        @Override
        public CompletionStage<Void> alarm(Duration duration) {
            CompletableFuture<Void> alarm = new CompletableFuture<>();
            if (duration.equals(GRACE)) {
                graceAlarms.add(alarm);
            }
            return alarm; // attempt timeouts never go off here
        }
    }

    private final HeldClock clock = new HeldClock();
    private final FakeProvider fake = FakeProvider.builder().time(clock).latency(Duration.ofSeconds(1)).build();
    private final GroupMembership client = GroupMembership.create(fake, Policies.builder().time(clock).prechecks(false).build());
    private final List<Member> people = IntStream.range(0, 3).<Member>mapToObj(i -> Member.phone(String.format("+7900%07d", i))).toList();
    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    BulkAbandonTest() {
        fake.group(Harness.GROUP);
    }

    @AfterEach
    void stop() {
        clock.delays.forEach(d -> d.complete(null));
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
        until(() -> !clock.graceAlarms.isEmpty());
        assertFalse(run.isDone(), "the grace has not passed yet");
        clock.graceAlarms.forEach(a -> a.complete(null));
        BulkReport report = run.get(10, TimeUnit.SECONDS);
        assertTrue(report.cancelled());
        assertEquals(2, report.entries().size());
        report.entries().forEach(e -> {
            assertEquals(OutcomeKind.INDETERMINATE, e.outcome().kind());
            assertEquals("UNDER_WAY_WHEN_CANCELLED", e.outcome().detail().code());
        });
        assertEquals(List.of(people.get(2)), report.notAttempted(), "the third was never sent");
        // A late answer changes nothing in the report already made.
        clock.delays.forEach(d -> d.complete(null));
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
        clock.delays.forEach(d -> d.complete(null));
        BulkReport report = run.get(10, TimeUnit.SECONDS);
        assertEquals(2, report.count(OutcomeKind.ADDED));
        assertEquals(1, report.notAttempted().size());
    }
}
