package io.groupkit.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The real clock: the JDK's delay timer times the waits, an executor runs what follows them. */
final class SystemTimeSource implements TimeSource {
    static final SystemTimeSource INSTANCE = new SystemTimeSource(new CompletableFuture<Void>().defaultExecutor());

    private final Executor continueOn;

    SystemTimeSource(Executor continueOn) {
        this.continueOn = continueOn;
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
        // The timer thread only hands the completion to continueOn: whatever follows a wait (a
        // provider's call, a listener, the caller's own stages) may block without holding up every
        // other timer in the JVM.
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS, continueOn));
    }

    /**
     * Completing the returned future in any way removes its timer from the JDK's delay queue (an
     * attempt's alarm is released as soon as its answer is in: the queue holds only live alarms).
     * Only an alarm that goes off costs a hand-over to {@code continueOn}.
     */
    @Override
    public CompletionStage<Void> alarm(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return CompletableFuture.completedFuture(null);
        }
        return new Alarm(continueOn).completeOnTimeout(null, duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * An alarm that the JDK's timer completes through {@code complete(null)}: it goes off on
     * {@code continueOn} instead, so its dependants never run on the timer's thread. Nothing else
     * is allocated per alarm (a second future as the timer would double an attempt's timer cost).
     */
    private static final class Alarm extends CompletableFuture<Void> {
        private final Executor continueOn;

        Alarm(Executor continueOn) {
            this.continueOn = continueOn;
        }

        @Override
        public boolean complete(Void value) {
            if (isDone()) {
                return false;
            }
            continueOn.execute(() -> super.complete(value));
            return true;
        }
    }

    @Override
    public String toString() {
        return this == INSTANCE ? "TimeSource.system()" : "TimeSource.system(" + continueOn + ")";
    }
}
