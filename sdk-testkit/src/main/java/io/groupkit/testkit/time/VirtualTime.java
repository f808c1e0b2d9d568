package io.groupkit.testkit.time;

import io.groupkit.core.internal.VirtualClock;
import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Time that only moves when told to, for tests: a {@link #delay(Duration)} completes at once and
 * moves the clock to the end of the wait.
 *
 * <p>Waits on different threads overlap as they would in real time: two threads that each wait
 * 100 ms from the same instant leave the clock 100 ms later, not 200 ms. Waits on one thread
 * follow one another, so work that real time would overlap (several calls under way with
 * latency) is serialised: virtual time measures pacing and backoff exactly, throughput under
 * latency only as an upper bound. With real I/O under way on several threads, one thread's wait
 * moves the clock for all, so time stamps taken elsewhere may run ahead: run such tests one call
 * at a time. Thread-safe; deterministic on one thread.
 *
 * <p>{@link TestPolicies#onVirtualTime(VirtualTime)} gives policies on this clock whose waits a
 * test can predict.
 */
public final class VirtualTime implements TimeSource {
    // The clock itself lives in sdk-core, where core's own tests use it without the testkit.
    private final VirtualClock clock;

    private VirtualTime(VirtualClock clock) {
        this.clock = clock;
    }

    /**
     * Virtual time starting at 2026-01-01T00:00:00Z.
     *
     * @return a new clock at nanoTime 0
     */
    public static VirtualTime create() {
        return new VirtualTime(VirtualClock.create());
    }

    /**
     * Virtual time starting at the given wall-clock instant.
     *
     * @param epoch what {@link #now()} answers before any time has passed
     * @return a new clock at nanoTime 0
     */
    public static VirtualTime startingAt(Instant epoch) {
        return new VirtualTime(VirtualClock.startingAt(epoch));
    }

    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public Instant now() {
        return clock.now();
    }

    /**
     * Moves the clock to the end of the wait (if it is not past it already) and completes at once.
     */
    @Override
    public CompletionStage<Void> delay(Duration duration) {
        return clock.delay(duration);
    }

    /**
     * Goes off when the clock is moved past it by a {@link #delay(Duration)} or
     * {@link #advance(Duration)}; never by itself.
     */
    @Override
    public CompletionStage<Void> alarm(Duration duration) {
        return clock.alarm(duration);
    }

    /** Alarms set and not yet gone off. */
    int pendingAlarms() {
        return clock.pendingAlarms();
    }

    /**
     * Moves the clock forward, as if that much time passed while the caller worked.
     *
     * @param duration how far; not negative
     */
    public void advance(Duration duration) {
        clock.advance(duration);
    }

    /**
     * How long until the earliest alarm still set goes off: with real I/O under way (a simulator
     * over HTTP), move the clock in steps no longer than this, so that background work lands on
     * its alarms exactly while a call's timeout alarm is not rung by accident.
     *
     * @return the time left, zero for one already due; empty when no alarm is set
     */
    public java.util.Optional<Duration> nextAlarm() {
        return clock.nextAlarm();
    }

    /**
     * Moves the clock towards the earliest alarm still set, by at most {@code atMost}: lands on it
     * exactly when it is nearer, else steps {@code atMost}. The way to let a watch (whose pauses are
     * alarms) go on while it talks to a simulator over HTTP: small steps never ring a call's timeout
     * alarm by a leap while its exchange is under way.
     *
     * @param atMost the longest step, above zero
     * @return false, and the clock unmoved, when no alarm is set
     */
    public boolean advanceTowardNextAlarm(Duration atMost) {
        if (atMost.isNegative() || atMost.isZero()) {
            throw new IllegalArgumentException("expected a step above zero, got " + atMost);
        }
        java.util.Optional<Duration> next = clock.nextAlarm();
        next.ifPresent(d -> clock.advance(d.compareTo(atMost) < 0 ? d : atMost));
        return next.isPresent();
    }

    /**
     * Moves the clock to the earliest alarm still set and rings it (and any other alarm due by
     * then): the way to let background work timed by alarms go on — a
     * {@code MembershipWatch}'s pauses between listings are alarms — without choosing a step.
     * Every alarm counts, a call's timeout too: with real I/O under way, step with {@link #nextAlarm()}.
     *
     * @return false, and the clock unmoved, when no alarm is set
     */
    public boolean advanceToNextAlarm() {
        return clock.advanceToNextAlarm();
    }

    /**
     * How much virtual time has passed since creation.
     *
     * @return the elapsed time
     */
    public Duration elapsed() {
        return clock.elapsed();
    }

    /**
     * How many non-zero waits were asked for, to tell a test whether anything waited at all.
     *
     * @return the count
     */
    public long waitCount() {
        return clock.waitCount();
    }

    @Override
    public String toString() {
        return "VirtualTime[" + elapsed() + "]";
    }
}
