package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.fake.FakeCall;
import io.groupkit.testkit.fake.FakeProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's PostgreSQL goes away in the middle of a job: the run stops, and the same job goes on once it is back. */
class JournalStoreDownTest {
    private static final GroupRef GROUP = GroupRef.of("down@g.us");

    @TempDir
    Path dir;

    /**
     * Claims last a day here: the first run ended (its database went away before it could let go of
     * them), and a rerun in the same JVM takes them over at once — it used to wait out the lease
     * (2 minutes by default), which would time this test out.
     */
    private static final Duration A_DAY = Duration.ofDays(1);

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aDatabaseThatGoesAwayStopsTheRunAndTheJobGoesOnOnceItIsBack() throws Exception {
        assumeTrue(System.getenv("GROUPKIT_TEST_POSTGRES") == null, "the test stops and starts its own database");
        List<Member> people = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            people.add(Member.phone(String.format("+7903%07d", i)));
        }
        FakeProvider fake = FakeProvider.builder().latency(Duration.ofMillis(2)).build();
        fake.group(GROUP);
        GroupMembership client = GroupMembership.create(fake, Policies.builder().prechecks(Prechecks.OFF)
                .rateLimiter((key, limit, now) -> Duration.ZERO).build());
        Path data = dir.resolve("pg");
        BulkReport first;
        Postgres db = Postgres.startIn(data);
        AtomicBoolean stopping = new AtomicBoolean();
        java.util.concurrent.CompletableFuture<Void> stopped = new java.util.concurrent.CompletableFuture<>();
        long start = System.nanoTime();
        first = client.addAll(GROUP, people, BulkOptions.defaults()
                .journal(JdbcBulkJournal.postgres(Postgres.dataSource(db.url()), A_DAY), "down-job")
                .onProgress(p -> {
                    if (p.done() >= 200 && stopping.compareAndSet(false, true)) {
                        new Thread(() -> {
                            try {
                                db.stop();
                                stopped.complete(null);
                            } catch (java.io.IOException | RuntimeException e) {
                                stopped.completeExceptionally(e);
                            }
                        }).start();
                    }
                }));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 60, "no hang: " + seconds + " s");
        assertEquals("JOURNAL_UNAVAILABLE", first.stoppedBy().orElseThrow().detail().code(), first.toString());
        assertTrue(first.notAttempted().size() > 0, "the run stopped sending");
        int sentBefore = fake.calls(Operation.ADD).size();
        stopped.get(60, java.util.concurrent.TimeUnit.SECONDS); // its lock on the data directory is let go

        try (Postgres back = Postgres.startIn(data)) {
            BulkReport again = client.addAll(GROUP, people, BulkOptions.defaults()
                    .journal(JdbcBulkJournal.postgres(Postgres.dataSource(back.url()), A_DAY), "down-job"));
            System.out.printf("journal store down: the first run stopped after %d sends in %.1f s (%d not attempted);"
                    + " the rerun: %s%n", sentBefore, seconds, first.notAttempted().size(), again.job().orElseThrow());
            assertEquals(1_000, again.entries().size());
            assertTrue(again.allSucceeded(), again.counts().toString());
        }
        Map<Member, Integer> sends = new HashMap<>();
        for (FakeCall c : fake.calls(Operation.ADD)) {
            c.members().forEach(m -> sends.merge(m, 1, Integer::sum));
        }
        for (Member m : people) {
            assertEquals(1, sends.getOrDefault(m, 0), () -> m + " sent once");
        }
        client.close();
    }
}
