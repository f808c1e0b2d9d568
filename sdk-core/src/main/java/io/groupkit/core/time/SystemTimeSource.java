package io.groupkit.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** The real clock. */
final class SystemTimeSource implements TimeSource {
    static final SystemTimeSource INSTANCE = new SystemTimeSource();

    private SystemTimeSource() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public CompletionStage<Void> delay(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return CompletableFuture.completedFuture(null);
        }
        // Runnable::run: the continuation runs on the JDK's delay thread and hands straight on to
        // asynchronous I/O, so no pool of ours is needed.
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS, Runnable::run));
    }

    /** Completing the returned future in any way removes its timer from the JDK's delay queue. */
    @Override
    public CompletionStage<Void> alarm(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return CompletableFuture.completedFuture(null);
        }
        return new CompletableFuture<Void>().completeOnTimeout(null, duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return "TimeSource.system()";
    }
}
