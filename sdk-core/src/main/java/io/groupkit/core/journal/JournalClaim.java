package io.groupkit.core.journal;

import java.util.Objects;
import java.util.Optional;

/**
 * A person claimed for a run, with what the journal knows of them.
 *
 * @param person the person's key
 * @param state whether a call for them may be under way: {@link State#UNDER_WAY} when a call was
 *     about to be sent and no outcome followed (a crash, or a worker whose lease ran out), and
 *     GroupKit checks their membership before it sends anything
 * @param outcome the last outcome recorded, when it was not final (a failure to retry, a lost answer)
 */
public record JournalClaim(String person, State state, Optional<String> outcome) {

    /** Whether a call for a claimed person may be under way. */
    public enum State {
        /** No call is known to be under way: nothing was sent, or what was sent was answered. */
        NOT_UNDER_WAY,
        /** A call was about to be sent and no outcome followed: check before sending anything. */
        UNDER_WAY
    }

    /**
     * Checks the fields.
     *
     * @param person not null
     * @param state not null
     * @param outcome not null
     */
    public JournalClaim {
        Objects.requireNonNull(person, "person must not be null");
        Objects.requireNonNull(state, "state must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null (use Optional.empty())");
    }

    /**
     * A claim with the state given as a flag.
     *
     * @param person not null
     * @param underWay true for {@link State#UNDER_WAY}
     * @param outcome not null
     * @deprecated A bare {@code true} does not say what it means: use
     *     {@link #JournalClaim(String, State, Optional)}, to which this delegates.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public JournalClaim(String person, boolean underWay, Optional<String> outcome) {
        this(person, underWay ? State.UNDER_WAY : State.NOT_UNDER_WAY, outcome);
    }

    /**
     * Whether a call for them may be under way.
     *
     * @return true for {@link State#UNDER_WAY}
     */
    public boolean underWay() {
        return state == State.UNDER_WAY;
    }
}
