package io.groupkit.telegram.internal;

import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.internal.Requests.Peer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The join-request calls' TL bodies and the one answer they read (layer 228): kept apart from
 * {@link Requests} and {@link Replies} so that the join-request work stands on its own.
 */
final class JoinRequestsTl {
    /** getChatInviteImporters: only pending requests. */
    private static final int REQUESTED = 1;
    /** hideChatJoinRequest, hideAllChatJoinRequests: approve rather than dismiss. */
    private static final int APPROVED = 1;
    /** hideAllChatJoinRequests: only the requests made through this link. */
    private static final int LINK = 2;
    /** chatInviteImporter's about. */
    private static final int ABOUT = 4;
    /** chatInviteImporter's approved_by. */
    private static final int APPROVED_BY = 2;

    private JoinRequestsTl() {
    }

    /**
     * {@code messages.getChatInviteImporters} with {@code requested}: one page of pending
     * requests, newest first; the first page starts at date 0 and {@code inputUserEmpty}.
     *
     * @param group the group
     * @param offsetDate the last listed request's date, or 0 for the first page
     * @param offsetUser the last listed requester, or null for the first page
     * @param limit the most requests on the page
     * @return the body
     */
    static byte[] getRequests(TelegramGroup group, int offsetDate, @Nullable Peer offsetUser, int limit) {
        TlWriter w = inputPeer(new TlWriter().int32(Constructors.MESSAGES_GET_CHAT_INVITE_IMPORTERS).int32(REQUESTED), group)
                .int32(offsetDate);
        if (offsetUser == null) {
            w.int32(Constructors.INPUT_USER_EMPTY);
        } else {
            w.int32(Constructors.INPUT_USER).int64(offsetUser.id()).int64(offsetUser.accessHash());
        }
        return w.int32(limit).toByteArray();
    }

    /**
     * {@code messages.hideChatJoinRequest}: approves or dismisses one person's request.
     *
     * @param group the group
     * @param user the requester
     * @param approve true to let them in
     * @return the body
     */
    static byte[] hideRequest(TelegramGroup group, Peer user, boolean approve) {
        return inputPeer(new TlWriter().int32(Constructors.MESSAGES_HIDE_CHAT_JOIN_REQUEST).int32(approve ? APPROVED : 0), group)
                .int32(Constructors.INPUT_USER).int64(user.id()).int64(user.accessHash()).toByteArray();
    }

    /**
     * {@code messages.hideAllChatJoinRequests}: approves or dismisses every pending request, or
     * those made through one link.
     *
     * @param group the group
     * @param approve true to let them all in
     * @param link only the requests made through this link, or null for all
     * @return the body
     */
    static byte[] hideAll(TelegramGroup group, boolean approve, @Nullable String link) {
        TlWriter w = inputPeer(new TlWriter().int32(Constructors.MESSAGES_HIDE_ALL_CHAT_JOIN_REQUESTS)
                .int32((approve ? APPROVED : 0) | (link != null ? LINK : 0)), group);
        if (link != null) {
            w.string(link);
        }
        return w.toByteArray();
    }

    private static TlWriter inputPeer(TlWriter w, TelegramGroup group) {
        if (group instanceof TelegramGroup.Supergroup s) {
            return w.int32(Constructors.INPUT_PEER_CHANNEL).int64(s.channelId()).int64(s.accessHash());
        }
        return w.int32(Constructors.INPUT_PEER_CHAT).int64(((TelegramGroup.BasicGroup) group).chatId());
    }

    /**
     * One pending request as Telegram lists it.
     *
     * @param userId the requester
     * @param date when they asked, unix seconds
     * @param about their text, if any
     */
    record Importer(long userId, int date, Optional<String> about) {
    }

    /**
     * A page of {@code messages.chatInviteImporters}.
     *
     * @param count how many requests Telegram says are pending in all
     * @param importers this page's requests, in Telegram's order
     * @param accessHashes the requesters' access hashes, by user id
     * @param usernames the requesters' usernames, by user id, where they have one
     */
    record Page(int count, List<Importer> importers, Map<Long, Long> accessHashes, Map<Long, String> usernames) {
    }

    /**
     * Reads {@code messages.chatInviteImporters}.
     *
     * @param body the result
     * @return the page
     * @throws TlException if it is not one, or an importer or user cannot be read
     */
    static Page read(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
        int ctor = r.int32();
        if (ctor != Constructors.CHAT_INVITE_IMPORTERS) {
            throw new TlException("expected messages.chatInviteImporters (81b6b00a), got " + Integer.toHexString(ctor));
        }
        int count = r.int32();
        int n = r.vectorHeader(16);
        List<Importer> importers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = r.int32();
            if (c != Constructors.CHAT_INVITE_IMPORTER) {
                throw new TlException("expected chatInviteImporter (8c5adfd9), got " + Integer.toHexString(c));
            }
            int flags = r.int32();
            long user = r.int64();
            int date = r.int32();
            Optional<String> about = (flags & ABOUT) != 0 ? Optional.of(r.string()) : Optional.empty();
            if ((flags & APPROVED_BY) != 0) {
                r.int64();
            }
            importers.add(new Importer(user, date, about.filter(a -> !a.isBlank())));
        }
        Map<Long, Long> hashes = new HashMap<>();
        Map<Long, String> usernames = new HashMap<>();
        int users = r.vectorHeader(12);
        for (int i = 0; i < users; i++) {
            UserReader.Seen u = UserReader.read(r);
            u.accessHash().ifPresent(h -> hashes.put(u.id(), h));
            u.username().ifPresent(name -> usernames.put(u.id(), name));
        }
        return new Page(count, importers, hashes, usernames);
    }
}
