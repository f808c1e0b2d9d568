package io.groupkit.core;

/**
 * What came of removing one person from a group.
 *
 * <p>On Java 21, switch over it and keep a {@code default} branch for outcomes added later.
 */
public sealed interface RemoveResult extends Outcome
        permits Removed, NotMember, AccessDeniedExtend, Indeterminate, Failure {
}
