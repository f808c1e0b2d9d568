package io.groupkit.telegram.internal;

import io.groupkit.core.GroupInfo;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.internal.TlSchema.TlObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account's groups from the dialogs: for the main list, then the archive (folder 1), first
 * the pinned ones ({@code messages.getPinnedDialogs}, all in one answer), then the rest
 * ({@code messages.getDialogs} with {@code exclude_pinned}), paged by the offsets of the last
 * dialog read — pinned dialogs are not in date order, so an offset taken from one would skip
 * newer dialogs. Basic groups and supergroups are
 * kept; private chats, broadcast channels, groups the account left or was removed from, and basic
 * groups upgraded to supergroups are not. The answer is read whole with the layer-228 table,
 * because the chats come after every dialog's last message.
 */
public final class Dialogs {
    /** The most dialogs one call returns. */
    public static final int MAX_PER_CALL = 100;
    private static final Pattern CURSOR = Pattern.compile(
            "d([01]):(?:p(\\d{1,4})|(-?\\d{1,10}):(-?\\d{1,10}):([euch]):(\\d{1,19}):(-?\\d{1,19}))");
    private static final int INPUT_PEER_EMPTY = 0x7f3b18ea;

    private Dialogs() {
    }

    /** The table, read once on first use. */
    private static final class Table {
        static final TlSchema SCHEMA = TlSchema.load("layer228-dialogs.tl");
    }

    /**
     * Where a listing goes on: a folder, and either how many of its pinned dialogs' groups were
     * listed, or the offsets of the last dialog read after them.
     *
     * @param folder 0 for the main list, 1 for the archive
     * @param pinnedDone in the pinned phase, how many pinned groups earlier pages held; -1 after it
     * @param date the last dialog's top message date
     * @param messageId its top message id
     * @param peerKind {@code e} (none: the start after the pinned ones), {@code u} user, {@code c} basic group, {@code h} channel
     * @param peerId the peer's id
     * @param accessHash the peer's access hash (0 for a basic group)
     */
    public record Offset(int folder, int pinnedDone, int date, int messageId, char peerKind, long peerId, long accessHash) {
        /**
         * The start of a folder: its pinned dialogs.
         *
         * @param folder 0 or 1
         * @return the offset
         */
        public static Offset start(int folder) {
            return new Offset(folder, 0, 0, 0, 'e', 0, 0);
        }

        /**
         * The folder's dialogs after its pinned ones, from the newest.
         *
         * @param folder 0 or 1
         * @return the offset
         */
        public static Offset afterPinned(int folder) {
            return new Offset(folder, -1, 0, 0, 'e', 0, 0);
        }

        /**
         * Whether this offset is in the folder's pinned dialogs.
         *
         * @return true in the pinned phase
         */
        public boolean pinned() {
            return pinnedDone >= 0;
        }

        /**
         * Reads a cursor this class wrote.
         *
         * @param cursor the cursor
         * @return the offset
         * @throws IllegalArgumentException if it is not one
         */
        public static Offset parse(String cursor) {
            Matcher m = CURSOR.matcher(cursor);
            if (!m.matches()) {
                throw new IllegalArgumentException("expected a cursor from Groups.next() of the Telegram adapter, got '"
                        + cursor + "'");
            }
            int folder = Integer.parseInt(m.group(1));
            if (m.group(2) != null) {
                return new Offset(folder, Integer.parseInt(m.group(2)), 0, 0, 'e', 0, 0);
            }
            return new Offset(folder, -1, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                    m.group(5).charAt(0), Long.parseLong(m.group(6)), Long.parseLong(m.group(7)));
        }

        /**
         * The cursor of this offset.
         *
         * @return the cursor
         */
        public String cursor() {
            return pinned() ? "d" + folder + ":p" + pinnedDone
                    : "d" + folder + ":" + date + ":" + messageId + ":" + peerKind + ":" + peerId + ":" + accessHash;
        }
    }

