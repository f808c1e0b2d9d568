package io.groupkit.core.testing;

import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that never moves: every wait (pacing, the fake provider's latency) and every alarm is
 * held until the test completes it, so a test decides exactly what has "happened" so far. Where
 * waits should simply pass, {@link io.groupkit.core.internal.VirtualClock} (the testkit's
 * {@code VirtualTime}) moves instead.
 */
public final class HeldClock implements TimeSource {
    /** Waits begun, in order; complete one to end it. */
    public final List<CompletableFuture<Void>> waits = new CopyOnWriteArrayList<>();
    /** Alarms set, with their durations; attempt and call timeouts go off only if completed. */
    public final List<Alarm> alarms = new CopyOnWriteArrayList<>();

    /** One alarm and how far ahead it was set. */
    public record Alarm(Duration after, CompletableFuture<Void> signal) {
    }

    @Override
    public long nanoTime() {
        return 0;
    }

    @Override
    public Instant now() {
        return Instant.parse("2026-01-01T00:00:00Z");
    }

    @Override
    public CompletionStage<Void> delay(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> wait = new CompletableFuture<>();
        waits.add(wait);
        return wait;
    }

    @Override
    public CompletionStage<Void> alarm(Duration duration) {
        CompletableFuture<Void> signal = new CompletableFuture<>();
        alarms.add(new Alarm(duration, signal));
        return signal;
    }

    /** Ends every wait begun so far. */
    public void releaseWaits() {
        waits.forEach(w -> w.complete(null));
    }

    /**
     * The alarms set for exactly this long.
     *
     * @param after the duration they were set for
     * @return their signals
     */
    public List<CompletableFuture<Void>> alarmsOf(Duration after) {
        return alarms.stream().filter(a -> a.after().equals(after)).map(Alarm::signal).toList();
    }
}
