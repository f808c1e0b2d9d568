package io.groupkit.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How a bulk run goes. Immutable: each setter returns a copy.
 *
 * <p>Defaults: 4 calls under way at once (pacing to the provider's limits still applies), batch
 * requests where the provider has them, no progress callback, no cancellation, and a stop at the
 * first outcome that {@linkplain Outcome#haltsBulk() halts bulk work}.
 */
public final class BulkOptions {
    private static final BulkOptions DEFAULTS =
            new BulkOptions(4, true, p -> { }, null, Outcome::haltsBulk, null);

    private final int concurrency;
    private final boolean batches;
    private final Consumer<BulkProgress> onProgress;
    private final @Nullable Cancellation cancellation; // null: the run cannot be cancelled
    private final Predicate<AddResult> stopWhen;
    private final @Nullable Duration abandonAfter; // null: a cancelled run waits for every call under way

    private BulkOptions(int concurrency, boolean batches, Consumer<BulkProgress> onProgress,
                        @Nullable Cancellation cancellation, Predicate<AddResult> stopWhen, @Nullable Duration abandonAfter) {
        this.concurrency = concurrency;
        this.batches = batches;
        this.onProgress = onProgress;
        this.cancellation = cancellation;
        this.stopWhen = stopWhen;
        this.abandonAfter = abandonAfter;
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
        return new BulkOptions(calls, batches, onProgress, cancellation, stopWhen, abandonAfter);
    }

    /**
     * Whether to use the provider's batch requests where it has them.
     *
     * @param use true to batch
     * @return a copy
     */
    public BulkOptions batches(boolean use) {
        return new BulkOptions(concurrency, use, onProgress, cancellation, stopWhen, abandonAfter);
    }

    /**
     * Called after each outcome, one call at a time, on whichever thread completed it; keep it short.
     *
     * @param callback the callback
     * @return a copy
     */
    public BulkOptions onProgress(Consumer<BulkProgress> callback) {
        return new BulkOptions(concurrency, batches, Objects.requireNonNull(callback, "callback must not be null"),
                cancellation, stopWhen, abandonAfter);
    }

    /**
     * A token that stops the run when cancelled.
     *
     * @param token the token
     * @return a copy
     */
    public BulkOptions cancellation(Cancellation token) {
        return new BulkOptions(concurrency, batches, onProgress, Objects.requireNonNull(token, "token must not be null"),
                stopWhen, abandonAfter);
    }

    /**
     * Which outcome stops the run. Default {@link Outcome#haltsBulk()}.
     *
     * @param condition true to stop
     * @return a copy
     */
    public BulkOptions stopWhen(Predicate<AddResult> condition) {
        return new BulkOptions(concurrency, batches, onProgress, cancellation,
                Objects.requireNonNull(condition, "condition must not be null"), abandonAfter);
    }

    /**
     * After a cancellation, how long the run still waits for calls already sent before it
     * returns; each call still under way then is in the report as {@link Indeterminate} (code
     * {@code UNDER_WAY_WHEN_CANCELLED}): it may or may not take effect, so check before sending
     * it again. For a person at a terminal who pressed Ctrl-C. By default a cancelled run waits
     * for every call under way (each is bounded by the attempt timeout), and every outcome is known.
     * The wait runs on the client's {@link io.groupkit.core.time.TimeSource}.
     *
     * @param grace zero or more
     * @return a copy
     */
    public BulkOptions abandonAfterCancel(Duration grace) {
        Objects.requireNonNull(grace, "grace must not be null");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("expected a grace of zero or more, got " + grace);
        }
        return new BulkOptions(concurrency, batches, onProgress, cancellation, stopWhen, grace);
    }

    /**
     * How long a cancelled run waits for calls under way, if it does not wait for all of them.
     *
     * @return the grace, or empty to wait for every call
     */
    public Optional<Duration> abandonAfterCancel() {
        return Optional.ofNullable(abandonAfter);
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
