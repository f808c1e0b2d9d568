package io.groupkit.testkit.telegram;

import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.testkit.telegram.TelegramSimulator.Group;
import io.groupkit.testkit.telegram.TelegramSimulator.Person;
import io.groupkit.testkit.telegram.TelegramSimulator.Privacy;
import io.groupkit.testkit.telegram.TelegramSimulator.RpcRefusal;
import org.jspecify.annotations.Nullable;

/** The membership methods the fake server knows, answered from the simulator's state. */
final class Methods {
    /** {@code user#31774388}: layer 224's constructor; readers use only the flags, id and access hash. */
    /** The layer the connection asked for (invokeWithLayer): constructors are written as that layer has them. */
    private int layer = 228;
    /** {@code channels.channelParticipant#dfb80317 participant chats users}. */
    private static final int CHANNEL_PARTICIPANT_RESULT = 0xdfb80317;
    /** {@code channelParticipant#cb397619 flags:# user_id:long date:int}. */
    /**
     * user# by layer, as tdlib's telegram_api.tl had it at each layer (its git history): the
     * fields the simulator writes (flags, flags2, id, access_hash, username, phone) lie the same way
     * in all of them.
     */
    private static final java.util.NavigableMap<Integer, Integer> USER = new java.util.TreeMap<>(java.util.Map.of(
            185, 0x83314fca, 196, 0x4b46c37e, 200, 0x020b1422, 217, 0x31774388, 228, 0xb1b8cc83));
    /** channelParticipant# by layer: 223 added {@code rank}, which the simulator never sets. */
    private static final java.util.NavigableMap<Integer, Integer> CHANNEL_PARTICIPANT = new java.util.TreeMap<>(
            java.util.Map.of(186, 0xcb397619, 223, 0x1bd54456));

    // Layer 228's dialogs, written by hand from the schema (the client reads them with a table).
    private static final int MESSAGES_DIALOGS = 0x15ba6c40;
    private static final int MESSAGES_DIALOGS_SLICE = 0x71e094f3;
    private static final int MESSAGES_PEER_DIALOGS = 0x3371c354;
    private static final int UPDATES_STATE = 0xa56c2a3e;
    private static final int DIALOG = 0xfc89f7f3;
    private static final int DIALOG_FOLDER = 0x71bd134c;
    private static final int FOLDER = 0xff544e65;
    private static final int MESSAGE = 0x7600b9d3;
    private static final int MESSAGE_SERVICE = 0x7a800e0a;
    private static final int MESSAGE_ACTION_CHAT_CREATE = 0xbd47cbad;
    private static final int MESSAGE_ENTITY_BOLD = 0xbd610bc9;
    private static final int CHAT = 0x41cbf256;
    private static final int CHANNEL = 0xd49f34c6;
    private static final int CHAT_PHOTO_EMPTY = 0x37c1011c;

    /** channelParticipantSelf# by layer: 223 added {@code rank}. */
    private static final java.util.NavigableMap<Integer, Integer> CHANNEL_PARTICIPANT_SELF = new java.util.TreeMap<>(
            java.util.Map.of(186, 0x4f607bef, 223, Constructors.CHANNEL_PARTICIPANT_SELF));
    /** channelParticipantBanned# by layer: 223 added {@code rank}. */
    private static final java.util.NavigableMap<Integer, Integer> CHANNEL_PARTICIPANT_BANNED = new java.util.TreeMap<>(
            java.util.Map.of(185, 0x6df8014e, 223, Constructors.CHANNEL_PARTICIPANT_BANNED));
    /** chatParticipant# by layer: 223 added flags (for {@code rank}) to all three kinds. */
    private static final java.util.NavigableMap<Integer, Integer> CHAT_PARTICIPANT = new java.util.TreeMap<>(
            java.util.Map.of(185, 0xc02d4007, 223, Constructors.CHAT_PARTICIPANT));
    private static final java.util.NavigableMap<Integer, Integer> CHAT_PARTICIPANT_ADMIN = new java.util.TreeMap<>(
            java.util.Map.of(185, 0xa0933f5b, 223, Constructors.CHAT_PARTICIPANT_ADMIN));
    private static final java.util.NavigableMap<Integer, Integer> CHAT_PARTICIPANT_CREATOR = new java.util.TreeMap<>(
            java.util.Map.of(185, 0xe46bcee4, 223, Constructors.CHAT_PARTICIPANT_CREATOR));
    /** The layer from which participants carry flags for {@code rank}. */
    private static final int RANKS = 223;

    void layer(int asked) {
        this.layer = asked;
    }

    private static int byLayer(java.util.NavigableMap<Integer, Integer> table, int layer) {
        java.util.Map.Entry<Integer, Integer> e = table.floorEntry(layer);
        return e != null ? e.getValue() : table.firstEntry().getValue();
    }

    private record Target(long id, Person person) {
    }

    /** A call the server refuses, with the error to answer. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final transient byte[] error;

        Refused(int code, String message) {
            super(message, null, false, false);
            this.error = ServerConnection.error(code, message);
        }
    }

    private final TelegramSimulator sim;

    Methods(TelegramSimulator sim) {
        this.sim = sim;
    }

    byte[] call(byte[] query) {
        synchronized (sim) {
            try {
                return dispatch(new TlReader(query));
            } catch (Refused r) {
                return r.error;
            } catch (TlException e) {
                return ServerConnection.error(400, "INPUT_FETCH_FAIL");
            }
        }
    }

    /** Lists a call of {@code method}, and refuses it if the test asked for that. */
    private void enter(String method) throws Refused {
        sim.record(method);
        RpcRefusal refusal = sim.refusalOf(method);
        if (refusal != null) {
            throw new Refused(refusal.code(), refusal.message());
        }
    }

