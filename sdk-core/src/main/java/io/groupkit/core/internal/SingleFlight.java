package io.groupkit.core.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * One fetch per key at a time: callers who ask while a fetch is under way share its answer,
 * whatever it is (a value, a refusal, a failure). For the look-ups a cold client would otherwise
 * send once per concurrent caller — the account's state, a number's pre-check — each of which
 * spends a permit of a slow limit (one a second) that the adds behind it then wait for.
 * {@link AsyncCache} fetches through it and keeps the values; a caller that must not keep every
 * answer (a refusal, a state that may change) uses it directly.
 *
 * @param <K> the key
 * @param <R> the answer
 */
public final class SingleFlight<K, R> {
    private final ConcurrentMap<K, CompletableFuture<R>> inFlight = new ConcurrentHashMap<>();

    /** An empty one. */
    public SingleFlight() {
    }

    /**
     * The answer of the fetch under way for this key, or of a new one.
     *
     * @param key the key
     * @param fetch starts the fetch; called at most once per flight
     * @return the shared answer
     */
    public CompletionStage<R> run(K key, Supplier<CompletionStage<R>> fetch) {
        CompletableFuture<R> mine = new CompletableFuture<>();
        CompletableFuture<R> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running.copy();
        }
        Stages.invoke(fetch).whenComplete((r, e) -> {
            inFlight.remove(key, mine);
            if (e != null) {
                mine.completeExceptionally(e);
            } else {
                mine.complete(r);
            }
        });
        return mine.copy();
    }
}
