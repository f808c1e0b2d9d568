package io.groupkit.telegram.internal;

import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.core.MemberRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads what the adapter needs from results without the whole schema: the missing invitees from
 * the end of {@code messages.invitedUsers} (each entry is exactly 16 bytes and the vector is the
 * last field), and the id and access hash from the head of a {@code User}.
 */
public final class Replies {
    private static final int USER_EMPTY = 0xd3bc4b7a;

    private Replies() {
    }

    /**
     * A person Telegram did not add, with the two Premium flags.
     *
     * @param userId who
     * @param premiumWouldAllowInvite only a Premium caller could add them
     * @param premiumRequiredForPm only Premium may even message them
     */
    public record MissingInvitee(long userId, boolean premiumWouldAllowInvite, boolean premiumRequiredForPm) {
    }

    /**
     * The missing invitee of a one-person add, if any.
     *
     * @param body a {@code messages.invitedUsers}
     * @return the entry, or empty if the person was added
     * @throws TlException if the body is no invitedUsers or does not end in a vector of 0 or 1 entries
     */
    public static Optional<MissingInvitee> missingInvitee(byte[] body) throws TlException {
        TlReader head = new TlReader(body);
        int ctor = head.int32();
        if (ctor != Constructors.INVITED_USERS) {
            throw new TlException("expected messages.invitedUsers (7f5defa6), got " + Integer.toHexString(ctor));
        }
        int oneEntry = body.length - 8 - 16;
        if (oneEntry >= 4) {
            TlReader r = new TlReader(body, oneEntry, 24);
            if (r.int32() == TlWriter.VECTOR && r.int32() == 1 && r.int32() == Constructors.MISSING_INVITEE) {
                int flags = r.int32();
                return Optional.of(new MissingInvitee(r.int64(), (flags & 1) != 0, (flags & 2) != 0));
            }
        }
        int empty = body.length - 8;
        if (empty >= 4) {
            TlReader r = new TlReader(body, empty, 8);
            if (r.int32() == TlWriter.VECTOR && r.int32() == 0) {
                return Optional.empty();
            }
        }
        throw new TlException("expected messages.invitedUsers to end in a missing_invitees vector of 0 or 1 entries");
    }

    /**
     * The person a {@code contacts.resolvedPeer} names.
     *
     * @param body the result
     * @return the person's id and access hash, or empty if the peer is a group or channel
     * @throws TlException if the result cannot be read
     */
    public static Optional<Requests.Peer> resolvedUser(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
        int ctor = r.int32();
        if (ctor != Constructors.RESOLVED_PEER) {
            throw new TlException("expected contacts.resolvedPeer (7f077ad9), got " + Integer.toHexString(ctor));
        }
        int peer = r.int32();
        long id = r.int64();
        if (peer != Constructors.PEER_USER) {
            if (peer == Constructors.PEER_CHAT || peer == Constructors.PEER_CHANNEL) {
                return Optional.empty();
            }
            throw new TlException("expected a Peer, got constructor " + Integer.toHexString(peer));
        }
        if (r.vectorHeader(4) != 0) {
            // Chats cannot be skipped without their schema; a resolved person comes with none.
            throw new TlException("expected no chats beside a resolved person");
        }
        int users = r.vectorHeader(4);
        if (users < 1) {
            throw new TlException("expected the resolved person among the users, got none");
        }
        int userCtor = r.int32();
        if (userCtor == USER_EMPTY) {
            throw new TlException("expected a full user, got userEmpty");
        }
        int flags = r.int32();
        r.int32(); // flags2
        long userId = r.int64();
        if (userId != id) {
            throw new TlException("expected user " + id + " first among the users, got " + userId);
        }
        if ((flags & 1) == 0) {
            throw new TlException("expected the user's access hash (flags.0), it is absent");
        }
        return Optional.of(new Requests.Peer(id, r.int64()));
    }