    private byte[] dispatch(TlReader r) throws TlException, Refused {
        int ctor = r.int32();
        switch (ctor) {
            case Constructors.CONTACTS_RESOLVE_USERNAME -> {
                enter("contacts.resolveUsername");
                int flags = r.int32();
                String username = r.string();
                if ((flags & 1) != 0) {
                    r.string();
                }
                if (!username.matches("[A-Za-z0-9_]{4,32}")) {
                    throw new Refused(400, "USERNAME_INVALID");
                }
                return resolved(sim.byUsername(username), "USERNAME_NOT_OCCUPIED");
            }
            case Constructors.CONTACTS_RESOLVE_PHONE -> {
                enter("contacts.resolvePhone");
                return resolved(sim.byPhone(r.string()), "PHONE_NOT_OCCUPIED");
            }
            case Constructors.MESSAGES_ADD_CHAT_USER -> {
                enter("messages.addChatUser");
                Group g = basicGroup(r.int64());
                Target t = inputUser(r);
                r.int32();
                return add(g, t);
            }
            case Constructors.CHANNELS_INVITE_TO_CHANNEL -> {
                enter("channels.inviteToChannel");
                Group g = channel(r);
                int count = r.vectorHeader(4);
                if (count != 1) {
                    throw new Refused(400, "USERS_TOO_FEW");
                }
                return add(g, inputUser(r));
            }
            case Constructors.MESSAGES_DELETE_CHAT_USER -> {
                enter("messages.deleteChatUser");
                r.int32();
                Group g = basicGroup(r.int64());
                Target t = inputUser(r);
                if (t.id() != TelegramSimulator.SELF) {
                    admin(g); // leaving needs no rights
                }
                if (!g.members.remove(t.id())) {
                    throw new Refused(400, "USER_NOT_PARTICIPANT");
                }
                sim.changed(g, t.id() == TelegramSimulator.SELF ? MembershipChange.Kind.LEFT : MembershipChange.Kind.REMOVED,
                        t.id(), TelegramSimulator.SELF, null);
                return emptyUpdates();
            }
            case Constructors.CHANNELS_GET_PARTICIPANT -> {
                enter("channels.getParticipant");
                Group g = channel(r);
                Target t = inputPeerUser(r);
                if (!g.members.contains(t.id())) {
                    throw new Refused(400, "USER_NOT_PARTICIPANT");
                }
                return new TlWriter().int32(CHANNEL_PARTICIPANT_RESULT)
                        .int32(byLayer(CHANNEL_PARTICIPANT, layer)).int32(0).int64(t.id()).int32(1_700_000_000)
                        .int32(TlWriter.VECTOR).int32(0).int32(TlWriter.VECTOR).int32(0).toByteArray();
            }
            case Constructors.CHANNELS_GET_PARTICIPANTS -> {
                enter("channels.getParticipants");
                Group g = channel(r);
                if (r.int32() != Constructors.CHANNEL_PARTICIPANTS_RECENT) {
                    throw new Refused(400, "INPUT_CONSTRUCTOR_INVALID");
                }
                int offset = r.int32();
                int limit = r.int32();
                r.int64(); // hash
                if (!g.members.contains(TelegramSimulator.SELF)) {
                    throw new Refused(400, "CHANNEL_PRIVATE");
                }
                return participants(g, Math.max(0, offset), Math.max(0, Math.min(limit, 200)));
            }
            case Constructors.MESSAGES_GET_DIALOGS -> {
                enter("messages.getDialogs");
                if (layer != 228) {
                    // Dialogs hold messages, whose layout changes with nearly every layer: only 228's is written.
                    throw new Refused(400, "SIMULATOR_WRITES_DIALOGS_OF_LAYER_228_ONLY");
                }
                int flags = r.int32();
                int folder = (flags & 2) != 0 ? r.int32() : 0;
                int offsetDate = r.int32();
                int offsetId = r.int32();
                int peer = r.int32();
                long peerId = peer == Constructors.INPUT_PEER_CHAT ? r.int64() : 0;
                if (peer == Constructors.INPUT_PEER_USER || peer == Constructors.INPUT_PEER_CHANNEL) {
                    peerId = r.int64();
                    r.int64();
                }
                int limit = r.int32();
                r.int64(); // hash
                return dialogs(folder, (flags & 1) != 0, offsetDate, offsetId, peerId, Math.max(0, Math.min(limit, 100)));
            }
            case Constructors.MESSAGES_GET_PINNED_DIALOGS -> {
                enter("messages.getPinnedDialogs");
                if (layer != 228) {
                    throw new Refused(400, "SIMULATOR_WRITES_DIALOGS_OF_LAYER_228_ONLY");
                }
                int folder = r.int32();
                java.util.List<Dialog> pinned = new java.util.ArrayList<>(pinned(folder(folder)));
                java.util.List<Dialog> archive = folder == 0 ? folder(1) : java.util.List.of();
                if (!archive.isEmpty()) {
                    // The archive's own entry, pinned at the top of the main list: a dialogFolder whose
                    // peer and message are the archive's newest dialog's.
                    Dialog top = archive.get(0);
                    pinned.add(0, top.asArchiveEntry());
                }
                TlWriter w = new TlWriter().int32(MESSAGES_PEER_DIALOGS);
                writeDialogs(w, pinned, folder);
                return w.int32(UPDATES_STATE).int32(1).int32(0).int32(DIALOGS_NOW).int32(1).int32(0).toByteArray();
            }
            case Constructors.MESSAGES_GET_FULL_CHAT -> {
                enter("messages.getFullChat");
                return fullChat(basicGroup(r.int64()));
            }
            case Constructors.CHANNELS_EDIT_BANNED -> {
                enter("channels.editBanned");
                Group g = channel(r);
                Target t = inputPeerUser(r);
                if (r.int32() != Constructors.CHAT_BANNED_RIGHTS) {
                    throw new Refused(400, "BANNED_RIGHTS_INVALID");
                }
                int rights = r.int32();
                r.int32();
                admin(g);
                if ((rights & 1) != 0) {
                    if (g.members.remove(t.id())) {
                        sim.changed(g, MembershipChange.Kind.REMOVED, t.id(), TelegramSimulator.SELF, null);
                    }
                    g.kicked.add(t.id());
                } else {
                    g.kicked.remove(t.id());
                }
                return emptyUpdates();
            }
            case Constructors.CHANNELS_LEAVE_CHANNEL -> {
                enter("channels.leaveChannel");
                Group g = channel(r);
                if (!g.members.remove(TelegramSimulator.SELF)) {
                    throw new Refused(400, "USER_NOT_PARTICIPANT");
                }
                sim.changed(g, MembershipChange.Kind.LEFT, TelegramSimulator.SELF, TelegramSimulator.SELF, null);
                return emptyUpdates();
            }
            case Constructors.CHANNELS_GET_ADMIN_LOG -> {
                enter("channels.getAdminLog");
                return adminLog(r);
            }
            case Constructors.MESSAGES_GET_CHAT_INVITE_IMPORTERS -> {
                enter("messages.getChatInviteImporters");
                return joinRequests(r);
            }
            case Constructors.MESSAGES_HIDE_CHAT_JOIN_REQUEST -> {
                enter("messages.hideChatJoinRequest");
                boolean approved = (r.int32() & 1) != 0;
                Group g = inputPeerGroup(r);
                Target t = inputUser(r);
                admin(g);
                decide(g, t.id(), approved);
                return emptyUpdates();
            }
            case Constructors.MESSAGES_HIDE_ALL_CHAT_JOIN_REQUESTS -> {
                enter("messages.hideAllChatJoinRequests");
                int flags = r.int32();
                Group g = inputPeerGroup(r);
                String link = (flags & 2) != 0 ? r.string() : null;
                admin(g);
                decideAll(g, link, (flags & 1) != 0);
                return emptyUpdates();
            }
            case Constructors.USERS_GET_USERS -> {
                enter("users.getUsers");
                int count = r.vectorHeader(4);
                TlWriter w = new TlWriter().int32(TlWriter.VECTOR).int32(count);
                for (int i = 0; i < count; i++) {
                    w.raw(user(inputUser(r).person()));
                }
                return w.toByteArray();
            }
            case Constructors.AUTH_EXPORT_AUTHORIZATION -> {
                enter("auth.exportAuthorization");
                long[] id = new long[1];
                byte[] bytes = sim.exportAuthorization(r.int32(), id);
                if (bytes == null) {
                    throw new Refused(400, "DC_ID_INVALID");
                }
                return new TlWriter().int32(Constructors.EXPORTED_AUTHORIZATION).int64(id[0]).bytes(bytes).toByteArray();
            }
            case Constructors.MESSAGES_EXPORT_CHAT_INVITE -> {
                enter("messages.exportChatInvite");
                return export(r);
            }
            case Constructors.MESSAGES_GET_EXPORTED_CHAT_INVITE -> {
                enter("messages.getExportedChatInvite");
                return exportedChatInvite(r);
            }
            case Constructors.MESSAGES_EDIT_EXPORTED_CHAT_INVITE -> {
                enter("messages.editExportedChatInvite");
                return editExportedChatInvite(r);
            }
            case UpdatesDesk.GET_STATE -> {
                enter("updates.getState");
                return sim.updatesDesk().state();
            }
            case UpdatesDesk.GET_DIFFERENCE -> {
                enter("updates.getDifference");
                return sim.updatesDesk().difference(r);
            }
            default -> {
                sim.record("unknown#" + Integer.toHexString(ctor));
                throw new Refused(400, "INPUT_METHOD_INVALID_" + Integer.toUnsignedString(ctor));
            }
        }
    }

