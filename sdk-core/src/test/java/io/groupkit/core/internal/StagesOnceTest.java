package io.groupkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link Stages#once}: the first call starts the stage, every call shares it, and it never fails. */
class StagesOnceTest {

    @Test
    void startsOnTheFirstCallOnlyAndSharesTheStage() {
        AtomicInteger starts = new AtomicInteger();
        CompletableFuture<String> listing = new CompletableFuture<>();
        Supplier<CompletionStage<String>> once = Stages.once(() -> {
            starts.incrementAndGet();
            return listing;
        }, e -> "failed");

        assertEquals(0, starts.get(), "nothing starts before the first call");
        CompletionStage<String> first = once.get();
        CompletionStage<String> second = once.get();
        assertEquals(1, starts.get());
        assertSame(first, second);
        assertFalse(first.toCompletableFuture().isDone());

        listing.complete("members");
        assertEquals("members", first.toCompletableFuture().join());
        assertEquals("members", once.get().toCompletableFuture().join());
        assertEquals(1, starts.get());
    }

    @Test
    void aFailedStageCompletesWithTheFailedValueGivenTheFailureAsReported() {
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Supplier<CompletionStage<String>> once = Stages.once(
                () -> CompletableFuture.<String>failedFuture(boom).thenApply(s -> s), e -> {
                    seen.set(e);
                    return "failed";
                });

        assertEquals("failed", once.get().toCompletableFuture().join());
        assertTrue(seen.get() instanceof CompletionException, "not unwrapped: " + seen.get());
        assertSame(boom, Stages.unwrap(seen.get()));
    }

    @Test
    void aStartThatThrowsCompletesWithTheFailedValue() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Supplier<CompletionStage<String>> once = Stages.once(() -> {
            throw boom;
        }, e -> {
            seen.set(e);
            return "failed";
        });

        assertEquals("failed", once.get().toCompletableFuture().join());
        assertSame(boom, seen.get());
    }

    @Test
    void aStageWithNoValueCompletesWithTheFailedValueGivenNoFailure() {
        AtomicReference<Throwable> seen = new AtomicReference<>(new Throwable("not called"));
        Supplier<CompletionStage<String>> once = Stages.once(() -> CompletableFuture.completedFuture(null), e -> {
            seen.set(e);
            return "failed";
        });

        assertEquals("failed", once.get().toCompletableFuture().join());
        assertNull(seen.get());
    }
}