    /**
     * An exported invite link.
     *
     * @param url the link
     * @param expiresAt when it expires, if it does
     * @param usageLimit how many may join with it, if limited
     * @param usage how many have joined with it (absent on the wire: none)
     * @param revoked whether it was revoked
     * @param title its title, if it has one
     */
    public record ExportedLink(String url, Optional<Instant> expiresAt, OptionalInt usageLimit, int usage, boolean revoked,
                               Optional<String> title) {
        /**
         * Whether the link still lets someone in at {@code now}: not revoked, not expired, not used up.
         *
         * @param now the time
         * @return true if it works
         */
        public boolean works(Instant now) {
            return !revoked && (expiresAt.isEmpty() || now.isBefore(expiresAt.get()))
                    && (usageLimit.isEmpty() || usage < usageLimit.getAsInt());
        }
    }

    /**
     * Reads {@code chatInviteExported}.
     *
     * @param body the result
     * @return the link, or empty for {@code chatInvitePublicJoinRequests}
     * @throws TlException if the result cannot be read
     */
    public static Optional<ExportedLink> exportedLink(byte[] body) throws TlException {
        return exportedLink(new TlReader(body));
    }

    /**
     * Reads the link of {@code messages.exportedChatInvite} (or the old link of
     * {@code messages.exportedChatInviteReplaced}); the users after it are not read.
     *
     * @param body the result
     * @return the link, or empty for {@code chatInvitePublicJoinRequests}
     * @throws TlException if the result cannot be read
     */
    public static Optional<ExportedLink> exportedChatInvite(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
        int ctor = r.int32();
        if (ctor != Constructors.MESSAGES_EXPORTED_CHAT_INVITE && ctor != Constructors.MESSAGES_EXPORTED_CHAT_INVITE_REPLACED) {
            throw new TlException("expected messages.exportedChatInvite (1871be50), got " + Integer.toHexString(ctor));
        }
        return exportedLink(r);
    }

    private static Optional<ExportedLink> exportedLink(TlReader r) throws TlException {
        int ctor = r.int32();
        if (ctor == Constructors.CHAT_INVITE_PUBLIC_JOIN_REQUESTS) {
            return Optional.empty();
        }
        if (ctor != Constructors.CHAT_INVITE_EXPORTED) {
            throw new TlException("expected chatInviteExported (a22cbd96), got " + Integer.toHexString(ctor));
        }
        int flags = r.int32();
        String link = r.string();
        r.int64(); // admin_id
        r.int32(); // date
        if ((flags & 16) != 0) {
            r.int32(); // start_date
        }
        Optional<Instant> expires = (flags & 2) != 0 ? Optional.of(Instant.ofEpochSecond(Integer.toUnsignedLong(r.int32())))
                : Optional.empty();
        OptionalInt limit = (flags & 4) != 0 ? OptionalInt.of(r.int32()) : OptionalInt.empty();
        int usage = (flags & 8) != 0 ? r.int32() : 0;
        if ((flags & 128) != 0) {
            r.int32(); // requested
        }
        if ((flags & 1024) != 0) {
            r.int32(); // subscription_expired
        }
        Optional<String> title = (flags & 256) != 0 ? Optional.of(r.string()) : Optional.empty();
        if (!link.startsWith("https://") && !link.startsWith("http://") && !link.startsWith("t.me/")) {
            throw new TlException("expected an invite link, got text of " + link.length() + " characters");
        }
        return Optional.of(new ExportedLink(link, expires, limit, usage, (flags & 1) != 0, title));
    }

    /**
     * One person a listing names as a member.
     *
     * @param userId who
     * @param role their standing
     */
    public record Listed(long userId, MemberRole role) {
    }

    /**
     * One page of {@code channels.getParticipants}.
     *
     * @param count how many members Telegram says the supergroup has
     * @param entries how many participants the page held, members or not (the next offset grows by it)
     * @param members the members among them (banned and left peers are not)
     * @param accessHashes the access hashes the page's users carry, by user id (empty where the
     *     users could not be read: the members stand without them)
     */
    public record ParticipantsPage(int count, int entries, List<Listed> members, Map<Long, Long> accessHashes) {
    }

