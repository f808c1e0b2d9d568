package io.groupkit.telegram.internal;

import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The connection to the account's data centre, followed when Telegram names another: a call
 * answered {@code 303 USER_MIGRATE_X}, {@code NETWORK_MIGRATE_X} or {@code PHONE_MIGRATE_X} was
 * not carried out, so after moving to data centre X it is sent there once. A move that fails
 * leaves the call unsent (safe to retry), never lost.
 */
public final class HomeConnection implements AutoCloseable {
    private static final Pattern MIGRATE = Pattern.compile("(?:USER|NETWORK|PHONE)_MIGRATE_(\\d{1,4})");

    /** How to move: a key in the other data centre, logged in with an authorization exported from here. */
    public interface Relocation {
        /**
         * A logged-in connection to another data centre.
         *
         * @param from the connection to the data centre the account is leaving (logged in)
         * @param dc the data centre Telegram named
         * @return the new connection, its first call done
         * @throws MoveFailure if no logged-in connection could be made there
         */
        MtprotoConnection move(MtprotoConnection from, int dc) throws MoveFailure;
    }

    /** Moving failed; the message says at which step, without secrets. */
    public static final class MoveFailure extends Exception {
        private static final long serialVersionUID = 1L;

        /**
         * A failure.
         *
         * @param message what failed
         */
        public MoveFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Relocation relocation;
    private volatile MtprotoConnection current;
    private MtprotoConnection.@Nullable Updates updates; // guarded by lock

    /**
     * A home connection.
     *
     * @param first the connection to the data centre the session names
     * @param relocation how to move
     */
    public HomeConnection(MtprotoConnection first, Relocation relocation) {
        this.current = first;
        this.relocation = relocation;
    }

    /**
     * Tells a listener of the updates the server pushes, on this connection and those it moves to.
     *
     * @param listener the listener
     */
    void listen(MtprotoConnection.Updates listener) {
        lock.lock();
        try {
            updates = listener;
            current.listen(listener);
        } finally {
            lock.unlock();
        }
    }

    /** Reads what the server pushed since the last call (see {@link MtprotoConnection#poll}). */
    void poll() {
        lock.lock();
        try {
            current.poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * One call, at the data centre that takes it.
     *
     * @param query the TL body
     * @return its answer
     */
    public RpcAnswer call(byte[] query) {
        lock.lock();
        try {
            MtprotoConnection here = current;
            RpcAnswer answer = here.call(query);
            OptionalInt dc = migrateTo(answer);
            if (dc.isEmpty()) {
                return answer;
            }
            try {
                current = relocation.move(here, dc.getAsInt());
            } catch (MoveFailure | RuntimeException e) {
                // Whatever went wrong on the way, the call itself was not carried out: it stays unsent.
                String why = e instanceof MoveFailure ? e.getMessage() : e.getClass().getSimpleName();
                return new RpcAnswer.Failure(RpcAnswer.Stage.NOT_SENT, 0, "Telegram moved the account to data centre "
                        + dc.getAsInt() + " and moving there failed: " + why);
            }
            here.close();
            MtprotoConnection.Updates listener = updates;
            if (listener != null) {
                listener.lost(); // another data centre: its updates begin anew
                current.listen(listener);
            }
            return current.call(query);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The data centre a 303 answer names.
     *
     * @param answer an answer
     * @return the data centre, or empty if the answer is no move
     */
    static OptionalInt migrateTo(RpcAnswer answer) {
        if (answer instanceof RpcAnswer.Error e && e.code() == 303) {
            Matcher m = MIGRATE.matcher(e.message());
            if (m.matches()) {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public void close() {
        current.close();
    }

    @Override
    public String toString() {
        return current.toString();
    }
}
