package io.groupkit.core.internal;

import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The virtual clock behind sdk-testkit's {@code VirtualTime}, kept here so that core's own tests
 * run on it too (the testkit depends on core, so core's tests cannot use the testkit). Not an API:
 * users and adapters' tests take {@code io.groupkit.testkit.time.VirtualTime}, which documents it.
 *
 * <p>Time that only moves when told to: a {@link #delay(Duration)} completes at once and
 * moves the clock to the end of the wait.
 *
 * <p>Waits on different threads overlap as they would in real time: two threads that each wait
 * 100 ms from the same instant leave the clock 100 ms later, not 200 ms. Waits on one thread
 * follow one another, so work that real time would overlap (several calls under way with
 * latency) is serialised: virtual time measures pacing and backoff exactly, throughput under
 * latency only as an upper bound. With real I/O under way on several threads, one thread's wait
 * moves the clock for all, so time stamps taken elsewhere may run ahead: run such tests one call
 * at a time. Thread-safe; deterministic on one thread.
 */
public final class VirtualClock implements TimeSource {
    private final Instant epoch;
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong waits = new AtomicLong();
    private final PriorityQueue<Alarm> alarms = new PriorityQueue<>();
    private long alarmSequence;
    private int purgeAbove = 1024;

    private record Alarm(long atNanos, long sequence, CompletableFuture<Void> signal) implements Comparable<Alarm> {
        @Override
        public int compareTo(Alarm o) {
            int byTime = Long.compare(atNanos, o.atNanos);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }
    }

    private VirtualClock(Instant epoch) {
        this.epoch = epoch;
    }

    /**
     * Virtual time starting at 2026-01-01T00:00:00Z.
     *
     * @return a new clock at nanoTime 0
     */
    public static VirtualClock create() {
        return startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /**
     * Virtual time starting at the given wall-clock instant.
     *
     * @param epoch what {@link #now()} answers before any time has passed
     * @return a new clock at nanoTime 0
     */
    public static VirtualClock startingAt(Instant epoch) {
        return new VirtualClock(Objects.requireNonNull(epoch, "epoch must not be null"));
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return epoch.plusNanos(nanos.get());
    }

    /**
     * Moves the clock to the end of the wait (if it is not past it already) and completes at once.
     */
    @Override
    public CompletionStage<Void> delay(Duration duration) {
        Objects.requireNonNull(duration, "duration must not be null");
        if (!duration.isZero() && !duration.isNegative()) {
            waits.incrementAndGet();
            long end = saturatedAdd(nanos.get(), duration);
            nanos.accumulateAndGet(end, Math::max);
            ringAlarms();
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Goes off when the clock is moved past it by a {@link #delay(Duration)} or
     * {@link #advance(Duration)}; never by itself.
     */
    @Override
    public CompletionStage<Void> alarm(Duration duration) {
        Objects.requireNonNull(duration, "duration must not be null");
        CompletableFuture<Void> signal = new CompletableFuture<>();
        if (duration.isZero() || duration.isNegative()) {
            signal.complete(null);
            return signal;
        }
        synchronized (alarms) {
            if (alarms.size() >= purgeAbove) {
                // Alarms cancelled by their owners would otherwise wait here for the clock.
                alarms.removeIf(a -> a.signal().isDone());
                purgeAbove = Math.max(1024, 2 * alarms.size());
            }
            alarms.add(new Alarm(saturatedAdd(nanos.get(), duration), alarmSequence++, signal));
        }
        return signal;
    }

    /**
     * Alarms set and not yet gone off (cancelled ones included until they are purged).
     *
     * @return the count
     */
    public int pendingAlarms() {
        synchronized (alarms) {
            return alarms.size();
        }
    }

    private void ringAlarms() {
        List<CompletableFuture<Void>> due = new ArrayList<>();
        synchronized (alarms) {
            long now = nanos.get();
            while (!alarms.isEmpty() && alarms.peek().atNanos() <= now) {
                due.add(alarms.poll().signal());
            }
        }
        // Outside the lock: what runs on an alarm may set or ring alarms itself.
        due.forEach(signal -> signal.complete(null));
    }

    /**
     * Moves the clock forward, as if that much time passed while the caller worked.
     *
     * @param duration how far; not negative
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration must not be null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("expected a duration of zero or more, got " + duration);
        }
        nanos.updateAndGet(n -> saturatedAdd(n, duration));
        ringAlarms();
    }

    /**
     * How long until the earliest alarm still set goes off (one released early does not count).
     *
     * @return the time left, zero for one already due; empty when no alarm is set
     */
    public java.util.Optional<Duration> nextAlarm() {
        synchronized (alarms) {
            alarms.removeIf(a -> a.signal().isDone());
            if (alarms.isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Duration.ofNanos(Math.max(0, alarms.peek().atNanos() - nanos.get())));
        }
    }

    /**
     * Moves the clock to the earliest alarm still set (one released early does not count) and
     * rings it, with any other alarm due by then: for a test that waits for background work timed
     * by alarms (a watch's pauses) without choosing a step.
     *
     * @return false, and the clock unmoved, when no alarm is set
     */
    public boolean advanceToNextAlarm() {
        long at;
        synchronized (alarms) {
            alarms.removeIf(a -> a.signal().isDone());
            if (alarms.isEmpty()) {
                return false;
            }
            at = alarms.peek().atNanos();
        }
        nanos.accumulateAndGet(at, Math::max);
        ringAlarms();
        return true;
    }

    /**
     * How much virtual time has passed since creation.
     *
     * @return the elapsed time
     */
    public Duration elapsed() {
        return Duration.ofNanos(nanos.get());
    }

    /**
     * How many non-zero waits were asked for, to tell a test whether anything waited at all.
     *
     * @return the count
     */
    public long waitCount() {
        return waits.get();
    }

    private static long saturatedAdd(long base, Duration d) {
        long add;
        try {
            add = d.toNanos();
        } catch (ArithmeticException tooLong) {
            add = Long.MAX_VALUE;
        }
        long sum = base + add;
        return ((base ^ sum) & (add ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    @Override
    public String toString() {
        return "VirtualClock[" + elapsed() + "]";
    }
}
