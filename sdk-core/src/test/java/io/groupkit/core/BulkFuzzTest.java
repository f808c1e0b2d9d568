package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.groupkit.core.testing.Fault;
import io.groupkit.core.testing.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

class BulkFuzzTest {
    private static final List<Supplier<Fault>> FAULTS = List.of(Fault::unavailable, Fault::rateLimited,
            Fault::answerLostAfterApplying, Fault::answerLostBeforeApplying, Fault::providerException,
            Fault::unrecognized, Fault::spamLimited, Fault::unauthorized, Fault::quotaExceeded);

    /**
     * Any mix of people, scripts, faults, batch sizes, concurrency and cancellation: every person
     * of the input is accounted for exactly once (a repeated one as a duplicate, never sent twice), counts add up, nobody after a stop is sent, and
     * every reported success is true in the group.
     */
    @FuzzTest(maxDuration = "60s")
    void everyPersonIsAccountedForExactlyOnce(FuzzedDataProvider data) {
        int batch = data.consumeInt(1, 8);
        Harness h = new Harness(b -> batch > 1 ? b.batches(batch) : b, p -> p);
        int n = data.consumeInt(0, 40);
        List<Member> people = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Member m = Harness.person(data.consumeInt(0, 30)); // duplicates on purpose
            people.add(m);
            switch (data.consumeInt(0, 7)) {
                case 0 -> h.fake.refuse(m, OutcomeKind.PRIVACY_RESTRICTED);
                case 1 -> h.fake.refuse(m, OutcomeKind.NOT_REGISTERED);
                case 2 -> h.fake.failNext(m, data.consumeInt(1, 3), data.pickValue(FAULTS).get());
                default -> { }
            }
        }
        Cancellation token = new Cancellation();
        int cancelAfter = data.consumeInt(0, n + 1);
        BulkReport r = h.client.addAll(Harness.GROUP, people, BulkOptions.defaults()
                .concurrency(data.consumeInt(1, 6)).cancellation(token)
                .onProgress(p -> {
                    if (p.done() >= cancelAfter) {
                        token.cancel();
                    }
                }));
        assertEquals(n, r.total());
        java.util.Set<Integer> accounted = new java.util.HashSet<>();
        r.entries().forEach(e -> assertTrue(accounted.add(e.index())));
        r.duplicates().forEach(d -> assertTrue(accounted.add(d.index())));
        assertEquals(n - r.notAttempted().size(), accounted.size(), "every line in one place");
        for (BulkReport.Duplicate d : r.duplicates()) {
            assertEquals(people.get(d.firstIndex()), d.member(), "a duplicate names the person of its first line");
            assertTrue(people.subList(0, d.index()).contains(d.member()));
        }
        assertEquals(r.entries().size(), r.entries().stream().map(BulkEntry::member).distinct().count(),
                "nobody has two outcomes: a person named twice is sent once");
        assertEquals(r.entries().size(), r.counts().values().stream().mapToInt(Integer::intValue).sum());
        List<Integer> indexes = r.entries().stream().map(BulkEntry::index).toList();
        for (int i = 1; i < indexes.size(); i++) {
            assertTrue(indexes.get(i - 1) < indexes.get(i), "entries in input order, each once");
        }
        for (BulkEntry e : r.entries()) {
            assertEquals(people.get(e.index()), e.member());
            if (e.outcome().isSuccess()) {
                assertTrue(h.fake.membersOf(Harness.GROUP).contains(e.member()), () -> e + " but not in the group");
            }
        }
        if (!r.notAttempted().isEmpty()) {
            assertTrue(r.cancelled() || r.stoppedBy().isPresent(), "people are left out only on a stop");
        }
    }
}
