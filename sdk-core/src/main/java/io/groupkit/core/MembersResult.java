package io.groupkit.core;

/**
 * What came of listing a group's members.
 *
 * <p>On Java 21, switch over it and keep a {@code default} branch for outcomes added later.
 */
public sealed interface MembersResult extends Outcome
        permits Members, Failure {
}