    private byte[] resolved(@Nullable Person p, String notFound) throws Refused {
        if (p == null) {
            throw new Refused(400, notFound);
        }
        return new TlWriter().int32(Constructors.RESOLVED_PEER).int32(Constructors.PEER_USER).int64(p.id())
                .int32(TlWriter.VECTOR).int32(0)
                .int32(TlWriter.VECTOR).int32(1).raw(user(p)).toByteArray();
    }

    /** A user object as layer 224+ writes it: flags, flags2, id, access_hash, then optional strings. */
    /** The account's own user, for {@code auth.authorization}. */
    static byte[] self(TelegramSimulator sim, int layer) {
        return user(sim.self(), layer);
    }

    private byte[] user(Person p) {
        return user(p, layer);
    }

    static byte[] user(Person p, int layer) {
        int flags = 1 | 2 | (p.username() != null ? 8 : 0) | (p.phone() != null ? 16 : 0);
        TlWriter w = new TlWriter().int32(byLayer(USER, layer)).int32(flags).int32(0).int64(p.id()).int64(p.accessHash())
                .string("Person " + p.id());
        if (p.username() != null) {
            w.string(p.username());
        }
        if (p.phone() != null) {
            w.string(p.phone());
        }
        return w.toByteArray();
    }

    private byte[] add(Group g, Target t) throws Refused {
        long id = t.id();
        if (sim.isDeactivated(id)) {
            throw new Refused(400, "INPUT_USER_DEACTIVATED");
        }
        admin(g);
        RpcRefusal refusal = sim.refusalOf(id);
        if (refusal != null) {
            throw new Refused(refusal.code(), refusal.message());
        }
        if (g.members.contains(id)) {
            throw new Refused(400, "USER_ALREADY_PARTICIPANT");
        }
        if (g.kicked.contains(id)) {
            throw new Refused(400, "USER_KICKED");
        }
        if (g.members.size() >= g.capacity) {
            throw new Refused(400, "USERS_TOO_MUCH");
        }
        Privacy privacy = sim.privacyOf(id);
        if (privacy == Privacy.MUTUAL_CONTACTS_ONLY) {
            throw new Refused(400, "USER_NOT_MUTUAL_CONTACT");
        }
        TlWriter w = new TlWriter().int32(Constructors.INVITED_USERS);
        int missingFlags = switch (privacy) {
            case RESTRICTED -> 0;
            case PREMIUM_WOULD_ALLOW_INVITE -> 1;
            case PREMIUM_REQUIRED_FOR_PM -> 2;
            default -> -1;
        };
        if (missingFlags < 0) {
            g.members.add(id);
            sim.changed(g, MembershipChange.Kind.ADDED, id, TelegramSimulator.SELF, null);
            // Real answers carry the new member in the updates' users: readers must not trip on it.
            w.int32(Constructors.UPDATES).int32(TlWriter.VECTOR).int32(0)
                    .int32(TlWriter.VECTOR).int32(1).raw(user(t.person()))
                    .int32(TlWriter.VECTOR).int32(0).int32(1_700_000_000).int32(0)
                    .int32(TlWriter.VECTOR).int32(0);
        } else {
            w.raw(emptyUpdates()).int32(TlWriter.VECTOR).int32(1)
                    .int32(Constructors.MISSING_INVITEE).int32(missingFlags).int64(id);
        }
        return w.toByteArray();
    }

