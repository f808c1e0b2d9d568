package io.groupkit.core.events;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.ProviderDetail;

/**
 * A change of a group's membership, as a watch reports it.
 *
 * <p>Delivery is at least once: a watcher that stops between your handler's return and the moment
 * it records that return delivers that one event again after a restart, with the same
 * {@link #id()}. De-duplicate by the id where a second delivery matters.
 *
 * <p>{@code toString()} masks phone numbers (in the member and in the group's key).
 *
 * <p>On Java 21, switch over it and keep a {@code default} branch for events added later.
 */
public sealed interface MembershipEvent permits Joined, Left, Removed, Promoted, Demoted, JoinRequested {

    /**
     * A stable id: the same change delivered twice has the same id, and two changes never share one.
     *
     * @return the id
     */
    String id();

    /**
     * The group, as the watch was given it.
     *
     * @return the group
     */
    GroupRef group();

    /**
     * The person, as the provider identifies them (a Green-API listing names people by chat id).
     *
     * @return the member
     */
    Member member();

    /**
     * When it happened: the provider's time, or, for a change seen by comparing two listings, the
     * window between them.
     *
     * @return the time
     */
    EventTime time();

    /**
     * Whether the provider pushed it or the watch saw it by comparing listings.
     *
     * @return the source
     */
    EventSource source();

    /**
     * What the provider said (its event's name, or the listing that showed the change), redacted.
     *
     * @return the detail
     */
    ProviderDetail detail();

    /**
     * What kind of change this is.
     *
     * @return the kind
     */
    EventKind kind();
}
