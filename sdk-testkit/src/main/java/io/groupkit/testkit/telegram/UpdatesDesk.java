package io.groupkit.testkit.telegram;

import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.testkit.telegram.TelegramSimulator.Group;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The account's common update box on the simulated server, layer 228: every membership change of
 * a basic group becomes a service message (pts + 1, a new message id, from_id the person who acted)
 * and is pushed to the open connections in an {@code updates} container (seq + 1) together with
 * {@code updateChatParticipantAdd/Delete} (the group's participants version + 1). It answers
 * {@code updates.getState} and {@code updates.getDifference}: {@code differenceEmpty}, a
 * {@code difference}, a {@code differenceSlice} of {@link #SLICE} messages when more wait, and
 * {@code differenceTooLong} when the gap exceeds {@code pts_total_limit} or reaches back before
 * what the server keeps. Guarded by the simulator's lock.
 */
final class UpdatesDesk {
    /** The most messages one difference carries; more make a slice. */
    static final int SLICE = 50;
    static final int GET_STATE = 0xedd4882a;
    static final int GET_DIFFERENCE = 0x19c2f763;
    private static final int UPDATES_STATE = 0xa56c2a3e;
    private static final int DIFFERENCE_EMPTY = 0x5d75a138;
    private static final int DIFFERENCE = 0x00f49ca0;
    private static final int DIFFERENCE_SLICE = 0xa8fb1981;
    private static final int DIFFERENCE_TOO_LONG = 0x4afe8f6d;
    private static final int UPDATE_NEW_MESSAGE = 0x1f2b0afd;
    private static final int UPDATE_CHAT_PARTICIPANT_ADD = 0x3dda5451;
    private static final int UPDATE_CHAT_PARTICIPANT_DELETE = 0xe32f3d77;
    private static final int MESSAGE_SERVICE = 0x7a800e0a;
    private static final int ACTION_CHAT_ADD_USER = 0x15cefd00;
    private static final int ACTION_CHAT_DELETE_USER = 0xa43f30cc;
    private static final int ACTION_CHAT_JOINED_BY_LINK = 0x031224c3;
    private static final int ACTION_CHAT_JOINED_BY_REQUEST = 0xebbca3cb;
    /** Where the common box's pts starts: not 0, so that an off-by-one shows. */
    private static final int FIRST_PTS = 100;
    private static final int FIRST_MESSAGE_ID = 5000;

    /** A service message in the box, with the seq and date after its push. */
    private record Entry(int pts, int messageId, int date, int seq, MembershipChange change, int version) {
    }

    private final TelegramSimulator sim;
    private final List<Entry> box = new ArrayList<>();
    private final Map<Long, Integer> versions = new HashMap<>();
    private int pts = FIRST_PTS;
    private int seq = 1;
    private int date;
    private int kept = Integer.MAX_VALUE;
    private int forgotten; // the pts of the newest message no longer kept
    private int pushesToDrop;

    UpdatesDesk(TelegramSimulator sim) {
        this.sim = sim;
    }

    int pts() {
        return pts;
    }

    void keep(int messages) {
        kept = messages;
        trim();
    }

    void dropPushes(int n) {
        pushesToDrop += n;
    }

    /** A change was recorded: a basic group's becomes a service message, pushed (unless dropped). */
    void changed(Group g, MembershipChange c) {
        if (g.channel || c.kind() == MembershipChange.Kind.REQUESTED) {
            return; // supergroups have their own box; a request is no message
        }
        pts++;
        seq++;
        date = c.date();
        int version = versions.merge(g.id, 1, Integer::sum);
        Entry e = new Entry(pts, FIRST_MESSAGE_ID + pts, c.date(), seq, c, version);
        box.add(e);
        trim();
        if (pushesToDrop > 0) {
            pushesToDrop--;
            return;
        }
        sim.push(pushed(e));
    }

    private void trim() {
        while (box.size() > kept) {
            forgotten = box.remove(0).pts();
        }
    }

    /** {@code updates#74ae4240}: the new message and the participant update, with their users and chat. */
    private byte[] pushed(Entry e) {
        TlWriter w = new TlWriter().int32(Constructors.UPDATES).int32(TlWriter.VECTOR).int32(2)
                .int32(UPDATE_NEW_MESSAGE);
        message(w, e).int32(e.pts()).int32(1);
        MembershipChange c = e.change();
        boolean in = c.kind() == MembershipChange.Kind.ADDED || c.kind() == MembershipChange.Kind.JOINED_BY_LINK
                || c.kind() == MembershipChange.Kind.JOINED_BY_REQUEST;
        if (in) {
            w.int32(UPDATE_CHAT_PARTICIPANT_ADD).int64(c.groupId()).int64(c.userId()).int64(inviter(c)).int32(e.date())
                    .int32(e.version());
        } else {
            w.int32(UPDATE_CHAT_PARTICIPANT_DELETE).int64(c.groupId()).int64(c.userId()).int32(e.version());
        }
        users(w, List.of(e));
        chats(w, List.of(e));
        return w.int32(e.date()).int32(e.seq()).toByteArray();
    }

    private static long inviter(MembershipChange c) {
        return c.kind() == MembershipChange.Kind.ADDED ? c.actorId() : TelegramSimulator.SELF;
    }

    /** {@code messageService#7a800e0a}: flags (out 1, from_id 8), id, from_id, peer_id, date, action. */
    private static TlWriter message(TlWriter w, Entry e) {
        MembershipChange c = e.change();
        // A join by link or by request is sent by the person who joined; the rest by who acted.
        long from = switch (c.kind()) {
            case JOINED_BY_LINK, JOINED_BY_REQUEST -> c.userId();
            default -> c.actorId();
        };
        w.int32(MESSAGE_SERVICE).int32(1 << 8 | (from == TelegramSimulator.SELF ? 1 << 1 : 0)).int32(e.messageId())
                .int32(Constructors.PEER_USER).int64(from).int32(Constructors.PEER_CHAT).int64(c.groupId())
                .int32(e.date());
        switch (c.kind()) {
            case ADDED -> w.int32(ACTION_CHAT_ADD_USER).int32(TlWriter.VECTOR).int32(1).int64(c.userId());
            case JOINED_BY_LINK -> w.int32(ACTION_CHAT_JOINED_BY_LINK).int64(TelegramSimulator.SELF);
            case JOINED_BY_REQUEST -> w.int32(ACTION_CHAT_JOINED_BY_REQUEST);
            default -> w.int32(ACTION_CHAT_DELETE_USER).int64(c.userId());
        }
        return w;
    }

    private void users(TlWriter w, List<Entry> entries) {
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
        for (Entry e : entries) {
            ids.add(e.change().userId());
            ids.add(e.change().actorId());
        }
        List<TelegramSimulator.Person> known = ids.stream().map(sim::person).filter(java.util.Objects::nonNull).toList();
        w.int32(TlWriter.VECTOR).int32(known.size());
        known.forEach(p -> w.raw(Methods.user(p, 228)));
    }

    private void chats(TlWriter w, List<Entry> entries) {
        List<Group> groups = entries.stream().map(e -> e.change().groupId()).distinct().map(sim::groupById)
                .filter(java.util.Objects::nonNull).toList();
        w.int32(TlWriter.VECTOR).int32(groups.size());
        groups.forEach(g -> Methods.chat(w, g));
    }

    byte[] state() {
        return state(new TlWriter(), pts, currentDate(), seq).toByteArray();
    }

    private int currentDate() {
        return Math.max(date, (int) sim.nowSeconds());
    }

    private static TlWriter state(TlWriter w, int pts, int date, int seq) {
        return w.int32(UPDATES_STATE).int32(pts).int32(0).int32(date).int32(seq).int32(0);
    }

    /** {@code updates.getDifference flags pts pts_limit? pts_total_limit? date qts qts_limit?}. */
    byte[] difference(TlReader r) throws TlException {
        int flags = r.int32();
        int from = r.int32();
        if ((flags & 2) != 0) {
            r.int32();
        }
        int totalLimit = (flags & 1) != 0 ? r.int32() : Integer.MAX_VALUE;
        r.int32(); // date
        r.int32(); // qts
        if ((flags & 4) != 0) {
            r.int32();
        }
        if (from >= pts) {
            return new TlWriter().int32(DIFFERENCE_EMPTY).int32(currentDate()).int32(seq).toByteArray();
        }
        if (from < forgotten || (long) pts - from > totalLimit) {
            return new TlWriter().int32(DIFFERENCE_TOO_LONG).int32(pts).toByteArray();
        }
        List<Entry> after = box.stream().filter(e -> e.pts() > from).toList();
        boolean slice = after.size() > SLICE;
        List<Entry> sent = slice ? after.subList(0, SLICE) : after;
        TlWriter w = new TlWriter().int32(slice ? DIFFERENCE_SLICE : DIFFERENCE).int32(TlWriter.VECTOR).int32(sent.size());
        sent.forEach(e -> message(w, e));
        w.int32(TlWriter.VECTOR).int32(0); // new_encrypted_messages
        w.int32(TlWriter.VECTOR).int32(0); // other_updates
        chats(w, sent);
        users(w, sent);
        Entry last = sent.get(sent.size() - 1);
        return (slice ? state(w, last.pts(), last.date(), last.seq()) : state(w, pts, currentDate(), seq)).toByteArray();
    }
}