    /**
     * A page of {@code channels.channelParticipants} in join order: the creator, admins,
     * restricted members (as {@code channelParticipantBanned} without {@code left}), the account
     * itself when it is neither, and plain members; the page's users after an empty chats vector.
     */
    private byte[] participants(Group g, int offset, int limit) {
        java.util.List<Long> page = g.members.stream().skip(offset).limit(limit).toList();
        TlWriter w = new TlWriter().int32(Constructors.CHANNEL_PARTICIPANTS).int32(g.members.size())
                .int32(TlWriter.VECTOR).int32(page.size());
        for (long id : page) {
            if (id == g.creator) {
                w.int32(Constructors.CHANNEL_PARTICIPANT_CREATOR).int32(0).int64(id)
                        .int32(Constructors.CHAT_ADMIN_RIGHTS).int32(0x3ff);
            } else if (g.admins.contains(id)) {
                w.int32(Constructors.CHANNEL_PARTICIPANT_ADMIN).int32(0).int64(id).int64(g.creator).int32(1_700_000_000)
                        .int32(Constructors.CHAT_ADMIN_RIGHTS).int32(1 << 5);
            } else if (g.restricted.contains(id)) {
                w.int32(byLayer(CHANNEL_PARTICIPANT_BANNED, layer)).int32(0).int32(Constructors.PEER_USER).int64(id)
                        .int64(g.creator).int32(1_700_000_000).int32(Constructors.CHAT_BANNED_RIGHTS).int32(1 << 1).int32(0);
            } else if (id == TelegramSimulator.SELF) {
                w.int32(byLayer(CHANNEL_PARTICIPANT_SELF, layer)).int32(0).int64(id).int64(g.creator).int32(1_700_000_000);
            } else {
                w.int32(byLayer(CHANNEL_PARTICIPANT, layer)).int32(0).int64(id).int32(1_700_000_000);
            }
        }
        return users(w.int32(TlWriter.VECTOR).int32(0), page).toByteArray();
    }

    /**
     * {@code messages.chatFull} of a basic group: {@code chatFull} with its participants (or
     * {@code chatParticipantsForbidden} once the account left), an empty notify settings and no
     * optional field; no chats, and the members' users.
     */
    private byte[] fullChat(Group g) {
        TlWriter w = new TlWriter().int32(Constructors.MESSAGES_CHAT_FULL).int32(Constructors.CHAT_FULL).int32(0)
                .int64(g.id).string("");
        java.util.List<Long> listed = java.util.List.of();
        if (!g.members.contains(TelegramSimulator.SELF)) {
            w.int32(Constructors.CHAT_PARTICIPANTS_FORBIDDEN).int32(0).int64(g.id);
        } else {
            listed = java.util.List.copyOf(g.members);
            w.int32(Constructors.CHAT_PARTICIPANTS).int64(g.id).int32(TlWriter.VECTOR).int32(listed.size());
            boolean ranks = layer >= RANKS;
            for (long id : listed) {
                if (id == g.creator) {
                    w.int32(byLayer(CHAT_PARTICIPANT_CREATOR, layer));
                    flagsIf(w, ranks).int64(id);
                } else {
                    w.int32(byLayer(g.admins.contains(id) ? CHAT_PARTICIPANT_ADMIN : CHAT_PARTICIPANT, layer));
                    flagsIf(w, ranks).int64(id).int64(g.creator).int32(1_700_000_000);
                }
            }
            w.int32(1); // version
        }
        w.int32(Constructors.PEER_NOTIFY_SETTINGS).int32(0).int32(TlWriter.VECTOR).int32(0);
        return users(w, listed).toByteArray();
    }

    /** One dialog: a group the account is in, or a private chat; its top message's id and date. */
    private record Dialog(@Nullable Group group, @Nullable Person person, int topId, int date, Entry entry) {
        /** A dialog of its own, or the archive's entry in the main list (shown as its newest dialog). */
        enum Entry { DIALOG, ARCHIVE }

