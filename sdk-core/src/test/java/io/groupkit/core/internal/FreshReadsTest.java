package io.groupkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link FreshReads}: a caller never gets a read that started before it asked; the callers who
 * arrive during one read share the next; a failure reaches only its own read's callers; idle keys
 * are forgotten. Reads are futures completed by hand.
 */
class FreshReadsTest {

    /** Reads started so far, in order; each is completed by the test. */
    private final List<CompletableFuture<String>> started = new ArrayList<>();
    private final FreshReads<String, String> reads = new FreshReads<>();

    private Supplier<CompletionStage<String>> start() {
        return () -> {
            CompletableFuture<String> read = new CompletableFuture<>();
            started.add(read);
            return read;
        };
    }

    private CompletableFuture<String> read(String key) {
        return reads.read(key, start()).toCompletableFuture();
    }

    @Test
    void aCallerWithNoReadUnderWayStartsOneAtOnce() {
        CompletableFuture<String> a = read("chat");
        assertEquals(1, started.size());
        started.get(0).complete("v1");
        assertEquals("v1", a.join());
        assertEquals(0, reads.keys(), "forgotten once idle");
    }

    @Test
    void aCallerNeverGetsAReadThatStartedBeforeItAsked() {
        CompletableFuture<String> early = read("chat");
        CompletableFuture<String> late = read("chat"); // read 1 is under way: too early for this caller
        assertEquals(1, started.size(), "the late caller's read waits for the one under way");

        started.get(0).complete("before");
        assertEquals("before", early.join());
        assertFalse(late.isDone(), "the read under way when the late caller asked is not its answer");
        assertEquals(2, started.size(), "the next read starts when the one under way ends");

        started.get(1).complete("after");
        assertEquals("after", late.join());
        assertEquals(2, started.size());
        assertEquals(0, reads.keys());
    }

    @Test
    void everyCallerDuringOneReadSharesExactlyOneMoreRead() {
        CompletableFuture<String> first = read("chat");
        List<CompletableFuture<String>> during = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            during.add(read("chat"));
        }
        assertEquals(1, started.size(), "one read under way, the rest queued, none started");

        started.get(0).complete("v1");
        assertEquals("v1", first.join());
        assertEquals(2, started.size(), "49 waiting callers: exactly one more read");

        // Callers who arrive during the second read wait for a third, not the second.
        CompletableFuture<String> duringSecond = read("chat");
        started.get(1).complete("v2");
        for (CompletableFuture<String> c : during) {
            assertEquals("v2", c.join());
        }
        assertFalse(duringSecond.isDone());
        assertEquals(3, started.size());
        started.get(2).complete("v3");
        assertEquals("v3", duringSecond.join());
        assertEquals(3, started.size());
        assertEquals(0, reads.keys());
    }

    @Test
    void theQueuedReadUsesTheFirstQueuedCallersStart() {
        read("chat");
        List<String> who = new ArrayList<>();
        reads.read("chat", () -> {
            who.add("second");
            return CompletableFuture.completedFuture("x");
        });
        reads.read("chat", () -> {
            who.add("third");
            return CompletableFuture.completedFuture("y");
        });
        started.get(0).complete("v1");
        assertEquals(List.of("second"), who);
    }

    @Test
    void keysAreIndependent() {
        CompletableFuture<String> a = read("a");
        CompletableFuture<String> b = read("b");
        assertEquals(2, started.size(), "a read of one key does not hold back another's");
        started.get(1).complete("b1");
        assertEquals("b1", b.join());
        assertFalse(a.isDone());
        started.get(0).complete("a1");
        assertEquals("a1", a.join());
        assertEquals(0, reads.keys());
    }

    @Test
    void aFailedReadFailsOnlyItsOwnCallersAndTheNextReadStillStarts() {
        CompletableFuture<String> early = read("chat");
        CompletableFuture<String> late = read("chat");
        IllegalStateException boom = new IllegalStateException("listing failed");
        started.get(0).completeExceptionally(boom);

        CompletionException failed = assertThrows(CompletionException.class, early::join);
        assertSame(boom, Stages.unwrap(failed));
        assertFalse(late.isDone(), "the queued callers are not failed by a read they were not attached to");
        assertEquals(2, started.size());
        started.get(1).complete("v2");
        assertEquals("v2", late.join());
    }

    @Test
    void aStartThatThrowsFailsItsCallersAndTheKeyIsForgotten() {
        IllegalArgumentException boom = new IllegalArgumentException("no");
        CompletionStage<String> s = reads.read("chat", () -> {
            throw boom;
        });
        CompletionException failed = assertThrows(CompletionException.class, () -> s.toCompletableFuture().join());
        assertSame(boom, Stages.unwrap(failed));
        assertEquals(0, reads.keys());
        CompletableFuture<String> next = read("chat");
        assertEquals(1, started.size(), "a fresh read at once");
        started.get(0).complete("v");
        assertEquals("v", next.join());
    }

    @Test
    void aCallerCancellingItsStageTouchesNoOtherCaller() {
        read("chat");
        CompletableFuture<String> a = read("chat");
        CompletableFuture<String> b = read("chat");
        a.cancel(false);
        b.complete("forged");
        started.get(0).complete("v1");
        CompletableFuture<String> c = read("chat");
        started.get(1).complete("v2");
        assertTrue(a.isCancelled());
        assertEquals("forged", b.join());
        assertFalse(c.isDone(), "c asked during read 2: it waits for read 3");
        started.get(2).complete("v3");
        assertEquals("v3", c.join());
    }

    @Test
    void idleKeysAreForgottenAfterEveryRead() {
        for (int i = 0; i < 1_000; i++) {
            CompletableFuture<String> r = read("chat-" + i);
            started.get(i).complete("v");
            assertEquals("v", r.join());
        }
        assertEquals(0, reads.keys());
    }

    @Test
    void aReadThatEndsAtOnceIsNotSharedWithLaterCallers() {
        FreshReads<String, Integer> counted = new FreshReads<>();
        int[] reads = {0};
        for (int i = 1; i <= 3; i++) {
            int n = counted.read("chat", () -> CompletableFuture.completedFuture(++reads[0])).toCompletableFuture().join();
            assertEquals(i, n, "a read already ended is never an answer to a later caller");
        }
        assertEquals(0, counted.keys());
    }
}
