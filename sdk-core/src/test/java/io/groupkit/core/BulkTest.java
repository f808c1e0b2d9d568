package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.Fault;
import io.groupkit.core.testing.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BulkTest {

    private static List<Member> people(int n) {
        return IntStream.range(0, n).mapToObj(Harness::person).toList();
    }

    @Test
    void everyPersonGetsAnOutcomeInInputOrder() {
        Harness h = new Harness();
        h.fake.refuse(Harness.person(3), OutcomeKind.PRIVACY_RESTRICTED);
        h.fake.refuse(Harness.person(5), OutcomeKind.NOT_REGISTERED);
        h.fake.group(Harness.GROUP, Harness.person(7));
        BulkReport r = h.client.addAll(Harness.GROUP, people(10));
        assertEquals(10, r.entries().size());
        assertEquals(7, r.count(OutcomeKind.ADDED));
        assertEquals(1, r.count(OutcomeKind.PRIVACY_RESTRICTED));
        assertEquals(1, r.count(OutcomeKind.NOT_REGISTERED));
        assertEquals(1, r.count(OutcomeKind.ALREADY_MEMBER));
        assertEquals(OutcomeKind.PRIVACY_RESTRICTED, r.entries().get(3).outcome().kind());
        assertTrue(r.stoppedBy().isEmpty());
        assertEquals(9, h.fake.calls(Operation.ADD).size(), "the number without an account was never sent");
    }

    @Test
    void aSpamLimitStopsTheRunAndKeepsTheRest() {
        Harness h = new Harness();
        h.fake.failNext(Harness.person(4), 1, Fault.spamLimited());
        BulkReport r = h.client.addAll(Harness.GROUP, people(10), BulkOptions.defaults().concurrency(1));
        assertInstanceOf(SpamLimited.class, r.stoppedBy().orElseThrow());
        assertEquals(5, r.entries().size());
        assertEquals(people(10).subList(5, 10), r.notAttempted());
        assertEquals(10, r.total());
        assertEquals(5, h.fake.calls(Operation.ADD).size());
    }

    @Test
    void cancellingFromTheProgressCallbackStopsAtOnce() {
        Harness h = new Harness();
        Cancellation token = new Cancellation();
        List<BulkProgress> seen = new ArrayList<>();
        BulkReport r = h.client.addAll(Harness.GROUP, people(100), BulkOptions.defaults().concurrency(1)
                .cancellation(token).onProgress(p -> {
                    seen.add(p);
                    if (p.done() == 7) {
                        token.cancel();
                    }
                }));
        assertTrue(r.cancelled());
        assertEquals(7, r.entries().size());
        assertEquals(93, r.notAttempted().size());
        assertEquals(7, h.fake.calls(Operation.ADD).size(), "no call after the cancellation");
        assertEquals(7, seen.size());
        assertEquals(100, seen.get(6).total());
        assertEquals(7, seen.get(6).counts().get(OutcomeKind.ADDED));
    }

    @Test
    void anInterruptCancelsTheRunAndIsKept() {
        Harness h = new Harness();
        Thread.currentThread().interrupt();
        try {
            BulkReport r = h.client.addAll(Harness.GROUP, people(5), BulkOptions.defaults().concurrency(1));
            assertTrue(r.cancelled());
            assertEquals(5, r.total());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag is restored");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void batchesGoOutInProviderSizedRequests() {
        Harness h = new Harness(b -> b.batches(50), p -> p);
        h.fake.refuse(Harness.person(17), OutcomeKind.PRIVACY_RESTRICTED);
        h.fake.refuse(Harness.person(60), OutcomeKind.NOT_REGISTERED);
        BulkReport r = h.client.addAll(Harness.GROUP, people(120));
        assertEquals(3, h.fake.calls(Operation.ADD_BATCH).size());
        assertEquals(List.of(50, 49, 20), h.fake.calls(Operation.ADD_BATCH).stream().map(c -> c.members().size()).toList());
        assertEquals(0, h.fake.calls(Operation.ADD).size());
        assertEquals(120, r.entries().size());
        assertEquals(118, r.count(OutcomeKind.ADDED));
        assertEquals(OutcomeKind.PRIVACY_RESTRICTED, r.entries().get(17).outcome().kind());
        assertEquals(OutcomeKind.NOT_REGISTERED, r.entries().get(60).outcome().kind());
    }

    @Test
    void aWholeBatchFailureIsRetriedAsABatch() {
        Harness h = new Harness(b -> b.batches(50), p -> p);
        h.fake.failNext(Operation.ADD_BATCH, 1, Fault.unavailable());
        BulkReport r = h.client.addAll(Harness.GROUP, people(30));
        assertEquals(2, h.fake.calls(Operation.ADD_BATCH).size());
        assertEquals(0, h.fake.calls(Operation.ADD).size());
        assertTrue(r.allSucceeded());
    }

    @Test
    void aLostBatchAnswerIsSettledByListing() {
        Harness h = new Harness(b -> b.batches(50), p -> p);
        h.fake.failNext(Operation.ADD_BATCH, 1, Fault.providerException());
        BulkReport r = h.client.addAll(Harness.GROUP, people(5));
        assertEquals(5, r.entries().size());
        assertTrue(r.allSucceeded(), () -> r.counts().toString());
        assertEquals(5, h.fake.membersOf(Harness.GROUP).size());
    }

    @Test
    void aThrowingProgressCallbackDoesNotLoseAnything() {
        Harness h = new Harness();
        BulkReport r = h.client.addAll(Harness.GROUP, people(5), BulkOptions.defaults().onProgress(p -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(5, r.count(OutcomeKind.ADDED));
    }

    @Test
    void latencyIsSpentOnVirtualTime() {
        Harness serial = new Harness(b -> b.latency(java.time.Duration.ofSeconds(1)), p -> p);
        serial.client.addAll(Harness.GROUP, people(8), BulkOptions.defaults().concurrency(1));
        assertEquals(java.time.Duration.ofSeconds(16), serial.time.elapsed(), "pre-check and add, 1 s each, one after another");
        assertEquals(8, serial.fake.membersOf(Harness.GROUP).size());
    }

    @Test
    void anEmptyRunIsEmpty() {
        BulkReport r = new Harness().client.addAll(Harness.GROUP, List.of());
        assertEquals(0, r.total());
        assertTrue(r.allSucceeded());
    }
}
