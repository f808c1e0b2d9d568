package io.groupkit.core.events;

import io.groupkit.core.GroupRef;
import java.time.Duration;

/**
 * Told what a watch does, for logs and metrics of your own. Every method does nothing by default.
 * Methods run on the executor the watch was given, never on a timer thread; keep them short. A
 * listener that throws is logged and ignored.
 */
public interface WatchListener {

    /** A listener that does nothing, the default. */
    WatchListener NONE = new WatchListener() {
        @Override
        public String toString() {
            return "WatchListener.NONE";
        }
    };

    /**
     * A group was listed and compared.
     *
     * @param group the group
     * @param members how many people it lists
     * @param events how many changes the comparison found (0 for the first listing, which is the baseline)
     * @param took how long the listing took, pacing included
     */
    default void listed(GroupRef group, int members, int events, Duration took) {
    }

    /**
     * An event was handled: your handler returned and the watch recorded it.
     *
     * @param event the event
     */
    default void delivered(MembershipEvent event) {
    }

    /**
     * Something kept the watch from seeing a group or delivering an event; it tries again.
     *
     * @param problem what happened
     */
    default void problem(WatchProblem problem) {
    }

    /**
     * This watcher took a group's lease: it watches the group now.
     *
     * @param group the group
     */
    default void leaseTaken(GroupRef group) {
    }

    /**
     * This watcher lost a group's lease to another (it was away longer than the lease): it stops
     * delivering that group's events, which the other watcher delivers.
     *
     * @param group the group
     */
    default void leaseLost(GroupRef group) {
    }

    /**
     * The pause between two listings changed, with the number of groups or the traffic of the moment.
     *
     * @param pause the pause between listings of two groups
     */
    default void paceChanged(Duration pause) {
    }
}
