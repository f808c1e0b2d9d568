package io.groupkit.core;

/**
 * What came of adding one person to a group.
 *
 * <p>On Java 21, switch over it and keep a {@code default} branch for outcomes added later.
 */
public sealed interface AddResult extends Outcome
        permits Added, AlreadyMember, LinkFallback, NotRegistered, AccessDeniedExtend, GroupFull,
        MemberBanned, Blocked, TooManyGroups, Indeterminate, Failure {
}
