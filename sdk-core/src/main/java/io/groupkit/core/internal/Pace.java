package io.groupkit.core.internal;

import io.groupkit.core.policy.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How long a watch pauses between two listings: the interval spread over the groups, never less
 * than the provider's listing limit allows for the watch's share of it, and longer while listings
 * wait for their permit (someone else is using the budget) — doubled after each slow or failed
 * listing up to eight times, halved back after each quick one.
 */
final class Pace {
    private static final int MAX_PRESSURE = 8;

    private final Duration floor;
    private final Duration busy;
    private int pressure = 1; // only the turn in progress touches it
    private volatile Duration pause;
    private Duration told;

    Pace(Duration interval, int groups, double share, List<RateLimit> limits) {
        Duration spread = interval.dividedBy(Math.max(1, groups));
        Duration limited = Duration.ZERO;
        for (RateLimit l : limits) {
            Duration d = Duration.ofNanos((long) (l.interval().toNanos() / share));
            limited = d.compareTo(limited) > 0 ? d : limited;
        }
        this.floor = spread.compareTo(limited) > 0 ? spread : limited;
        // A listing that took longer than the limit's own spacing waited for a permit someone else held.
        Duration own = limited.isZero() ? spread.dividedBy(2) : limited;
        this.busy = own.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : own;
        this.pause = floor;
        this.told = floor;
    }

    Duration pause() {
        return pause;
    }

    /** One listing ended: it took {@code took}, and answered with members or not. */
    void listed(Duration took, boolean answered) {
        if (!answered || took.compareTo(busy) > 0) {
            pressure = Math.min(MAX_PRESSURE, pressure * 2);
        } else if (pressure > 1) {
            pressure /= 2;
        }
        pause = floor.multipliedBy(pressure);
    }

    /** The pause, if it changed since last asked. */
    Optional<Duration> changed() {
        Duration now = pause;
        if (now.equals(told)) {
            return Optional.empty();
        }
        told = now;
        return Optional.of(now);
    }
}
