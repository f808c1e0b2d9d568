package io.groupkit.telegram.internal;

import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.telegram.internal.TlSchema.TlObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account's common update state at layer 228: {@code updates.getState}, {@code
 * updates.getDifference} and the {@code Updates} the server pushes, read whole with a table of
 * their constructors ({@code layer228-updates.tl}, written by {@code dev/tl/TlClosure.java}), and
 * the basic-group membership service messages found in them.
 */
final class UpdatesTl {
    static final int GET_STATE = 0xedd4882a;
    static final int GET_DIFFERENCE = 0x19c2f763;
    static final int UPDATES_TOO_LONG = 0xe317af7e;
    static final int UPDATE_SHORT = 0x78d4dec1;
    static final int UPDATES_COMBINED = 0x725b04c3;
    static final int UPDATES = 0x74ae4240;
    static final int UPDATE_SHORT_MESSAGE = 0x313bc7f8;
    static final int UPDATE_SHORT_CHAT_MESSAGE = 0x4d6deea5;
    private static final Pattern CURSOR = Pattern.compile("(-?\\d{1,10}):(-?\\d{1,10}):(\\d{1,10}):(-?\\d{1,10})");

    /** Loaded on first use: the table is large, and most clients never read updates. */
    private static final class Table {
        static final TlSchema SCHEMA = TlSchema.load("layer228-updates.tl");
    }

    private UpdatesTl() {
    }

    /**
     * The common update state (private chats and basic groups share one pts).
     *
     * @param pts the common box's pts
     * @param qts the secondary box's qts
     * @param date the state's date, unix seconds
     * @param seq the {@code Updates} containers' seq
     */
    record State(int pts, int qts, int date, int seq) {
        /** As a cursor: {@code pts:qts:date:seq}. */
        String cursor() {
            return pts + ":" + qts + ":" + Integer.toUnsignedLong(date) + ":" + seq;
        }

        /**
         * A cursor read back.
         *
         * @throws IllegalArgumentException if it is not one {@link #cursor()} wrote
         */
        static State parse(String cursor) {
            Matcher m = CURSOR.matcher(cursor);
            if (!m.matches()) {
                throw new IllegalArgumentException("expected a cursor of a Telegram basic group's events"
                        + " (pts:qts:date:seq), got '" + cursor + "'");
            }
            try {
                return new State(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        (int) Long.parseLong(m.group(3)), Integer.parseInt(m.group(4)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a cursor of a Telegram basic group's events"
                        + " (pts:qts:date:seq), got '" + cursor + "'", e);
            }
        }
    }

    /** A membership action of a basic-group service message. */
    sealed interface Action {
    }

    /** {@code messageActionChatAddUser}: these people were added (or, alone and by themselves, came back). */
    record AddUsers(List<Long> users) implements Action {
    }

    /** {@code messageActionChatDeleteUser}: this person left, or was removed by the sender. */
    record DeleteUser(long userId) implements Action {
    }

    /** {@code messageActionChatJoinedByLink}: the sender joined through a link. */
    record JoinedByLink(long inviterId) implements Action {
    }

    /** {@code messageActionChatJoinedByRequest}: the sender's join request was approved. */
    record JoinedByRequest() implements Action {
    }

    /**
     * A basic group's membership service message.
     *
     * @param chatId the basic group
     * @param messageId its id in the account's common box
     * @param date unix seconds
     * @param fromId who sent it (the actor), 0 if not said
     * @param action what happened
     */
    record ServiceMessage(long chatId, int messageId, int date, long fromId, Action action) {
    }

    /** What {@code updates.getDifference} answered. */
    sealed interface Difference {
    }

    /** Nothing happened since: only the date and seq move. */
    record Empty(int date, int seq) implements Difference {
    }

    /**
     * What happened since, or (a slice) its first part.
     *
     * @param messages the membership service messages among the new messages, in order
     * @param state the state after them (a slice's intermediate state)
     * @param slice whether more follows from {@code state}
     */
    record Some(List<ServiceMessage> messages, State state, boolean slice) implements Difference {
    }

    /** Too much happened: the server gives only the pts to go on from. */
    record TooLong(int pts) implements Difference {
    }

    /** One pts-bearing update pushed: its pts and pts_count, and its membership message if it is one. */
    record PtsUpdate(int pts, int ptsCount, Optional<ServiceMessage> message) {
    }

    /**
     * An {@code Updates} object the server pushed.
     *
     * @param seqStart the first seq it covers (0 for an unordered one)
     * @param seq its seq (0 for an unordered one)
     * @param date its date
     * @param ptsUpdates its updates of the common box, in order
     * @param tooLong whether it was {@code updatesTooLong} (fetch the difference)
     */
    record Pushed(int seqStart, int seq, int date, List<PtsUpdate> ptsUpdates, boolean tooLong) {
    }

    static byte[] getState() {
        return new TlWriter().int32(GET_STATE).toByteArray();
    }