        Dialog {
            if ((group == null) == (person == null)) {
                throw new IllegalArgumentException("a dialog is either a group's or a private chat's");
            }
        }

        Dialog(@Nullable Group group, @Nullable Person person, int topId, int date) {
            this(group, person, topId, date, Entry.DIALOG);
        }

        Dialog asArchiveEntry() {
            return new Dialog(group, person, topId, date, Entry.ARCHIVE);
        }

        boolean archiveEntry() {
            return entry == Entry.ARCHIVE;
        }

        /** The group of a dialog known to be a group's. */
        Group groupOne() {
            return java.util.Objects.requireNonNull(group, "a private chat's dialog");
        }

        /** The person of a dialog known to be a private chat's. */
        Person personOne() {
            return java.util.Objects.requireNonNull(person, "a group's dialog");
        }

        long peerId() {
            return group != null ? group.id : personOne().id();
        }
    }

    private static final int DIALOGS_NOW = 1_700_000_000;

    /**
     * {@code messages.dialogsSlice} (or {@code messages.dialogs} when one answer holds the whole
     * folder): pinned dialogs first unless excluded, then newest first; each with a top message (a
     * service message creating a basic group, else a text with a bold word), the chats and the
     * users they name. Offsets as Telegram takes them: a position in the date order of the unpinned
     * dialogs (older than the offset's date, then id, then peer), so an offset taken from a pinned
     * dialog skips every newer one.
     */
    private byte[] dialogs(int folder, boolean excludePinned, int offsetDate, int offsetId, long offsetPeer, int limit) {
        java.util.List<Dialog> all = new java.util.ArrayList<>(folder(folder));
        java.util.List<Dialog> pinned = pinned(all);
        all.removeAll(pinned);
        boolean offset = offsetDate != 0 || offsetId != 0;
        if (!excludePinned && !offset) {
            all.addAll(0, pinned); // the first page: pinned dialogs first, out of date order
        }
        int from = 0;
        if (offset) {
            // A position in the date order of the unpinned dialogs: what is older than the offset's message.
            from = all.size();
            for (int i = 0; i < all.size(); i++) {
                Dialog d = all.get(i);
                if (d.date() < offsetDate || d.date() == offsetDate && (d.topId() < offsetId
                        || d.topId() == offsetId && d.peerId() < offsetPeer)) {
                    from = i;
                    break;
                }
            }
        }
        java.util.List<Dialog> page = all.subList(Math.min(from, all.size()), Math.min(all.size(), from + limit));
        boolean whole = from == 0 && page.size() == all.size();
        TlWriter w = new TlWriter();
        if (whole) {
            w.int32(MESSAGES_DIALOGS);
        } else {
            w.int32(MESSAGES_DIALOGS_SLICE).int32(all.size());
        }
        writeDialogs(w, page, folder);
        return w.toByteArray();
    }

    private static java.util.List<Dialog> pinned(java.util.List<Dialog> dialogs) {
        return dialogs.stream().filter(d -> d.group() != null && d.group().pinned)
                .sorted(java.util.Comparator.comparingInt(d -> d.groupOne().pinOrder)).toList();
    }

    /** A folder's dialogs, newest first: groups the account is in (newer ones first), then private chats. */
    private java.util.List<Dialog> folder(int folder) {
        java.util.List<Dialog> all = new java.util.ArrayList<>();
        java.util.List<Group> groups = sim.groupsInOrder();
        for (int i = groups.size() - 1; i >= 0; i--) {
            Group g = groups.get(i);
            if (g.folder == folder && g.members.contains(TelegramSimulator.SELF)) {
                all.add(new Dialog(g, null, 10_000 + g.order, DIALOGS_NOW - (groups.size() - i) * 60));
            }
        }
        if (folder == 0) {
            java.util.List<Long> chats = sim.privateChats();
            for (int i = 0; i < chats.size(); i++) {
                Person p = sim.person(chats.get(i));
                if (p != null) {
                    all.add(new Dialog(null, p, 20_000 + i, DIALOGS_NOW - 86_400 - i * 60));
                }
            }
        }
        return all;
    }

    /** The four vectors both answers share: dialogs, their top messages, their chats, their users. */
    private void writeDialogs(TlWriter w, java.util.List<Dialog> page, int folder) {
        w.int32(TlWriter.VECTOR).int32(page.size());
        for (Dialog d : page) {
            if (d.archiveEntry()) {
                w.int32(DIALOG_FOLDER).int32(1 << 2).int32(FOLDER).int32(0).int32(1).string("Archived Chats");
                peer(w, d).int32(d.topId()).int32(0).int32(0).int32(0).int32(0);
                continue;
            }
            Group group = d.group();
            boolean pinned = group != null && group.pinned;
            w.int32(DIALOG).int32((folder == 1 ? 1 << 4 : 0) | (pinned ? 1 << 2 : 0));
            peer(w, d).int32(d.topId()).int32(d.topId()).int32(d.topId()).int32(0).int32(0).int32(0).int32(0)
                    .int32(Constructors.PEER_NOTIFY_SETTINGS).int32(0);
            if (folder == 1) {
                w.int32(1);
            }
        }
        w.int32(TlWriter.VECTOR).int32(page.size());
        for (Dialog d : page) {
            Group group = d.group();
            if (group != null && !group.channel) {
                w.int32(MESSAGE_SERVICE).int32(1 << 8).int32(d.topId());
                w.int32(Constructors.PEER_USER).int64(TelegramSimulator.SELF);
                peer(w, d).int32(d.date()).int32(MESSAGE_ACTION_CHAT_CREATE).string(group.title)
                        .int32(TlWriter.VECTOR).int32(1).int64(TelegramSimulator.SELF);
            } else {
                w.int32(MESSAGE).int32(1 << 8 | 1 << 7).int32(0).int32(d.topId());
                w.int32(Constructors.PEER_USER).int64(TelegramSimulator.SELF);
                peer(w, d).int32(d.date()).string("hello, **world**")
                        .int32(TlWriter.VECTOR).int32(1).int32(MESSAGE_ENTITY_BOLD).int32(7).int32(9);
            }
        }
        java.util.List<Dialog> withGroups = page.stream().filter(d -> d.group() != null).toList();
        w.int32(TlWriter.VECTOR).int32(withGroups.size());
        for (Dialog d : withGroups) {
            chat(w, d.groupOne());
        }
        java.util.List<Dialog> withPeople = page.stream().filter(d -> d.person() != null).toList();
        w.int32(TlWriter.VECTOR).int32(withPeople.size());
        withPeople.forEach(d -> w.raw(user(d.personOne())));
    }

