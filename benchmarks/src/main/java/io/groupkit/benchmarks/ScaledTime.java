package io.groupkit.benchmarks;

import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/**
 * Real time run faster by a factor: every reading and every wait is the system clock's, scaled.
 * Unlike {@code VirtualTime}, whose waits complete at once and so cannot keep two independent
 * actors (a bulk and a watch) in step, this clock lets several threads wait side by side as they
 * would on the wall clock; at speed 1 it is the wall clock. What it cannot scale is the work
 * itself: a loopback round trip of 1 ms reads as {@code speed} ms.
 */
final class ScaledTime implements TimeSource {
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final double speed;
    private final long start = System.nanoTime();
    private final TimeSource system = TimeSource.system();

    ScaledTime(double speed) {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("expected a speed of 1 or more, got " + speed);
        }
        this.speed = speed;
    }

    double speed() {
        return speed;
    }

    @Override
    public long nanoTime() {
        return (long) ((System.nanoTime() - start) * speed);
    }

    @Override
    public Instant now() {
        return EPOCH.plusNanos(nanoTime());
    }

    @Override
    public CompletionStage<Void> delay(Duration duration) {
        return system.delay(Duration.ofNanos((long) (duration.toNanos() / speed)));
    }

    @Override
    public CompletionStage<Void> alarm(Duration duration) {
        return system.alarm(Duration.ofNanos((long) (duration.toNanos() / speed)));
    }
}
