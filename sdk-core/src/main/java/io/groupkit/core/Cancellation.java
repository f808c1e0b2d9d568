package io.groupkit.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stops a bulk run: once cancelled, no new call starts (people waiting for a pacing permit stop
 * waiting); calls already sent finish and are reported, and the rest is reported as not
 * attempted. Thread-safe; cancel from any thread, a shutdown hook or the progress callback.
 */
public final class Cancellation {
    private final CompletableFuture<Void> signal = new CompletableFuture<>();

    /** A token that is not cancelled. */
    public Cancellation() {
    }

    /** Cancels; calling it again does nothing. */
    public void cancel() {
        signal.complete(null);
    }

    /**
     * Whether {@link #cancel()} was called.
     *
     * @return true once cancelled
     */
    public boolean isCancelled() {
        return signal.isDone();
    }

    /**
     * Completes when {@link #cancel()} is called.
     *
     * @return a stage that completes (normally) on cancellation
     */
    public CompletionStage<Void> whenCancelled() {
        return signal.minimalCompletionStage();
    }
}