    /**
     * {@code messages.getPinnedDialogs} of a folder.
     *
     * @param folder 0 or 1
     * @return the body
     */
    public static byte[] pinnedRequest(int folder) {
        return new TlWriter().int32(Constructors.MESSAGES_GET_PINNED_DIALOGS).int32(folder).toByteArray();
    }

    /**
     * {@code messages.getDialogs} from an offset after the pinned dialogs ({@code exclude_pinned}).
     *
     * @param at where to go on
     * @param limit how many dialogs, at most {@value #MAX_PER_CALL}
     * @return the body
     */
    public static byte[] request(Offset at, int limit) {
        TlWriter w = new TlWriter().int32(Constructors.MESSAGES_GET_DIALOGS).int32(1 | 1 << 1).int32(at.folder())
                .int32(at.date()).int32(at.messageId());
        switch (at.peerKind()) {
            case 'u' -> w.int32(Constructors.INPUT_PEER_USER).int64(at.peerId()).int64(at.accessHash());
            case 'c' -> w.int32(Constructors.INPUT_PEER_CHAT).int64(at.peerId());
            case 'h' -> w.int32(Constructors.INPUT_PEER_CHANNEL).int64(at.peerId()).int64(at.accessHash());
            default -> w.int32(INPUT_PEER_EMPTY);
        }
        return w.int32(Math.min(limit, MAX_PER_CALL)).int64(0).toByteArray();
    }

    /**
     * One call's groups, and where the folder goes on.
     *
     * @param groups the groups among the dialogs, in the dialogs' order
     * @param dialogs how many dialogs the answer held
     * @param next the offset of the folder's next call, or empty at its end
     */
    public record Page(List<GroupInfo> groups, int dialogs, Optional<Offset> next) {
    }

    /**
     * Reads {@code messages.peerDialogs}: a folder's pinned dialogs, all of them.
     *
     * @param body the answer
     * @return the groups among them, in pin order
     * @throws TlException if the answer cannot be read
     */
    public static List<GroupInfo> readPinned(byte[] body) throws TlException {
        return checked(() -> read(Table.SCHEMA.object(new TlReader(body), "messages.PeerDialogs"), Integer.MAX_VALUE, 0))
                .groups();
    }

    /**
     * Reads {@code messages.dialogs} or {@code messages.dialogsSlice}.
     *
     * @param body the answer
     * @param asked the limit the call asked for
     * @param folder the folder asked for
     * @return the page
     * @throws TlException if the answer cannot be read
     */
    public static Page read(byte[] body, int asked, int folder) throws TlException {
        return checked(() -> read(Table.SCHEMA.object(new TlReader(body), "messages.Dialogs"), asked, folder));
    }

    private interface Reading {
        Page read() throws TlException;
    }

