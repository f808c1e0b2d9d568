package io.groupkit.telegram.internal;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.events.Demoted;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.EventTime;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.Left;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.Promoted;
import io.groupkit.core.events.Removed;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.internal.AdminLogTl.Entry;
import io.groupkit.telegram.internal.TlSchema.TlObject;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one admin-log entry means for a supergroup's membership. People are named as the
 * supergroup's listing names them (their user id), so a watch matches events to its members. An
 * entry that changes no one's membership (a restriction, an unban, an admin's rights edited, any
 * other action) means nothing here.
 */
final class AdminLogEvents {
    private AdminLogEvents() {
    }

    /**
     * The event's id: the same entry read again gives the same id.
     *
     * @param group the supergroup
     * @param entryId the entry's id
     * @return {@code tg-log:<channel id>:<entry id>}
     */
    static String id(TelegramGroup.Supergroup group, long entryId) {
        return "tg-log:" + group.channelId() + ":" + entryId;
    }

    /**
     * The membership event of an entry.
     *
     * @param group the supergroup
     * @param e a readable entry
     * @return the event, or empty if the entry changes no one's membership
     */
    static Optional<MembershipEvent> event(TelegramGroup.Supergroup group, Entry e) {
        TlObject a = e.action();
        if (a == null) {
            return Optional.empty();
        }
        String id = id(group, e.id());
        EventTime time = EventTime.at(Instant.ofEpochSecond(Integer.toUnsignedLong(e.date())));
        OptionalLong actor = positive(e.actorId());
        String kind = a.name().replace("channelAdminLogEventActionParticipant", "");
        ProviderDetail d = TelegramProvider.detail("ADMIN_LOG_" + kind.replaceAll("([a-z])([A-Z])", "$1_$2")
                        .toUpperCase(java.util.Locale.ROOT), // ADMIN_LOG_JOIN_BY_INVITE
                "the supergroup's admin log, entry " + e.id());
        GroupRef g = group;
        switch (a.name()) {
            case "channelAdminLogEventActionParticipantJoin" -> {
                // Joined on their own without a link: a public supergroup joined by its name. Telegram
                // names no way in, so none is claimed (an invitation GroupKit sent may still explain it).
                return actor.stream().<MembershipEvent>mapToObj(m -> new Joined(id, g, person(m), time,
                        EventSource.PUSHED, d, JoinHow.UNKNOWN)).findFirst();
            }
            case "channelAdminLogEventActionParticipantJoinByInvite" -> {
                TlObject invite = a.object("invite");
                Optional<String> link = link(invite);
                // No link in the invite (chatInvitePublicJoinRequests): an approved request to a public supergroup.
                JoinHow how = link.isPresent() ? JoinHow.INVITE_LINK : JoinHow.JOIN_REQUEST;
                return actor.stream().<MembershipEvent>mapToObj(m -> new Joined(id, g, person(m), time,
                        EventSource.PUSHED, d, how, Optional.empty(), Optional.empty(), link)).findFirst();
            }
            case "channelAdminLogEventActionParticipantJoinByRequest" -> {
                Optional<Member> approvedBy = member(a.int64("approved_by"));
                Optional<String> link = link(a.object("invite"));
                return actor.stream().<MembershipEvent>mapToObj(m -> new Joined(id, g, person(m), time,
                        EventSource.PUSHED, d, JoinHow.JOIN_REQUEST, approvedBy, Optional.empty(), link)).findFirst();
            }
            case "channelAdminLogEventActionParticipantInvite" -> {
                return participant(a.object("participant")).stream().<MembershipEvent>mapToObj(m -> new Joined(id, g,
                        person(m), time, EventSource.PUSHED, d, JoinHow.ADDED, member(e.actorId()), Optional.empty()))
                        .findFirst();
            }
            case "channelAdminLogEventActionParticipantLeave" -> {
                return actor.stream().<MembershipEvent>mapToObj(m -> new Left(id, g, person(m), time, EventSource.PUSHED, d))
                        .findFirst();
            }
            case "channelAdminLogEventActionParticipantToggleBan" -> {
                TlObject before = a.object("prev_participant");
                TlObject after = a.object("new_participant");
                // Only a ban that takes the right to see the group removes someone; a restriction or an unban does not.
                if (!isMember(before) || isMember(after)) {
                    return Optional.empty();
                }
                return participant(after).stream().<MembershipEvent>mapToObj(m -> new Removed(id, g, person(m), time,
                        EventSource.PUSHED, d, member(e.actorId()))).findFirst();
            }
            case "channelAdminLogEventActionParticipantToggleAdmin" -> {
                MemberRole before = role(a.object("prev_participant"));
                MemberRole after = role(a.object("new_participant"));
                OptionalLong who = participant(a.object("new_participant"));
                if (before == after || who.isEmpty()) {
                    return Optional.empty(); // an admin's rights or title edited
                }
                Member m = person(who.getAsLong());
                return Optional.of(promotes(before, after)
                        ? new Promoted(id, g, m, time, EventSource.PUSHED, d, after)
                        : new Demoted(id, g, m, time, EventSource.PUSHED, d, after));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static boolean promotes(MemberRole before, MemberRole after) {
        return rank(after) > rank(before);
    }

    private static int rank(MemberRole role) {
        return switch (role) {
            case OWNER -> 2;
            case ADMIN -> 1;
            default -> 0;
        };
    }

    /** The link of a {@code chatInviteExported}; none for {@code chatInvitePublicJoinRequests}. */
    private static Optional<String> link(TlObject invite) {
        return invite.name().equals("chatInviteExported") ? Optional.of((String) invite.get("link")) : Optional.empty();
    }

    /** Whether a {@code ChannelParticipant} is in the group: a restricted member is, a banned or left one is not. */
    static boolean isMember(TlObject p) {
        return switch (p.name()) {
            case "channelParticipantBanned" -> !p.has("left") && !p.object("banned_rights").has("view_messages");
            case "channelParticipantLeft" -> false;
            default -> true;
        };
    }

    private static MemberRole role(TlObject p) {
        return switch (p.name()) {
            case "channelParticipantCreator" -> MemberRole.OWNER;
            case "channelParticipantAdmin" -> MemberRole.ADMIN;
            default -> MemberRole.MEMBER;
        };
    }

    /** The person a {@code ChannelParticipant} is about; empty for a chat or channel peer. */
    private static OptionalLong participant(TlObject p) {
        if (p.has("user_id")) {
            return positive(p.int64("user_id"));
        }
        TlObject peer = p.object("peer");
        return peer.name().equals("peerUser") ? positive(peer.int64("user_id")) : OptionalLong.empty();
    }

    private static OptionalLong positive(long id) {
        return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }

    private static Optional<Member> member(long id) {
        return id > 0 ? Optional.of(person(id)) : Optional.empty();
    }

    /** As {@link TelegramListings} names a member: the bare user id. */
    private static Member person(long id) {
        return Member.userId(id);
    }
}
