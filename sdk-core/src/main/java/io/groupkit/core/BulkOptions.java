package io.groupkit.core;

import io.groupkit.core.journal.BulkJournal;
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
            new BulkOptions(4, Batches.WHERE_SUPPORTED, p -> { }, null, Outcome::haltsBulk, null, null, null);

    private final int concurrency;
    private final Batches batches;
    private final Consumer<BulkProgress> onProgress;
    private final @Nullable Cancellation cancellation; // null: the run cannot be cancelled
    private final Predicate<AddResult> stopWhen;
    private final @Nullable Duration abandonAfter; // null: a cancelled run waits for every call under way
    private final @Nullable BulkJournal journal; // null: the run is not journaled
    private final @Nullable String job;

    private BulkOptions(int concurrency, Batches batches, Consumer<BulkProgress> onProgress,
                        @Nullable Cancellation cancellation, Predicate<AddResult> stopWhen, @Nullable Duration abandonAfter,
                        @Nullable BulkJournal journal, @Nullable String job) {
        this.concurrency = concurrency;
        this.batches = batches;
        this.onProgress = onProgress;
        this.cancellation = cancellation;
        this.stopWhen = stopWhen;
        this.abandonAfter = abandonAfter;
        this.journal = journal;
        this.job = job;
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
        return new BulkOptions(calls, batches, onProgress, cancellation, stopWhen, abandonAfter, journal, job);
    }

    /**
     * Whether to use the provider's batch requests where it has them. Default
     * {@link Batches#WHERE_SUPPORTED}.
     *
     * @param use {@link Batches#NONE} to send one person per request
     * @return a copy
     */
    public BulkOptions batches(Batches use) {
        return new BulkOptions(concurrency, Objects.requireNonNull(use, "batches must not be null"), onProgress,
                cancellation, stopWhen, abandonAfter, journal, job);
    }

    /**
     * Whether to use the provider's batch requests, as a flag.
     *
     * @param use true for {@link Batches#WHERE_SUPPORTED}, false for {@link Batches#NONE}
     * @return a copy
     * @deprecated A bare {@code false} does not say what it means: use {@link #batches(Batches)},
     *     to which this delegates.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public BulkOptions batches(boolean use) {
        return batches(use ? Batches.WHERE_SUPPORTED : Batches.NONE);
    }

    /**
     * Called after each outcome, one call at a time, on whichever thread completed it; keep it short.
     *
     * @param callback the callback
     * @return a copy
     */
    public BulkOptions onProgress(Consumer<BulkProgress> callback) {
        return new BulkOptions(concurrency, batches, Objects.requireNonNull(callback, "callback must not be null"),
                cancellation, stopWhen, abandonAfter, journal, job);
    }

    /**
     * A token that stops the run when cancelled.
     *
     * @param token the token
     * @return a copy
     */
    public BulkOptions cancellation(Cancellation token) {
        return new BulkOptions(concurrency, batches, onProgress, Objects.requireNonNull(token, "token must not be null"),
                stopWhen, abandonAfter, journal, job);
    }

    /**
     * Which outcome stops the run. Default {@link Outcome#haltsBulk()}.
     *
     * @param condition true to stop
     * @return a copy
     */
    public BulkOptions stopWhen(Predicate<AddResult> condition) {
        return new BulkOptions(concurrency, batches, onProgress, cancellation,
                Objects.requireNonNull(condition, "condition must not be null"), abandonAfter, journal, job);
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
        return new BulkOptions(concurrency, batches, onProgress, cancellation, stopWhen, grace, journal, job);
    }

    /**
     * Journals the run as job {@code job}: before a person's call is sent the journal records that
     * it is under way, and after it the outcome. Running the same job again (after a crash, a
     * deploy, a cancellation) skips the people with a final outcome — they are in the report with
     * it —, checks the people whose call was under way against the group's members before sending
     * them anything, and goes on with the rest; the report's {@link BulkReport#job()} says how
     * many were skipped, settled and sent. Give the same people (in any order) and the same group.
     *
     * @param store the journal, such as {@link BulkJournal#file}
     * @param job the job's id: 1 to 200 characters, no control characters
     * @return a copy
     */
    public BulkOptions journal(BulkJournal store, String job) {
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(job, "job must not be null");
        if (job.isEmpty() || job.length() > 200 || job.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("expected a job id of 1 to 200 characters without control characters, got "
                    + job.length() + " characters");
        }
        return new BulkOptions(concurrency, batches, onProgress, cancellation, stopWhen, abandonAfter, store, job);
    }

    /**
     * The journal, if the run is journaled.
     *
     * @return the journal, or empty
     */
    public Optional<BulkJournal> journal() {
        return Optional.ofNullable(journal);
    }

    /**
     * The job's id, if the run is journaled.
     *
     * @return the id, or empty
     */
    public Optional<String> job() {
        return Optional.ofNullable(job);
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
     * @return {@link Batches#WHERE_SUPPORTED} or {@link Batches#NONE}
     */
    public Batches batches() {
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

    /** Whether a bulk run sends several people in one request. */
    public enum Batches {
        /** The provider's batch requests, where it has them (its {@code Capabilities} say so). */
        WHERE_SUPPORTED,
        /** One person per request, as {@code add} sends them. */
        NONE
    }
}
