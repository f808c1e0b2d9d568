package io.groupkit.core;

/**
 * What came of asking for a group's invite link.
 *
 * <p>On Java 21, switch over it and keep a {@code default} branch for outcomes added later.
 */
public sealed interface InviteLinkResult extends Outcome
        permits InviteLink, Failure {
}
