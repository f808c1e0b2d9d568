package io.groupkit.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * A clock and a way to wait without holding a thread.
 *
 * <p>Implementations must be thread-safe.
 */
public interface TimeSource {

    /**
     * A monotonic reading, for measuring intervals only.
     *
     * @return nanoseconds from an arbitrary origin
     */
    long nanoTime();

    /**
     * The wall-clock time, for expiry dates.
     *
     * @return now
     */
    Instant now();

    /**
     * A stage that completes once {@code duration} has passed. A zero or negative duration gives
     * a completed stage. What depends on the stage runs on the thread that completes it, so a
     * real clock must complete it on a thread that may do work (never on a timer thread that
     * every other wait in the JVM shares).
     *
     * @param duration how long to wait
     * @return the stage
     */
    CompletionStage<Void> delay(Duration duration);

    /**
     * A stage that completes once {@code duration} has passed, without making anyone wait: for
     * timeouts; like a delay's, it completes on a thread that may do work. On a
     * virtual clock ({@code VirtualTime} in {@code sdk-testkit}) it completes when the clock is
     * moved past it by someone else's wait.
     * Completing the returned stage's future in any way releases the alarm early: GroupKit completes
     * it exceptionally once the work it guards has ended.
     *
     * @param duration when to go off
     * @return the stage
     */
    default CompletionStage<Void> alarm(Duration duration) {
        return delay(duration);
    }

    /**
     * The real clock. Waits are timed by the JDK's own delay timer (one daemon thread shared by the
     * whole JVM for {@link java.util.concurrent.CompletableFuture#delayedExecutor}), and what comes
     * after a wait or an alarm continues on the JDK's asynchronous pool
     * ({@link java.util.concurrent.CompletableFuture#defaultExecutor()}: the common fork-join pool,
     * or a new thread per task where that pool has a single thread), never on the timer's thread.
     * GroupKit starts no threads of its own.
     *
     * @return the system time source
     */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }

    /**
     * The real clock, continuing after each wait and alarm on an executor of yours (an
     * application's task executor, or virtual threads on Java 21) instead of the JDK's pool.
     *
     * @param continueOn where the work after a wait or an alarm runs; it must accept every task
     *     (a rejected one would leave a call without an answer)
     * @return a system time source
     */
    static TimeSource system(java.util.concurrent.Executor continueOn) {
        return new SystemTimeSource(java.util.Objects.requireNonNull(continueOn, "continueOn must not be null"));
    }
}
