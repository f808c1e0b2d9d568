package io.groupkit.core.internal;

import java.time.Duration;
import java.util.Objects;

/** Checks of the arguments every builder takes, with one wording for the caller's mistake. */
public final class Arguments {
    private Arguments() {
    }

    /**
     * Checks that a duration is given and positive.
     *
     * @param d the duration
     * @param what its setting's name, for the message
     * @return the duration
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what + " must not be null");
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("expected a positive " + what + ", got " + d);
        }
        return d;
    }
}
