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
     * a completed stage.
     *
     * @param duration how long to wait
     * @return the stage
     */
    CompletionStage<Void> delay(Duration duration);

    /**
     * A stage that completes once {@code duration} has passed, without making anyone wait: for
     * timeouts. On real time it is the same as {@link #delay(Duration)}; on a
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
     * The real clock. Waits run on the JDK's own delay timer (one daemon thread shared by the
     * whole JVM for {@link java.util.concurrent.CompletableFuture#delayedExecutor}); GroupKit
     * starts no threads of its own.
     *
     * @return the system time source
     */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
