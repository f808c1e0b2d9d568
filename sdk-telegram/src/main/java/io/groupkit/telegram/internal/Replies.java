package io.groupkit.telegram.internal;

import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

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
     */
    public record ExportedLink(String url, Optional<Instant> expiresAt, OptionalInt usageLimit) {
    }

    /**
     * Reads {@code chatInviteExported}.
     *
     * @param body the result
     * @return the link, or empty for {@code chatInvitePublicJoinRequests}
     * @throws TlException if the result cannot be read
     */
    public static Optional<ExportedLink> exportedLink(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
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
        if (!link.startsWith("https://") && !link.startsWith("http://") && !link.startsWith("t.me/")) {
            throw new TlException("expected an invite link, got text of " + link.length() + " characters");
        }
        return Optional.of(new ExportedLink(link, expires, limit));
    }
}