    /**
     * {@code updates.getDifference} from a state; with {@code pts_total_limit} so that a gap larger
     * than it answers {@code differenceTooLong} instead of a long run of slices.
     */
    static byte[] getDifference(State from, int ptsTotalLimit) {
        return new TlWriter().int32(GET_DIFFERENCE).int32(1).int32(from.pts()).int32(ptsTotalLimit)
                .int32(from.date()).int32(from.qts()).toByteArray();
    }

    static State readState(byte[] body) throws TlException {
        return state(Table.SCHEMA.object(new TlReader(body), "updates.State"));
    }

    static Difference readDifference(byte[] body) throws TlException {
        TlObject d = Table.SCHEMA.object(new TlReader(body), "updates.Difference");
        return switch (d.name()) {
            case "updates.differenceEmpty" -> new Empty(d.int32("date"), d.int32("seq"));
            case "updates.differenceTooLong" -> new TooLong(d.int32("pts"));
            case "updates.difference", "updates.differenceSlice" -> {
                boolean slice = d.name().equals("updates.differenceSlice");
                List<ServiceMessage> found = new ArrayList<>();
                for (Object m : d.list("new_messages")) {
                    serviceMessage((TlObject) m).ifPresent(found::add);
                }
                for (Object u : d.list("other_updates")) {
                    TlObject update = (TlObject) u;
                    if (update.name().equals("updateNewMessage")) {
                        serviceMessage(update.object("message")).ifPresent(found::add);
                    }
                }
                found.sort(java.util.Comparator.comparingInt(ServiceMessage::messageId));
                yield new Some(found, state(d.object(slice ? "intermediate_state" : "state")), slice);
            }
            default -> throw new TlException("expected an updates.Difference, got " + d.name());
        };
    }

    /** Reads a pushed {@code Updates}: its seq, date and the updates of the common box. */
    static Pushed readPushed(byte[] body) throws TlException {
        TlObject u = Table.SCHEMA.object(new TlReader(body), "Updates");
        return switch (u.name()) {
            case "updatesTooLong" -> new Pushed(0, 0, 0, List.of(), true);
            case "updateShort" -> new Pushed(0, 0, u.int32("date"), ptsUpdates(List.of(u.object("update"))), false);
            case "updates" -> new Pushed(u.int32("seq"), u.int32("seq"), u.int32("date"), ptsUpdates(u.list("updates")),
                    false);
            case "updatesCombined" -> new Pushed(u.int32("seq_start"), u.int32("seq"), u.int32("date"),
                    ptsUpdates(u.list("updates")), false);
            // Short messages of private chats and basic groups move the common pts as well.
            case "updateShortMessage", "updateShortChatMessage", "updateShortSentMessage" -> new Pushed(0, 0,
                    u.int32("date"), List.of(new PtsUpdate(u.int32("pts"), u.int32("pts_count"), Optional.empty())), false);
            default -> throw new TlException("expected Updates, got " + u.name());
        };
    }

    /** The updates of the common box: those with pts and pts_count and no channel of their own. */
    private static List<PtsUpdate> ptsUpdates(List<?> updates) {
        List<PtsUpdate> out = new ArrayList<>();
        for (Object o : updates) {
            TlObject u = (TlObject) o;
            if (u.has("pts") && u.has("pts_count") && !u.name().contains("Channel")) {
                Optional<ServiceMessage> m = u.name().equals("updateNewMessage")
                        ? serviceMessage(u.object("message")) : Optional.empty();
                out.add(new PtsUpdate(u.int32("pts"), u.int32("pts_count"), m));
            }
        }
        return out;
    }

    private static State state(TlObject s) {
        return new State(s.int32("pts"), s.int32("qts"), s.int32("date"), s.int32("seq"));
    }

    /** A basic group's membership service message, if this message is one. */
    static Optional<ServiceMessage> serviceMessage(TlObject m) {
        if (!m.name().equals("messageService")) {
            return Optional.empty();
        }
        TlObject peer = m.object("peer_id");
        if (!peer.name().equals("peerChat")) {
            return Optional.empty();
        }
        long fromId = 0;
        if (m.has("from_id") && m.object("from_id").name().equals("peerUser")) {
            fromId = m.object("from_id").int64("user_id");
        }
        TlObject a = m.object("action");
        Action action = switch (a.name()) {
            case "messageActionChatAddUser" -> new AddUsers(a.list("users").stream().map(Long.class::cast).toList());
            case "messageActionChatDeleteUser" -> new DeleteUser(a.int64("user_id"));
            case "messageActionChatJoinedByLink" -> new JoinedByLink(a.int64("inviter_id"));
            case "messageActionChatJoinedByRequest" -> new JoinedByRequest();
            default -> null;
        };
        return action == null ? Optional.empty()
                : Optional.of(new ServiceMessage(peer.int64("chat_id"), m.int32("id"), m.int32("date"), fromId, action));
    }
}
