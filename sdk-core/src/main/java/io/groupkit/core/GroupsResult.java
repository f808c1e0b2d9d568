package io.groupkit.core;

/**
 * What came of listing the groups the account is in.
 *
 * <p>On Java 21, switch over it and keep a {@code default} branch for outcomes added later.
 */
public sealed interface GroupsResult extends Outcome
        permits Groups, Failure {
}
