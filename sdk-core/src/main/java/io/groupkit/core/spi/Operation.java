package io.groupkit.core.spi;

/** The operations a provider may support; each may have its own rate limits. */
public enum Operation {
    /** Add one person. */
    ADD,
    /** Add several people in one request. */
    ADD_BATCH,
    /** Remove one person. */
    REMOVE,
    /** Get the group's invite link. */
    INVITE_LINK,
    /** List the group's members. */
    MEMBERS,
    /** List the groups the account is in. */
    GROUPS,
    /** Check a person before adding them (does the number have an account?). */
    PRECHECK,
    /** Send the invite link to a person. */
    SEND_INVITE,
    /** Read the provider's pushed membership events of the account (see {@link MembershipProvider#events}). */
    EVENTS,
    /** Read one group's own record of membership changes (see {@link MembershipProvider#groupEvents}). */
    GROUP_EVENTS,
    /** List a group's pending join requests (see {@link MembershipProvider#joinRequests}). */
    JOIN_REQUESTS,
    /** Approve or decline one person's join request. */
    DECIDE_JOIN_REQUEST,
    /** Approve or decline every pending join request of a group at once. */
    DECIDE_ALL_JOIN_REQUESTS
}
