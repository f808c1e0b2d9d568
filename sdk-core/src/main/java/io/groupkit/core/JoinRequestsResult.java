package io.groupkit.core;

/**
 * What came of listing a group's pending join requests.
 *
 * <p>On Java 21, switch over it and keep a {@code default} branch for outcomes added later.
 */
public sealed interface JoinRequestsResult extends Outcome permits JoinRequests, Failure {
}
