package io.groupkit.core;

/**
 * What came of approving or declining join requests: {@link Done} when it was carried out;
 * {@link AlreadyMember} when an approved person was in the group already; {@link TooManyGroups}
 * when the person (or, for all requests, one of them) is in too many groups to join another;
 * {@link NotFound} with {@link NotFound.Subject#MEMBER} when the person has no pending request
 * (never asked, or another admin decided first); {@link Indeterminate} when the answer was lost;
 * or a {@link Failure} shared by every operation ({@link AccessDenied} when the account may not
 * manage the group's requests).
 *
 * <p>On Java 21, switch over it and keep a {@code default} branch for outcomes added later.
 */
public sealed interface DecisionResult extends Outcome
        permits Done, AlreadyMember, TooManyGroups, Indeterminate, Failure {
}
