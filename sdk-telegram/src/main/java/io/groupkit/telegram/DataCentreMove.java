package io.groupkit.telegram;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.RsaPublicKey;
import io.groupkit.mtproto.TlException;
import io.groupkit.telegram.internal.HomeConnection;
import io.groupkit.telegram.internal.KeyCreation;
import io.groupkit.telegram.internal.LoginTl;
import io.groupkit.telegram.internal.MtprotoConnection;
import io.groupkit.telegram.internal.RpcAnswer;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a logged-in client to the data centre Telegram names: the address from the server's
 * {@code help.getConfig} (the known table otherwise), {@code auth.exportAuthorization} there, a
 * new auth key with the other data centre, {@code auth.importAuthorization} on it. The session
 * then names its new home and is saved to the session store, if the client has one. Runs on the
 * client's I/O thread, inside the call that met the move.
 */
final class DataCentreMove implements HomeConnection.Relocation {
    private static final Logger LOG = LoggerFactory.getLogger(DataCentreMove.class);

    private final @Nullable SessionStore store;
    private final Function<TelegramSession, MtprotoConnection> connections;
    private final List<RsaPublicKey> keys;
    private final Framing framing;
    private final Duration timeout;
    private final TimeSource time;
    private final int apiId;
    private TelegramSession session; // the home now; only the I/O thread holding HomeConnection's lock changes it

    DataCentreMove(TelegramSession session, @Nullable SessionStore store,
                   Function<TelegramSession, MtprotoConnection> connections, List<RsaPublicKey> keys, Framing framing,
                   Duration timeout, TimeSource time, int apiId) {
        this.session = session;
        this.store = store;
        this.connections = connections;
        this.keys = keys;
        this.framing = framing;
        this.timeout = timeout;
        this.time = time;
        this.apiId = apiId;
    }

    @Override
    public MtprotoConnection move(MtprotoConnection from, int dc) throws HomeConnection.MoveFailure {
        if (dc == session.dcId()) {
            throw new HomeConnection.MoveFailure("it names the data centre the session is in (" + dc + ")");
        }
        InetSocketAddress address = address(from, dc);
        LoginTl.Exported exported;
        try {
            exported = LoginTl.exported(result(from.call(LoginTl.exportAuthorization(dc)), "auth.exportAuthorization"));
        } catch (TlException e) {
            throw new HomeConnection.MoveFailure("auth.exportAuthorization answered something else: " + e.getMessage());
        }
        byte[] key;
        try {
            key = new KeyCreation(address.getHostString(), address.getPort(), dc, keys, framing, timeout, time,
                    new SecureRandom()).run();
        } catch (KeyCreation.Failure e) {
            throw new HomeConnection.MoveFailure("no auth key was made with data centre " + dc + ": " + e.getMessage());
        }
        TelegramSession there = TelegramSession.of(dc, address.getHostString(), address.getPort(), key);
        MtprotoConnection next = connections.apply(there);
        OptionalLong user;
        try {
            user = LoginTl.authorizedUser(result(next.call(LoginTl.importAuthorization(exported)),
                    "auth.importAuthorization"));
        } catch (TlException | HomeConnection.MoveFailure e) {
            next.close();
            throw e instanceof HomeConnection.MoveFailure f ? f
                    : new HomeConnection.MoveFailure("auth.importAuthorization answered something else: " + e.getMessage());
        }
        if (user.isEmpty()) {
            next.close();
            throw new HomeConnection.MoveFailure("auth.importAuthorization asked for a sign-up");
        }
        int left = session.dcId();
        session = session.movedTo(dc, address.getHostString(), address.getPort(), key, user.getAsLong(),
                session.apiId().orElse(apiId));
        LOG.info("Telegram moved the account from data centre {} to {}", left, dc);
        save();
        return next;
    }

    private void save() {
        if (store == null) {
            LOG.warn("the session now lives in another data centre, and the client has no session store: give"
                    + " Telegram.builder().sessionStore(...) to keep it across restarts");
            return;
        }
        try {
            store.save(session);
        } catch (RuntimeException e) {
            // The old key still works (an export does not log it out): the next start moves again.
            LOG.warn("the moved session could not be saved to {}: {}", store, e.getClass().getSimpleName());
        }
    }

    private InetSocketAddress address(MtprotoConnection from, int dc) throws HomeConnection.MoveFailure {
        RpcAnswer config = from.call(LoginTl.getConfig());
        if (config instanceof RpcAnswer.Result r) {
            try {
                Map<Integer, InetSocketAddress> named = LoginTl.dataCentres(r.body());
                if (named.containsKey(dc)) {
                    return named.get(dc);
                }
            } catch (TlException e) {
                // fall back to the known table
            }
        }
        // Telegram's own table only for a session that lives at one of Telegram's own addresses: a
        // session on a proxy, a test server or a fake one must never be sent to the real network.
        InetSocketAddress known = TelegramSession.knownAddress(dc, session.testMode());
        InetSocketAddress home = TelegramSession.knownAddress(session.dcId(), session.testMode());
        if (known == null || home == null || !home.getHostString().equals(session.host())) {
            throw new HomeConnection.MoveFailure("data centre " + dc + " has no known address (help.getConfig did not"
                    + " name it" + (known != null ? ", and the session is not at Telegram's own address" : "") + ")");
        }
        return known;
    }

    private static byte[] result(RpcAnswer answer, String what) throws HomeConnection.MoveFailure {
        if (answer instanceof RpcAnswer.Result r) {
            return r.body();
        }
        if (answer instanceof RpcAnswer.Error e) {
            throw new HomeConnection.MoveFailure(what + " failed: " + e.code() + " " + e.message());
        }
        throw new HomeConnection.MoveFailure(what + " failed: " + ((RpcAnswer.Failure) answer).reason());
    }

    /** The session as it is now: the one it started with until a move. */
    TelegramSession session() {
        return session;
    }

    @Override
    public String toString() {
        return "DataCentreMove[dc " + session.dcId() + "]";
    }
}
