package io.groupkit.core.events;

/** How someone came into a group, as far as it is known. */
public enum JoinHow {
    /** Someone added them (an admin, or GroupKit itself). */
    ADDED,
    /** They followed an invite link. */
    INVITE_LINK,
    /** Their request to join was approved. */
    JOIN_REQUEST,
    /** Not known: the provider does not say, or the change was seen by comparing listings. */
    UNKNOWN
}
