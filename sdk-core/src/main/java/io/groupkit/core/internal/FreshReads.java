package io.groupkit.core.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads per key that start no earlier than the caller asked, shared by every caller who can use
 * the same one: for confirming a change by reading it back, where a read already under way when
 * the change was answered may have been made before the change took effect.
 *
 * <p>A caller for a key with no read under way starts one. A caller who arrives while a read is
 * under way does not share it (it started too early for them): they wait for the next read, which
 * starts when the one under way ends, with the start of the first caller who queued for it. So
 * every caller who arrives during one read shares the following one: per key, at most one read
 * under way and one queued, however many callers. Unlike {@link SingleFlight}, which shares the
 * fetch under way with anyone who asks.
 *
 * <p>A read's outcome (a value or a failure) goes to the callers attached to it only; the next
 * read starts either way. No timers and no threads of its own: a queued read starts on the thread
 * that completed the read before it. A key is forgotten as soon as its last read ends with nobody
 * queued.
 *
 * @param <K> the key (what is read: a group)
 * @param <V> the value read
 */
public final class FreshReads<K, V> {
    /** One key's reads; guarded by the enclosing instance. */
    private static final class Slot<V> {
        /** The callers of the read after the one under way, or null if none has queued yet. */
        @Nullable CompletableFuture<V> next;
        /** Starts that next read: the first queued caller's start. */
        @Nullable Supplier<? extends CompletionStage<V>> nextStart;
    }

    /** Keys with a read under way. */
    private final Map<K, Slot<V>> slots = new HashMap<>();

    /** An empty one. */
    public FreshReads() {
    }

    /**
     * A read of {@code key} that starts no earlier than this call: a new one, or the one queued
     * behind the read under way.
     *
     * @param key what is read
     * @param start starts a read; called at most once, now on this thread or later on the thread
     *     that ends the read under way, and not at all if another caller's start is used
     * @return the read's value, or its failure as the read reported it; each caller gets its own
     *     stage, so one caller's cancelling or completing it touches no other
     */
    public CompletionStage<V> read(K key, Supplier<? extends CompletionStage<V>> start) {
        CompletableFuture<V> mine;
        Slot<V> startNow = null;
        synchronized (this) {
            Slot<V> slot = slots.get(key);
            if (slot == null) {
                slot = new Slot<>();
                slots.put(key, slot);
                mine = new CompletableFuture<>();
                startNow = slot;
            } else if (slot.next == null) {
                mine = new CompletableFuture<>();
                slot.next = mine;
                slot.nextStart = start;
            } else {
                mine = slot.next;
            }
        }
        if (startNow != null) {
            launch(key, startNow, mine, start);
        }
        return mine.copy();
    }

    /** How many keys have a read under way (for tests: idle keys are forgotten). */
    synchronized int keys() {
        return slots.size();
    }

    private void launch(K key, Slot<V> slot, CompletableFuture<V> callers, Supplier<? extends CompletionStage<V>> start) {
        Stages.invoke(start).whenComplete((value, failure) -> {
            // The callers first: any of them who asks again from here queues for the next read.
            if (failure != null) {
                callers.completeExceptionally(failure);
            } else {
                callers.complete(value);
            }
            CompletableFuture<V> next;
            Supplier<? extends CompletionStage<V>> nextStart;
            synchronized (this) {
                next = slot.next;
                nextStart = slot.nextStart;
                slot.next = null;
                slot.nextStart = null;
                if (next == null || nextStart == null) {
                    slots.remove(key, slot);
                    return;
                }
            }
            launch(key, slot, next, nextStart);
        });
    }
}
