package io.groupkit.core.internal;

import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * A cache of values that are expensive to fetch (rate-limited look-ups), with a time to live on
 * the injected clock and one fetch at a time per key: callers who ask while a fetch is under way
 * share its result. Only present values are kept; a failed fetch is tried again next time.
 *
 * @param <K> the key
 * @param <V> the value
 */
public final class AsyncCache<K, V> {
    private record Entry<V>(V value, long storedAtNanos, long expiresAtNanos) {
    }

    private final TimeSource time;
    private final Duration ttl;
    private final ConcurrentMap<K, Entry<V>> values = new ConcurrentHashMap<>();
    private final SingleFlight<K, Optional<V>> fetches = new SingleFlight<>();

    /**
     * A cache.
     *
     * @param time the clock for expiry
     * @param ttl how long a value is kept
     */
    public AsyncCache(TimeSource time, Duration ttl) {
        this.time = time;
        this.ttl = ttl;
    }

    /**
     * The value if cached and fresh, otherwise what the loader fetches.
     *
     * @param key the key
     * @param loader fetches the value; empty when it could not
     * @return the value, or empty
     */
    public CompletionStage<Optional<V>> get(K key, Supplier<CompletionStage<Optional<V>>> loader) {
        Optional<V> hit = peek(key);
        if (hit.isPresent()) {
            return CompletableFuture.completedFuture(hit);
        }
        return refresh(key, loader);
    }

    /**
     * Fetches the value even if one is cached, sharing a fetch already under way.
     *
     * @param key the key
     * @param loader fetches the value
     * @return the value, or empty
     */
    public CompletionStage<Optional<V>> refresh(K key, Supplier<CompletionStage<Optional<V>>> loader) {
        return fetches.run(key, () -> Stages.invoke(loader).handle((v, e) -> {
            Optional<V> value = e == null && v != null ? v : Optional.empty();
            value.ifPresent(present -> put(key, present));
            return value;
        }));
    }

    /**
     * The value if cached and fresh.
     *
     * @param key the key
     * @return the value, or empty
     */
    public Optional<V> peek(K key) {
        Entry<V> e = values.get(key);
        return e != null && time.nanoTime() - e.expiresAtNanos() < 0 ? Optional.of(e.value()) : Optional.empty();
    }

    /**
     * The value if cached and stored less than {@code maxAge} ago: for decisions that need
     * fresher data than the time to live (a negative answer that a refresh might turn).
     *
     * @param key the key
     * @param maxAge the greatest age accepted
     * @return the value, or empty
     */
    public Optional<V> peekYoungerThan(K key, Duration maxAge) {
        Entry<V> e = values.get(key);
        return e != null && time.nanoTime() - e.storedAtNanos() < maxAge.toNanos() ? Optional.of(e.value()) : Optional.empty();
    }

    /**
     * Stores a value.
     *
     * @param key the key
     * @param value the value
     */
    public void put(K key, V value) {
        long now = time.nanoTime();
        values.put(key, new Entry<>(value, now, now + ttl.toNanos()));
    }

    /**
     * Changes a cached value in place (a change this process made itself), keeping its age: the
     * value still expires when it would have, so a change seen here never makes the rest of it
     * look fresher than it is.
     *
     * @param key the key
     * @param change the new value from the old one
     */
    public void update(K key, java.util.function.UnaryOperator<V> change) {
        values.computeIfPresent(key, (k, e) -> new Entry<>(change.apply(e.value()), e.storedAtNanos(), e.expiresAtNanos()));
    }

    /**
     * Forgets a value, so that the next {@link #get} fetches it.
     *
     * @param key the key
     */
    public void invalidate(K key) {
        values.remove(key);
    }
}
