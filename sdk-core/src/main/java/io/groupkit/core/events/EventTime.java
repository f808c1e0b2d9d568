package io.groupkit.core.events;

import java.time.Instant;
import java.util.Objects;

/**
 * When a change happened: at one instant, or somewhere in a window (between two listings).
 *
 * @param from the earliest it can have happened
 * @param to the latest it can have happened; equal to {@code from} when exact
 */
public record EventTime(Instant from, Instant to) {
    /**
     * Checks the window.
     *
     * @param from the earliest
     * @param to the latest, not before {@code from}
     */
    public EventTime {
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("expected a window that ends at or after its start, got " + from + " .. " + to);
        }
    }

    /**
     * An exact time, as a provider gives it.
     *
     * @param at the instant
     * @return the time
     */
    public static EventTime at(Instant at) {
        return new EventTime(at, at);
    }

    /**
     * Whether the instant is known exactly.
     *
     * @return {@code from().equals(to())}
     */
    public boolean exact() {
        return from.equals(to);
    }

    @Override
    public String toString() {
        return exact() ? from.toString() : from + ".." + to;
    }
}
