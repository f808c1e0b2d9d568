package io.groupkit.telegram.internal;

import io.groupkit.core.EventsResult;
import io.groupkit.core.Member;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.events.EventPage;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.EventTime;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.Left;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.Removed;
import io.groupkit.core.spi.Effect;
import io.groupkit.mtproto.TlException;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.internal.TelegramAnswers.Called;
import io.groupkit.telegram.internal.UpdatesTl.Difference;
import io.groupkit.telegram.internal.UpdatesTl.ServiceMessage;
import io.groupkit.telegram.internal.UpdatesTl.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A basic group's membership changes from the account's updates, with their gaps filled by
 * {@code updates.getDifference}: the cursor is the common update state (pts, qts, date, seq) at
 * which the group was last read. A basic group's changes are service messages in the common box
 * (added, left or removed, joined by link or by request), each with its sender (the actor) and
 * date: read from the difference they are complete and exact. What the server pushed meanwhile
 * ({@link UpdateBox}) answers a read without a call when it covers the cursor without a gap.
 */
final class BasicGroupEvents {
    /** A gap larger than this answers differenceTooLong: the watch compares a listing instead. */
    static final int PTS_TOTAL_LIMIT = 5000;
    /** The most slices one read follows; the rest is read next time, from the last slice's state. */
    static final int MAX_SLICES = 20;

    private final HomeConnection connection;
    private final UpdateBox box;

    BasicGroupEvents(HomeConnection connection, UpdateBox box) {
        this.connection = connection;
        this.box = box;
    }

    /** Blocking: runs on the provider's executor. */
    EventsResult read(TelegramGroup.BasicGroup group, Optional<String> cursor) {
        if (cursor.isEmpty()) {
            RpcAnswer answer = connection.call(UpdatesTl.getState());
            if (!(answer instanceof RpcAnswer.Result result)) {
                return TelegramAnswers.read(answer, Called.OTHER_METHOD, Effect.SAFE_TO_REPEAT, EventsResult.class);
            }
            try {
                State now = UpdatesTl.readState(result.body());
                box.adopt(now);
                return new EventPage(TelegramProvider.detail("UPDATES_STATE", "followed from pts " + now.pts()),
                        List.of(), now.cursor(), false);
            } catch (TlException e) {
                return new Unrecognized(TelegramProvider.detail("UNREADABLE_RESULT", Exceptions.message(e)));
            }
        }
        State from = State.parse(cursor.get());
        connection.poll(); // what was pushed since the last call, read before the box is asked
        Optional<UpdateBox.Covered> pushed = box.since(from);
        if (pushed.isPresent()) {
            return page(group, pushed.get().messages(), pushed.get().state(), false, "UPDATES_PUSHED",
                    "from the updates Telegram pushed");
        }
        List<ServiceMessage> found = new ArrayList<>();
        State at = from;
        for (int slice = 0; slice < MAX_SLICES; slice++) {
            RpcAnswer answer = connection.call(UpdatesTl.getDifference(at, PTS_TOTAL_LIMIT));
            if (!(answer instanceof RpcAnswer.Result result)) {
                // Nothing read so far is delivered: the next read asks again from the same cursor.
                return TelegramAnswers.read(answer, Called.OTHER_METHOD, Effect.SAFE_TO_REPEAT, EventsResult.class);
            }
            Difference d;
            try {
                d = UpdatesTl.readDifference(result.body());
            } catch (TlException e) {
                return new Unrecognized(TelegramProvider.detail("UNREADABLE_RESULT", Exceptions.message(e)));
            }
            if (d instanceof UpdatesTl.Empty e) {
                at = new State(at.pts(), at.qts(), e.date(), e.seq());
                break;
            }
            if (d instanceof UpdatesTl.TooLong t) {
                // The server no longer has the changes since the cursor: say so, invent nothing, go on from its pts.
                State newest = new State(t.pts(), at.qts(), at.date(), at.seq());
                box.adopt(newest);
                return page(group, found, newest, true, "DIFFERENCE_TOO_LONG",
                        "Telegram no longer has every update since the cursor");
            }
            UpdatesTl.Some some = (UpdatesTl.Some) d;
            found.addAll(some.messages());
            at = some.state();
            if (!some.slice()) {
                break;
            }
        }
        box.adopt(at);
        return page(group, found, at, false, "UPDATES_DIFFERENCE", "from the account's updates");
    }

    private static EventPage page(TelegramGroup.BasicGroup group, List<ServiceMessage> messages, State at, boolean gap,
                                  String code, String how) {
        List<MembershipEvent> events = new ArrayList<>();
        for (ServiceMessage m : messages) {
            if (m.chatId() == group.chatId()) {
                events.addAll(events(group, m));
            }
        }
        return new EventPage(TelegramProvider.detail(code, events.size() + " membership changes " + how), events,
                at.cursor(), gap);
    }

    /** The events one service message says: one per person added, otherwise one. */
    static List<MembershipEvent> events(TelegramGroup.BasicGroup group, ServiceMessage m) {
        EventTime time = EventTime.at(Instant.ofEpochSecond(Integer.toUnsignedLong(m.date())));
        String id = "telegram:chat" + group.chatId() + ":msg" + m.messageId();
        String said = "service message " + m.messageId() + " of the account's updates";
        Optional<Member> actor = m.fromId() == 0 ? Optional.empty() : Optional.of(member(m.fromId()));
        List<MembershipEvent> out = new ArrayList<>();
        UpdatesTl.Action action = m.action();
        if (action instanceof UpdatesTl.AddUsers add) {
            for (long user : add.users()) {
                boolean self = user == m.fromId();
                // Someone "adding" themselves came back on their own: how is not said.
                out.add(new Joined(id + ":user" + user, group, member(user), time, EventSource.PUSHED,
                        TelegramProvider.detail("CHAT_ADD_USER", said), self ? JoinHow.UNKNOWN : JoinHow.ADDED,
                        self ? Optional.empty() : actor, Optional.empty(), Optional.empty()));
            }
        } else if (action instanceof UpdatesTl.DeleteUser delete) {
            if (delete.userId() == m.fromId()) {
                out.add(new Left(id, group, member(delete.userId()), time, EventSource.PUSHED,
                        TelegramProvider.detail("CHAT_DELETE_USER", said)));
            } else {
                out.add(new Removed(id, group, member(delete.userId()), time, EventSource.PUSHED,
                        TelegramProvider.detail("CHAT_DELETE_USER", said), actor));
            }
        } else if (actor.isPresent()) {
            // Joined by link or by request: the sender is who joined. A basic group's message does not name
            // the link; the invitation recorded for the person explains the join.
            boolean byLink = action instanceof UpdatesTl.JoinedByLink;
            out.add(new Joined(id, group, actor.get(), time, EventSource.PUSHED,
                    TelegramProvider.detail(byLink ? "CHAT_JOINED_BY_LINK" : "CHAT_JOINED_BY_REQUEST", said),
                    byLink ? JoinHow.INVITE_LINK : JoinHow.JOIN_REQUEST, Optional.empty(), Optional.empty(),
                    Optional.empty()));
        }
        return out;
    }

    /** A person as the listing names them (TelegramListings): by user id. */
    private static Member member(long userId) {
        return Member.userId(Long.toString(userId));
    }
}
