package io.groupkit.core.events;

/** The kinds of {@link MembershipEvent}; a provider declares which it can report. */
public enum EventKind {
    /** Someone is in the group who was not: {@link Joined}. */
    JOINED,
    /** Someone left on their own: {@link Left}. */
    LEFT,
    /** Someone was removed: {@link Removed}. Listing comparison cannot tell it from leaving: it reports {@link #LEFT}. */
    REMOVED,
    /** Someone became an admin or the owner: {@link Promoted}. */
    PROMOTED,
    /** Someone stopped being an admin: {@link Demoted}. */
    DEMOTED,
    /** Someone asked to join: {@link JoinRequested}. */
    JOIN_REQUESTED
}
