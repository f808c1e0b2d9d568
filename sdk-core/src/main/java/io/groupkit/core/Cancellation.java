package io.groupkit.core;

/**
 * Stops a bulk run: once cancelled, no new call starts; calls already under way finish and are
 * reported, and the rest is reported as not attempted. Thread-safe; cancel from any thread or
 * from the progress callback.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    /** A token that is not cancelled. */
    public Cancellation() {
    }

    /** Cancels; calling it again does nothing. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Whether {@link #cancel()} was called.
     *
     * @return true once cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }
}
