package io.groupkit.core;

/** How GroupKit knows that a change ({@link Added}, {@link Removed}) took effect. */
public enum Confirmation {
    /** The provider's answer said so. */
    PROVIDER_ANSWER,
    /**
     * The answer was lost, late or unclear, and GroupKit saw the change by checking membership
     * (listing the group, or asking about the person) instead of sending again.
     */
    MEMBERSHIP_CHECK
}
