package io.groupkit.core;

/** What to do with a join request (see {@link GroupMembership#decideJoinRequest}). */
public enum JoinDecision {
    /** Let the person in: they join the group. */
    APPROVE,
    /** Turn the request down: the person stays out and the request is gone. */
    DECLINE
}
