package io.groupkit.core;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * How a bulk run goes. Immutable: each setter returns a copy.
 *
 * <p>Defaults: 4 calls under way at once (pacing to the provider's limits still applies), batch
 * requests where the provider has them, no progress callback, no cancellation, and a stop at the
 * first outcome that {@linkplain Outcome#haltsBulk() halts bulk work}.
 */
public final class BulkOptions {
    private static final BulkOptions DEFAULTS =
            new BulkOptions(4, true, p -> { }, null, Outcome::haltsBulk);

    private final int concurrency;
    private final boolean batches;
    private final Consumer<BulkProgress> onProgress;
    private final Cancellation cancellation; // null: the run cannot be cancelled
    private final Predicate<AddResult> stopWhen;

    private BulkOptions(int concurrency, boolean batches, Consumer<BulkProgress> onProgress,
                        Cancellation cancellation, Predicate<AddResult> stopWhen) {
        this.concurrency = concurrency;
        this.batches = batches;
        this.onProgress = onProgress;
        this.cancellation = cancellation;
        this.stopWhen = stopWhen;
    }

    /**
     * The defaults described above.
     *
     * @return the defaults
     */
    public static BulkOptions defaults() {
        return DEFAULTS;
    }

    /**
     * How many calls may be under way at once.
     *
     * @param calls from 1 to 1024
     * @return a copy
     */
    public BulkOptions concurrency(int calls) {
        if (calls < 1 || calls > 1024) {
            throw new IllegalArgumentException("expected a concurrency from 1 to 1024, got " + calls);
        }
        return new BulkOptions(calls, batches, onProgress, cancellation, stopWhen);
    }

    /**
     * Whether to use the provider's batch requests where it has them.
     *
     * @param use true to batch
     * @return a copy
     */
    public BulkOptions batches(boolean use) {
        return new BulkOptions(concurrency, use, onProgress, cancellation, stopWhen);
    }

    /**
     * Called after each outcome, one call at a time, on whichever thread completed it; keep it short.
     *
     * @param callback the callback
     * @return a copy
     */
    public BulkOptions onProgress(Consumer<BulkProgress> callback) {
        return new BulkOptions(concurrency, batches, Objects.requireNonNull(callback, "callback must not be null"),
                cancellation, stopWhen);
    }

    /**
     * A token that stops the run when cancelled.
     *
     * @param token the token
     * @return a copy
     */
    public BulkOptions cancellation(Cancellation token) {
        return new BulkOptions(concurrency, batches, onProgress, Objects.requireNonNull(token, "token must not be null"),
                stopWhen);
    }

    /**
     * Which outcome stops the run. Default {@link Outcome#haltsBulk()}.
     *
     * @param condition true to stop
     * @return a copy
     */
    public BulkOptions stopWhen(Predicate<AddResult> condition) {
        return new BulkOptions(concurrency, batches, onProgress, cancellation,
                Objects.requireNonNull(condition, "condition must not be null"));
    }

    /**
     * Calls under way at once.
     *
     * @return the concurrency
     */
    public int concurrency() {
        return concurrency;
    }

    /**
     * Whether batches are used.
     *
     * @return true if so
     */
    public boolean batches() {
        return batches;
    }

    /**
     * The progress callback.
     *
     * @return the callback
     */
    public Consumer<BulkProgress> onProgress() {
        return onProgress;
    }

    /**
     * The cancellation token, if one was given.
     *
     * @return the token, or empty
     */
    public Optional<Cancellation> cancellation() {
        return Optional.ofNullable(cancellation);
    }

    /**
     * The stop condition.
     *
     * @return the condition
     */
    public Predicate<AddResult> stopWhen() {
        return stopWhen;
    }
}