    private static TlWriter peer(TlWriter w, Dialog d) {
        Person person = d.person();
        if (person != null) {
            return w.int32(Constructors.PEER_USER).int64(person.id());
        }
        Group group = d.groupOne();
        return w.int32(group.channel ? Constructors.PEER_CHANNEL : Constructors.PEER_CHAT).int64(group.id);
    }

    /**
     * A group as layer 228's {@code chat#41cbf256} or {@code channel#d49f34c6}: the account is its
     * creator while it is admin; otherwise the group's default rights ban inviting.
     */
    static void chat(TlWriter w, Group g) {
        boolean creator = g.creator == TelegramSimulator.SELF;
        if (!g.channel) {
            int flags = (creator ? 1 : 0) | (creator ? 0 : 1 << 18);
            w.int32(CHAT).int32(flags).int64(g.id).string(g.title).int32(CHAT_PHOTO_EMPTY).int32(g.members.size())
                    .int32(DIALOGS_NOW - 86_400 * 30).int32(1);
            if (!creator) {
                w.int32(Constructors.CHAT_BANNED_RIGHTS).int32(1 << 15).int32(0);
            }
            return;
        }
        int flags = (creator ? 1 : 0) | (g.broadcast ? 1 << 5 : 1 << 8) | 1 << 13 | 1 << 17 | (creator ? 0 : 1 << 18);
        w.int32(CHANNEL).int32(flags).int32(0).int64(g.id).int64(g.accessHash).string(g.title).int32(CHAT_PHOTO_EMPTY)
                .int32(DIALOGS_NOW - 86_400 * 30);
        if (!creator) {
            w.int32(Constructors.CHAT_BANNED_RIGHTS).int32(1 << 15).int32(0);
        }
        w.int32(g.members.size());
    }

    private static TlWriter flagsIf(TlWriter w, boolean ranks) {
        return ranks ? w.int32(0) : w;
    }

    private TlWriter users(TlWriter w, java.util.List<Long> ids) {
        java.util.List<Person> known = ids.stream().map(sim::person).filter(java.util.Objects::nonNull).toList();
        w.int32(TlWriter.VECTOR).int32(known.size());
        known.forEach(p -> w.raw(user(p)));
        return w;
    }

    static byte[] emptyUpdates() {
        return new TlWriter().int32(Constructors.UPDATES).int32(TlWriter.VECTOR).int32(0).int32(TlWriter.VECTOR).int32(0)
                .int32(TlWriter.VECTOR).int32(0).int32(1_700_000_000).int32(0).toByteArray();
    }

    // ---- join requests ----

    /**
     * {@code messages.chatInviteImporters} of pending requests (only {@code requested} listings
     * are kept here), newest first, after the offset (date, then user id, both descending); the
     * page's users after it.
     */
    private byte[] joinRequests(TlReader r) throws TlException, Refused {
        int flags = r.int32();
        Group g = inputPeerGroup(r);
        String link = (flags & 2) != 0 ? r.string() : null;
        if ((flags & 4) != 0) {
            r.string(); // q: a search the simulator does not narrow by
            if (link != null) {
                throw new Refused(400, "SEARCH_WITH_LINK_NOT_SUPPORTED");
            }
        }
        int offsetDate = r.int32();
        long offsetUser = 0;
        int userCtor = r.int32();
        if (userCtor == Constructors.INPUT_USER) {
            offsetUser = r.int64();
            r.int64();
        } else if (userCtor != Constructors.INPUT_USER_EMPTY) {
            throw new Refused(400, "USER_ID_INVALID");
        }
        int limit = Math.max(0, Math.min(r.int32(), 100));
        admin(g);
        if (link != null && !sim.knowsLink(link, g.id)) {
            throw new Refused(400, "INVITE_HASH_EXPIRED");
        }
        java.util.List<TelegramSimulator.JoinRequest> pending = (flags & 1) == 0 ? java.util.List.of()
                : g.requests.values().stream().filter(q -> link == null || link.equals(q.link()))
                .sorted(java.util.Comparator.comparingInt(TelegramSimulator.JoinRequest::date)
                        .thenComparingLong(TelegramSimulator.JoinRequest::userId).reversed())
                .toList();
        final int fromDate = offsetDate;
        final long fromUser = offsetUser;
        java.util.List<TelegramSimulator.JoinRequest> page = pending.stream()
                .filter(q -> fromDate == 0 || q.date() < fromDate || q.date() == fromDate && q.userId() < fromUser)
                .limit(limit).toList();
        TlWriter w = new TlWriter().int32(Constructors.CHAT_INVITE_IMPORTERS).int32(pending.size())
                .int32(TlWriter.VECTOR).int32(page.size());
        for (TelegramSimulator.JoinRequest q : page) {
            w.int32(Constructors.CHAT_INVITE_IMPORTER).int32(1 | (q.about() != null ? 4 : 0)).int64(q.userId())
                    .int32(q.date());
            if (q.about() != null) {
                w.string(q.about());
            }
        }
        return users(w, page.stream().map(TelegramSimulator.JoinRequest::userId).toList()).toByteArray();
    }

