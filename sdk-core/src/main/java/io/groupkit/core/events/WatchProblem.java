package io.groupkit.core.events;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Outcome;
import io.groupkit.core.Redaction;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that kept a watch from seeing a group, told to its {@link WatchListener}. No event is
 * made from a failed or doubtful listing: the watch tries again at its next turn.
 *
 * @param kind what went wrong
 * @param group the group, when it is about one
 * @param message what happened, redacted
 * @param outcome the provider's outcome, when there was one
 */
public record WatchProblem(Kind kind, Optional<GroupRef> group, String message, Optional<Outcome> outcome) {
    /**
     * Checks the fields.
     *
     * @param kind the kind
     * @param group the group
     * @param message the message
     * @param outcome the outcome
     */
    public WatchProblem {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(group, "group must not be null (use Optional.empty())");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null (use Optional.empty())");
        message = Redaction.maskDigitRuns(message);
    }

    /** What kept the watch from seeing a group. */
    public enum Kind {
        /** The listing failed (the outcome says why); tried again at the group's next turn. */
        LISTING_FAILED,
        /**
         * The listing lost more than half of the people (at least {@value io.groupkit.core.events.MembershipWatch#SUSPECT_MIN}) at once:
         * held back until the next listing says the same, since a listing cut short looks exactly like this.
         */
        LISTING_DOUBTFUL,
        /** The provider says the group does not exist or the account is not in it: no event until it lists again. */
        GROUP_GONE,
        /** The provider's pushed events could not be read; the listing still runs. */
        FEED_FAILED,
        /** The provider lost events (they were kept for less time than the watch was away): a listing fills in what changed. */
        FEED_GAP,
        /** The store could not be read or written: nothing is delivered until it answers. */
        STORE_UNAVAILABLE,
        /** Your handler threw: the same event is delivered again after a pause. */
        HANDLER_FAILED
    }

    @Override
    public String toString() {
        return "WatchProblem[" + kind + group.map(g -> ", group=" + Redaction.maskDigitRuns(g.key())).orElse("") + ", "
                + message + outcome.map(o -> ", " + o.kind() + " " + o.detail().code()).orElse("") + "]";
    }
}
