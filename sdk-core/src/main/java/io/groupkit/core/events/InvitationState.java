package io.groupkit.core.events;

/** Where an invitation stands. */
public enum InvitationState {
    /** Sent or attached; the person has not been seen in the group since. */
    PENDING,
    /** The person joined the group after it. */
    JOINED,
    /** The link expired before the person joined. */
    EXPIRED
}
