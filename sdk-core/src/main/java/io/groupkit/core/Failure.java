package io.groupkit.core;

/**
 * The outcomes every operation shares: the call did not do what was asked, for a reason that is
 * not about the person or the group's membership (access, a missing group or account, limits,
 * credentials, the provider being down or answering something unknown, an operation the provider
 * lacks). A {@code Failure} is a result of every operation, so code that handles them once can
 * test {@code r instanceof Failure f} (or, from Java 21, {@code case Failure f}) before the
 * operation's own outcomes.
 *
 * <p>{@link Indeterminate} is not one: it says a change may have happened, which only writes can.
 */
public sealed interface Failure extends AddResult, RemoveResult, InviteLinkResult, MembersResult, GroupsResult,
        ActionResult, EventsResult, JoinRequestsResult, DecisionResult permits AccessDenied, NotFound, RateLimited, Unauthorized, QuotaExceeded, Unavailable,
        Unrecognized, Unsupported, SpamLimited {
}
