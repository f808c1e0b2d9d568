package io.groupkit.testkit.telegram;

import org.jspecify.annotations.Nullable;

/**
 * One change of a group's membership as the simulated server recorded it, in the order it
 * happened: what a supergroup's admin log and a basic group's updates are made from.
 *
 * @param seq the server's running number of changes, from 1
 * @param groupId the group
 * @param channel whether the group is a supergroup (a channel on the wire)
 * @param kind what happened
 * @param userId whose membership changed
 * @param actorId who did it: the person themselves for a join by link, a leave or a request; the
 *     admin for an add, a removal or an approval
 * @param link the invite link used or asked through, if any
 * @param date unix seconds on the simulator's clock
 */
record MembershipChange(long seq, long groupId, boolean channel, Kind kind, long userId, long actorId,
                        @Nullable String link, int date) {

    /** What happened. */
    enum Kind {
        /** An admin added them. */
        ADDED,
        /** They joined through an invite link. */
        JOINED_BY_LINK,
        /** An admin approved their join request. */
        JOINED_BY_REQUEST,
        /** They left. */
        LEFT,
        /** An admin removed (kicked) them. */
        REMOVED,
        /** They asked to join. */
        REQUESTED
    }
}
