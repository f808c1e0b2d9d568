package io.groupkit.telegram.internal;

import io.groupkit.telegram.internal.UpdatesTl.ServiceMessage;
import io.groupkit.telegram.internal.UpdatesTl.State;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The account's common update box as the pushed updates keep it, in memory: its state (pts, seq,
 * date) and the last basic-group membership messages by pts, so that a read whose cursor they
 * cover needs no call. It only records: pushes are applied by the protocol's rules (an update
 * whose pts follows on is applied, an earlier one is a duplicate, a later one is a gap), and
 * anything it cannot vouch for (a gap, {@code updatesTooLong}, a new connection, which may have
 * missed what was pushed meanwhile) makes it stop answering until a difference is fetched and
 * {@link #adopt adopted}. Thread-safe: pushes arrive on the thread reading the connection.
 */
final class UpdateBox {
    /** The most membership messages kept; a cursor older than the oldest kept is read from the server. */
    static final int KEPT = 1000;
    /**
     * Silence this long and the box answers no more: a connection that died without a word (no
     * close seen) pushes nothing, so the server is asked (Telegram advises fetching the difference
     * after 15 minutes without updates; a watch should not wait that long).
     */
    static final java.time.Duration MAX_SILENCE = java.time.Duration.ofMinutes(1);

    /** Membership messages since a cursor, and the state after them. */
    record Covered(List<ServiceMessage> messages, State state) {
    }

    private record Entry(int pts, ServiceMessage message) {
    }

    private final Deque<Entry> kept = new ArrayDeque<>();
    private @Nullable State state; // null until a state is adopted, and while it cannot be vouched for
    private int coveredFrom; // the box holds every membership message with a pts above this one
    private long heardNanos; // when the server last gave a state or pushed something
    private final io.groupkit.core.time.TimeSource time;

    /**
     * An empty box, which answers nothing until a state is adopted.
     *
     * @param time the clock for {@link #MAX_SILENCE}
     */
    UpdateBox(io.groupkit.core.time.TimeSource time) {
        this.time = time;
    }

    /**
     * The state the server gave (getState, or a difference read to its end): the box follows on
     * from it, and forgets what it kept before.
     *
     * @param now the state
     */
    synchronized void adopt(State now) {
        heardNanos = time.nanoTime();
        State at = state;
        if (at != null && now.pts() == at.pts()) {
            return; // the box has followed every push up to this state: what it kept stays good
        }
        state = now;
        coveredFrom = now.pts();
        kept.clear();
    }

    /** Something may have been missed (a new connection, {@code updatesTooLong}): the next read asks the server. */
    synchronized void lost() {
        state = null;
        kept.clear();
    }

    /**
     * An {@code Updates} the server pushed, applied by the pts and seq rules.
     *
     * @param pushed what it carried
     */
    synchronized void pushed(UpdatesTl.Pushed pushed) {
        State at = state;
        if (at == null) {
            return;
        }
        if (pushed.tooLong()) {
            lost();
            return;
        }
        heardNanos = time.nanoTime();
        int pts = at.pts();
        for (UpdatesTl.PtsUpdate u : pushed.ptsUpdates()) {
            if (pts + u.ptsCount() == u.pts()) {
                pts = u.pts();
                u.message().ifPresent(m -> keep(new Entry(u.pts(), m)));
            } else if (pts + u.ptsCount() < u.pts()) {
                lost(); // a gap: what lies in it is fetched with getDifference
                return;
            } // else a duplicate, already applied
        }
        int seq = at.seq();
        int date = at.date();
        if (pushed.seqStart() != 0) {
            if (seq + 1 < pushed.seqStart()) {
                lost();
                return;
            }
            if (seq + 1 == pushed.seqStart()) {
                seq = pushed.seq();
                date = pushed.date();
            }
        }
        state = new State(pts, at.qts(), date, seq);
    }

    private void keep(Entry e) {
        kept.addLast(e);
        if (kept.size() > KEPT) {
            coveredFrom = kept.removeFirst().pts();
        }
    }

    /**
     * The membership messages after a cursor, if the box holds all of them.
     *
     * @param from the cursor's state
     * @return the messages and the box's state, or empty if the server must be asked
     */
    synchronized Optional<Covered> since(State from) {
        State at = state;
        if (at == null || time.nanoTime() - heardNanos > MAX_SILENCE.toNanos() || from.pts() < coveredFrom || from.pts() > at.pts() || from.qts() != at.qts()) {
            return Optional.empty();
        }
        List<ServiceMessage> after = new ArrayList<>();
        for (Entry e : kept) {
            if (e.pts() > from.pts()) {
                after.add(e.message());
            }
        }
        return Optional.of(new Covered(after, at));
    }
}