    /**
     * {@code channels.getAdminLog}: the supergroup's membership changes of the last 48 hours
     * ({@link AdminLog}), for its admins; the group itself in the chats, the people in the users.
     */
    private byte[] adminLog(TlReader r) throws TlException, Refused {
        int flags = r.int32();
        Group g = channel(r);
        r.string(); // q: a search the simulator does not narrow by
        int filter = -1;
        if ((flags & 1) != 0) {
            if (r.int32() != Constructors.CHANNEL_ADMIN_LOG_EVENTS_FILTER) {
                throw new Refused(400, "INPUT_CONSTRUCTOR_INVALID");
            }
            filter = r.int32();
        }
        if ((flags & 2) != 0) {
            throw new Refused(400, "SIMULATOR_READS_NO_ADMINS_FILTER");
        }
        AdminLog.Query q = new AdminLog.Query(filter, r.int64(), r.int64(), r.int32());
        if (!g.members.contains(TelegramSimulator.SELF)) {
            throw new Refused(400, "CHANNEL_PRIVATE");
        }
        admin(g);
        if (layer != 228) {
            throw new Refused(400, "SIMULATOR_WRITES_ADMIN_LOG_OF_LAYER_228_ONLY");
        }
        java.util.List<MembershipChange> entries = AdminLog.entries(sim.changes(), g, q, sim.nowSeconds());
        TlWriter w = AdminLog.write(entries, link -> {
            TelegramSimulator.InviteLinkState l = sim.linkState(link);
            return l == null ? null : chatInviteExported(l);
        });
        w.int32(TlWriter.VECTOR).int32(1);
        chat(w, g);
        return users(w, AdminLog.people(entries)).toByteArray();
    }

    /** One request decided; one that is not pending is refused as Telegram documents. */
    private void decide(Group g, long userId, boolean approved) throws Refused {
        if (!g.requests.containsKey(userId)) {
            throw g.members.contains(userId) ? new Refused(400, "USER_ALREADY_PARTICIPANT")
                    : new Refused(400, "HIDE_REQUESTER_MISSING");
        }
        if (approved) {
            let(g, userId);
        }
        g.requests.remove(userId);
    }

    /**
     * Every pending request (of one link, if given) decided; on approval the people an add of
     * would be refused stay pending and the first such refusal is the answer.
     */
    private void decideAll(Group g, @Nullable String link, boolean approved) throws Refused {
        if (link != null && !sim.knowsLink(link, g.id)) {
            throw new Refused(400, "INVITE_HASH_EXPIRED");
        }
        java.util.List<Long> chosen = g.requests.values().stream().filter(q -> link == null || link.equals(q.link()))
                .map(TelegramSimulator.JoinRequest::userId).toList();
        if (chosen.isEmpty()) {
            throw new Refused(400, "HIDE_REQUESTER_MISSING");
        }
        Refused first = null;
        for (long id : chosen) {
            if (approved) {
                try {
                    let(g, id);
                } catch (Refused refused) {
                    first = first == null ? refused : first;
                    continue;
                }
            }
            g.requests.remove(id);
        }
        if (first != null) {
            throw first;
        }
    }

    /** An approved requester joins, unless an add of them would be refused (too many channels, a deleted account). */
    private void let(Group g, long userId) throws Refused {
        if (sim.isDeactivated(userId)) {
            throw new Refused(400, "INPUT_USER_DEACTIVATED");
        }
        RpcRefusal refusal = sim.refusalOf(userId);
        if (refusal != null) {
            throw new Refused(refusal.code(), refusal.message());
        }
        g.members.add(userId);
        TelegramSimulator.JoinRequest q = g.requests.get(userId);
        sim.changed(g, MembershipChange.Kind.JOINED_BY_REQUEST, userId, TelegramSimulator.SELF, q == null ? null : q.link());
    }

    /** The group an {@code InputPeer} names: a basic group or a supergroup. */
    private Group inputPeerGroup(TlReader r) throws TlException, Refused {
        int peer = r.int32();
        if (peer == Constructors.INPUT_PEER_CHAT) {
            return basicGroup(r.int64());
        }
        if (peer == Constructors.INPUT_PEER_CHANNEL) {
            return channelFrom(r.int64(), r.int64());
        }
        throw new Refused(400, "PEER_ID_INVALID");
    }

    private byte[] export(TlReader r) throws TlException, Refused {
        int flags = r.int32();
        Group g = inputPeerGroup(r);
        Integer expire = (flags & 1) != 0 ? r.int32() : null;
        Integer limit = (flags & 2) != 0 ? r.int32() : null;
        String title = (flags & 16) != 0 ? r.string() : null;
        admin(g);
        // A link that needs an admin's approval counts requests, not uses: Telegram takes no limit with it.
        if (limit != null && (limit < 1 || limit > 99_999 || (flags & 8) != 0)) {
            throw new Refused(400, "USAGE_LIMIT_INVALID");
        }
        if (expire != null && expire != 0 && Integer.toUnsignedLong(expire) <= sim.nowSeconds()) {
            throw new Refused(400, "EXPIRE_DATE_INVALID");
        }
        return chatInviteExported(sim.exportLink(g.id, title, limit != null ? limit : 0, expire != null ? expire : 0));
    }

