package io.groupkit.core.spi;

/** Whether a person is in a group, as far as the provider's listing shows. */
public enum MembershipCheck {
    /** Listed. */
    PRESENT,
    /** Not listed, and the listing is complete. */
    ABSENT,
    /** The listing failed or cannot show this person. */
    UNKNOWN
}
