package io.groupkit.core;

/** Whether the invite-link fallback sent the group's link to the person ({@link LinkFallback}). */
public enum InviteDelivery {
    /** Not sent: the fallback was off, only attached the link, or sending failed. */
    NOT_SENT,
    /** Sent to the person through the provider. */
    SENT
}
