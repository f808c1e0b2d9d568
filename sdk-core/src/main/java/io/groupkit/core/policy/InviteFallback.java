package io.groupkit.core.policy;

/**
 * What GroupKit does when a person cannot be added directly but could join by invite link
 * ({@link io.groupkit.core.PrivacyRestricted}, {@link io.groupkit.core.NotInContacts},
 * {@link io.groupkit.core.NotAdded}). Off by default: sending messages is the caller's decision.
 */
public enum InviteFallback {
    /** Nothing: the outcome is returned as the provider gave it. */
    OFF,
    /** Fetch the group's invite link (cached) and attach it to the outcome. */
    ATTACH_LINK,
    /**
     * Attach the link and send it to the person through the same provider, where the provider
     * can send messages; otherwise as {@link #ATTACH_LINK}.
     */
    ATTACH_AND_SEND
}