    /** A field of an unexpected kind, or an id no group reference takes, is an unreadable answer, never a crash. */
    private static Page checked(Reading reading) throws TlException {
        try {
            return reading.read();
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new TlException("expected dialogs as layer 228 writes them (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Page read(TlObject answer, int asked, int folder) throws TlException {
        if (answer.name().equals("messages.dialogsNotModified")) {
            throw new TlException("expected dialogs, got dialogsNotModified (asked with hash 0, nothing can be unmodified)");
        }
        Map<String, Integer> dates = new HashMap<>();
        for (Object o : answer.list("messages")) {
            TlObject m = (TlObject) o;
            if (m.has("peer_id") && m.has("date")) {
                dates.put(peerKey(m.object("peer_id")) + "#" + m.int32("id"), m.int32("date"));
            }
        }
        Map<String, TlObject> chats = new HashMap<>();
        for (Object o : answer.list("chats")) {
            TlObject c = (TlObject) o;
            chats.put((c.name().startsWith("channel") ? "h" : "c") + c.int64("id"), c);
        }
        Map<Long, Long> userHashes = new HashMap<>();
        for (Object o : answer.list("users")) {
            TlObject u = (TlObject) o;
            if (u.has("access_hash")) {
                userHashes.put(u.int64("id"), u.int64("access_hash"));
            }
        }
        List<Object> dialogs = answer.list("dialogs");
        List<GroupInfo> groups = new ArrayList<>();
        for (Object o : dialogs) {
            if (!((TlObject) o).name().equals("dialog")) {
                continue; // a dialogFolder: the archive's entry in the main list, whose groups the archive lists
            }
            TlObject chat = chats.get(peerKey(((TlObject) o).object("peer")));
            if (chat != null) {
                group(chat).ifPresent(groups::add);
            }
        }
        boolean more = answer.name().equals("messages.dialogsSlice") && dialogs.size() >= asked && !dialogs.isEmpty();
        Optional<Offset> next = Optional.empty();
        if (more) {
            TlObject last = (TlObject) dialogs.get(dialogs.size() - 1);
            String key = peerKey(last.object("peer"));
            int top = last.int32("top_message");
            long id = Long.parseLong(key.substring(1));
            long hash = switch (key.charAt(0)) {
                case 'u' -> userHashes.getOrDefault(id, 0L);
                case 'h' -> chats.containsKey(key) && chats.get(key).has("access_hash") ? chats.get(key).int64("access_hash") : 0L;
                default -> 0L;
            };
            next = Optional.of(new Offset(folder, -1, dates.getOrDefault(key + "#" + top, 0), top, key.charAt(0), id, hash));
        }
        return new Page(groups, dialogs.size(), next);
    }

    private static String peerKey(TlObject peer) throws TlException {
        return switch (peer.name()) {
            case "peerUser" -> "u" + peer.int64("user_id");
            case "peerChat" -> "c" + peer.int64("chat_id");
            case "peerChannel" -> "h" + peer.int64("channel_id");
            default -> throw new TlException("expected a Peer, got " + peer.name());
        };
    }

    /** A group the account is in, or empty for anything else a dialog may be. */
    private static Optional<GroupInfo> group(TlObject chat) {
        int flags = chat.has("flags") ? chat.int32("flags") : 0;
        boolean left = (flags & 1 << 2) != 0;
        switch (chat.name()) {
            case "chat" -> {
                boolean gone = left || (flags & 1 << 5) != 0 || chat.has("migrated_to"); // deactivated, upgraded
                return gone ? Optional.empty() : Optional.of(new GroupInfo(TelegramGroup.basic(chat.int64("id")),
                        (String) chat.get("title"), OptionalInt.of(chat.int32("participants_count")), addRight(chat)));
            }
            case "channel" -> {
                boolean group = (flags & 1 << 8) != 0; // megagroup (gigagroups are too); broadcast channels are not groups
                boolean min = (flags & 1 << 12) != 0;
                if (!group || left || min || !chat.has("access_hash")) {
                    return Optional.empty();
                }
                OptionalInt count = chat.has("participants_count") ? OptionalInt.of(chat.int32("participants_count"))
                        : OptionalInt.empty();
                return Optional.of(new GroupInfo(TelegramGroup.supergroup(chat.int64("id"), chat.int64("access_hash")),
                        (String) chat.get("title"), count, addRight(chat)));
            }
            default -> {
                return Optional.empty(); // chatEmpty, chatForbidden, channelForbidden: not in it any more
            }
        }
    }

    /**
     * The owner, an admin with {@code invite_users}, or any member where the group's default
     * rights do not ban inviting, may add people.
     */
    private static GroupInfo.AddRight addRight(TlObject chat) {
        int flags = chat.int32("flags");
        if ((flags & 1) != 0) {
            return GroupInfo.AddRight.YES; // creator
        }
        if (chat.has("admin_rights") && (chat.object("admin_rights").int32("flags") & 1 << 5) != 0) {
            return GroupInfo.AddRight.YES;
        }
        if (chat.has("banned_rights") && (chat.object("banned_rights").int32("flags") & 1 << 15) != 0) {
            return GroupInfo.AddRight.NO;
        }
        if (chat.has("default_banned_rights")) {
            return (chat.object("default_banned_rights").int32("flags") & 1 << 15) != 0
                    ? GroupInfo.AddRight.NO : GroupInfo.AddRight.YES;
        }
        return GroupInfo.AddRight.UNKNOWN;
    }
}