    /** {@code messages.getExportedChatInvite}: a link of this group's, with its use count. */
    private byte[] exportedChatInvite(TlReader r) throws TlException, Refused {
        Group g = inputPeerGroup(r);
        TelegramSimulator.InviteLinkState l = linkOf(g, r.string());
        admin(g);
        return exportedChatInviteAnswer(l);
    }

    /**
     * {@code messages.editExportedChatInvite}: revocation is modelled (a revoked primary link is
     * replaced, as Telegram does); an expiry, limit or title for the primary link answers
     * {@code CHAT_INVITE_PERMANENT}; other edits are read and leave the link as it was.
     */
    private byte[] editExportedChatInvite(TlReader r) throws TlException, Refused {
        int flags = r.int32();
        Group g = inputPeerGroup(r);
        TelegramSimulator.InviteLinkState l = linkOf(g, r.string());
        if ((flags & 1) != 0) {
            r.int32(); // expire_date
        }
        if ((flags & 2) != 0) {
            r.int32(); // usage_limit
        }
        if ((flags & 8) != 0) {
            r.int32(); // request_needed:Bool
        }
        if ((flags & 16) != 0) {
            r.string(); // title
        }
        admin(g);
        if (l.permanent && (flags & (1 | 2 | 16)) != 0) {
            throw new Refused(400, "CHAT_INVITE_PERMANENT");
        }
        if ((flags & 4) == 0) {
            return exportedChatInviteAnswer(l);
        }
        if (l.revoked) {
            throw new Refused(400, "INVITE_HASH_EXPIRED");
        }
        l.revoked = true;
        if (l.permanent) {
            return new TlWriter().int32(Constructors.MESSAGES_EXPORTED_CHAT_INVITE_REPLACED).raw(chatInviteExported(l))
                    .raw(chatInviteExported(sim.exportLink(g.id, null, 0, 0)))
                    .int32(TlWriter.VECTOR).int32(1).raw(user(sim.self())).toByteArray();
        }
        return exportedChatInviteAnswer(l);
    }

    private byte[] exportedChatInviteAnswer(TelegramSimulator.InviteLinkState l) {
        return new TlWriter().int32(Constructors.MESSAGES_EXPORTED_CHAT_INVITE).raw(chatInviteExported(l))
                .int32(TlWriter.VECTOR).int32(1).raw(user(sim.self())).toByteArray();
    }

    /** A link of this group's; any other answers as Telegram does for a link it cannot use. */
    private TelegramSimulator.InviteLinkState linkOf(Group g, String link) throws Refused {
        TelegramSimulator.InviteLinkState l = sim.linkState(link);
        if (l == null || l.groupId != g.id) {
            throw new Refused(400, "INVITE_HASH_EXPIRED");
        }
        return l;
    }

    /** {@code chatInviteExported} of layer 228, with the fields the server keeps. */
    private static byte[] chatInviteExported(TelegramSimulator.InviteLinkState l) {
        int flags = (l.revoked ? 1 : 0) | (l.expireDate != 0 ? 2 : 0) | (l.usageLimit != 0 ? 4 : 0)
                | (l.usage != 0 ? 8 : 0) | (l.permanent ? 32 : 0) | (l.title != null ? 256 : 0);
        TlWriter w = new TlWriter().int32(Constructors.CHAT_INVITE_EXPORTED).int32(flags).string(l.url)
                .int64(TelegramSimulator.SELF).int32(1_700_000_000);
        if (l.expireDate != 0) {
            w.int32(l.expireDate);
        }
        if (l.usageLimit != 0) {
            w.int32(l.usageLimit);
        }
        if (l.usage != 0) {
            w.int32(l.usage);
        }
        if (l.title != null) {
            w.string(l.title);
        }
        return w.toByteArray();
    }

    private Group basicGroup(long chatId) throws Refused {
        Group g = sim.groupById(chatId);
        if (g == null) {
            throw new Refused(400, "PEER_ID_INVALID");
        }
        if (g.channel) {
            // What Telegram answers when a basic-group method meets a supergroup.
            throw new Refused(400, "CHAT_ID_INVALID");
        }
        return g;
    }

    private Group channel(TlReader r) throws TlException, Refused {
        if (r.int32() != Constructors.INPUT_CHANNEL) {
            throw new Refused(400, "CHANNEL_INVALID");
        }
        return channelFrom(r.int64(), r.int64());
    }

    private Group channelFrom(long id, long accessHash) throws Refused {
        Group g = sim.groupById(id);
        if (g == null || !g.channel || g.accessHash != accessHash) {
            throw new Refused(400, "CHANNEL_INVALID");
        }
        return g;
    }

    private Target inputUser(TlReader r) throws TlException, Refused {
        int ctor = r.int32();
        if (ctor == Constructors.INPUT_USER_SELF) {
            return new Target(TelegramSimulator.SELF, sim.self());
        }
        if (ctor != Constructors.INPUT_USER) {
            throw new Refused(400, "USER_ID_INVALID");
        }
        return target(r.int64(), r.int64());
    }

    private Target inputPeerUser(TlReader r) throws TlException, Refused {
        if (r.int32() != Constructors.INPUT_PEER_USER) {
            throw new Refused(400, "PARTICIPANT_ID_INVALID");
        }
        return target(r.int64(), r.int64());
    }

    private Target target(long id, long accessHash) throws Refused {
        Person p = sim.person(id);
        if (p == null || p.accessHash() != accessHash) {
            throw new Refused(400, "USER_ID_INVALID");
        }
        return new Target(id, p);
    }

    private static void admin(Group g) throws Refused {
        if (!g.admin) {
            throw new Refused(400, "CHAT_ADMIN_REQUIRED");
        }
    }
}