    /**
     * Reads {@code channels.channelParticipants}: every {@code ChannelParticipant} of layer 228.
     * A restricted member ({@code channelParticipantBanned} without {@code left} and without the
     * {@code view_messages} ban) is still in the group; a banned or left peer is not.
     *
     * @param body the result
     * @return the page
     * @throws TlException if the result is no channelParticipants or a participant cannot be read
     */
    public static ParticipantsPage participants(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
        int ctor = r.int32();
        if (ctor == Constructors.CHANNEL_PARTICIPANTS_NOT_MODIFIED) {
            throw new TlException("expected channels.channelParticipants, got channelParticipantsNotModified"
                    + " (asked with hash 0, nothing can be unmodified)");
        }
        if (ctor != Constructors.CHANNEL_PARTICIPANTS) {
            throw new TlException("expected channels.channelParticipants (9ab0feaf), got " + Integer.toHexString(ctor));
        }
        int count = r.int32();
        int n = r.vectorHeader(12);
        List<Listed> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            channelParticipant(r).ifPresent(members::add);
        }
        return new ParticipantsPage(count, n, members, accessHashes(r));
    }

    private static Optional<Listed> channelParticipant(TlReader r) throws TlException {
        int ctor = r.int32();
        switch (ctor) {
            case Constructors.CHANNEL_PARTICIPANT -> {
                int flags = r.int32();
                long user = r.int64();
                r.int32(); // date
                if ((flags & 1) != 0) {
                    r.int32(); // subscription_until_date
                }
                rankIf(r, flags, 4);
                return Optional.of(new Listed(user, MemberRole.MEMBER));
            }
            case Constructors.CHANNEL_PARTICIPANT_SELF -> {
                int flags = r.int32();
                long user = r.int64();
                r.int64(); // inviter_id
                r.int32(); // date
                if ((flags & 2) != 0) {
                    r.int32(); // subscription_until_date
                }
                rankIf(r, flags, 4);
                return Optional.of(new Listed(user, MemberRole.MEMBER));
            }
            case Constructors.CHANNEL_PARTICIPANT_CREATOR -> {
                int flags = r.int32();
                long user = r.int64();
                adminRights(r);
                rankIf(r, flags, 1);
                return Optional.of(new Listed(user, MemberRole.OWNER));
            }
            case Constructors.CHANNEL_PARTICIPANT_ADMIN -> {
                int flags = r.int32();
                long user = r.int64();
                if ((flags & 2) != 0) {
                    r.int64(); // inviter_id
                }
                r.int64(); // promoted_by
                r.int32(); // date
                adminRights(r);
                rankIf(r, flags, 4);
                return Optional.of(new Listed(user, MemberRole.ADMIN));
            }
            case Constructors.CHANNEL_PARTICIPANT_BANNED -> {
                int flags = r.int32();
                OptionalLong user = peerUser(r);
                r.int64(); // kicked_by
                r.int32(); // date
                int banned = bannedRights(r);
                rankIf(r, flags, 4);
                boolean stillIn = (flags & 1) == 0 && (banned & 1) == 0; // not left, may view messages
                return stillIn && user.isPresent() ? Optional.of(new Listed(user.getAsLong(), MemberRole.MEMBER))
                        : Optional.empty();
            }
            case Constructors.CHANNEL_PARTICIPANT_LEFT -> {
                peerUser(r);
                return Optional.empty();
            }
            default -> throw new TlException("expected a ChannelParticipant, got constructor " + Integer.toHexString(ctor));
        }
    }

    /** A {@code chatAdminRights}: its flags. */
    private static int adminRights(TlReader r) throws TlException {
        return rightsFlags(r, Constructors.CHAT_ADMIN_RIGHTS, "chatAdminRights");
    }

    /** A {@code chatBannedRights}: its flags; the until_date after them is skipped. */
    private static int bannedRights(TlReader r) throws TlException {
        int flags = rightsFlags(r, Constructors.CHAT_BANNED_RIGHTS, "chatBannedRights");
        r.int32(); // until_date
        return flags;
    }

    private static int rightsFlags(TlReader r, int ctor, String name) throws TlException {
        int got = r.int32();
        if (got != ctor) {
            throw new TlException("expected " + name + " (" + Integer.toHexString(ctor) + "), got " + Integer.toHexString(got));
        }
        return r.int32();
    }

    private static void rankIf(TlReader r, int flags, int mask) throws TlException {
        if ((flags & mask) != 0) {
            r.string(); // rank
        }
    }

    /** A {@code Peer}: the user's id, or empty for a chat or channel. */
    private static OptionalLong peerUser(TlReader r) throws TlException {
        int ctor = r.int32();
        long id = r.int64();
        if (ctor == Constructors.PEER_USER) {
            return OptionalLong.of(id);
        }
        if (ctor == Constructors.PEER_CHAT || ctor == Constructors.PEER_CHANNEL) {
            return OptionalLong.empty();
        }
        throw new TlException("expected a Peer, got constructor " + Integer.toHexString(ctor));
    }

    /**
     * The access hashes in the trailing {@code chats} and {@code users} vectors: only when no chat
     * precedes the users (a Chat cannot be stepped over without its schema) and every user reads;
     * otherwise none, and the listing stands on ids alone.
     */
    private static Map<Long, Long> accessHashes(TlReader r) {
        Map<Long, Long> hashes = new HashMap<>();
        try {
            if (r.vectorHeader(4) != 0) {
                return Map.of();
            }
            int users = r.vectorHeader(12);
            for (int i = 0; i < users; i++) {
                UserReader.Seen u = UserReader.read(r);
                u.accessHash().ifPresent(h -> hashes.put(u.id(), h));
            }
            return hashes;
        } catch (TlException e) {
            return Map.of();
        }
    }

    /**
     * A basic group's members from {@code messages.chatFull}: the participants lie near the head
     * of {@code chatFull} (after flags, id and about), so nothing after them is read.
     *
     * @param body the result
     * @return the members, or empty for {@code chatParticipantsForbidden} (the account may not
     *     see them: it is not in the group)
     * @throws TlException if the result cannot be read
     */
    public static Optional<List<Listed>> chatParticipants(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
        int ctor = r.int32();
        if (ctor != Constructors.MESSAGES_CHAT_FULL) {
            throw new TlException("expected messages.chatFull (e5d7d19c), got " + Integer.toHexString(ctor));
        }
        int full = r.int32();
        if (full != Constructors.CHAT_FULL) {
            throw new TlException("expected a basic group's chatFull (2633421b), got " + Integer.toHexString(full));
        }
        r.int32(); // flags
        r.int64(); // id
        r.string(); // about
        int participants = r.int32();
        if (participants == Constructors.CHAT_PARTICIPANTS_FORBIDDEN) {
            return Optional.empty();
        }
        if (participants != Constructors.CHAT_PARTICIPANTS) {
            throw new TlException("expected ChatParticipants, got constructor " + Integer.toHexString(participants));
        }
        r.int64(); // chat_id
        int n = r.vectorHeader(16);
        List<Listed> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = r.int32();
            int flags = r.int32();
            long user = r.int64();
            MemberRole role;
            if (p == Constructors.CHAT_PARTICIPANT || p == Constructors.CHAT_PARTICIPANT_ADMIN) {
                r.int64(); // inviter_id
                r.int32(); // date
                role = p == Constructors.CHAT_PARTICIPANT ? MemberRole.MEMBER : MemberRole.ADMIN;
            } else if (p == Constructors.CHAT_PARTICIPANT_CREATOR) {
                role = MemberRole.OWNER;
            } else {
                throw new TlException("expected a ChatParticipant, got constructor " + Integer.toHexString(p));
            }
            rankIf(r, flags, 1);
            members.add(new Listed(user, role));
        }
        r.int32(); // version
        return Optional.of(members);
    }
}
