package io.groupkit.telegram.internal;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.Container;
import io.groupkit.mtproto.Envelope;
import io.groupkit.mtproto.FrameReader;
import io.groupkit.mtproto.FrameWriter;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.Gzip;
import io.groupkit.mtproto.InnerMessage;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MTProto 2.0 connection on an existing auth key, and the RPC loop over it: a call is sent,
 * then frames are read until its {@code rpc_result} arrives, handling on the way every service
 * message a server sends (containers, gzip, salts, clock and sequence repairs, new sessions,
 * pings, acknowledgements, updates). Calls take turns; the connection is opened on the first
 * call and again after any failure, with a new session each time.
 *
 * <p>Incoming messages are checked before anything is read from them: the msg_key (by the
 * envelope, in constant time), the session id, the server parity and freshness of msg_id, and
 * duplicates. A message failing a check is dropped and the connection goes on.
 */
public final class MtprotoConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MtprotoConnection.class);
    /** A server rejecting the same call this often is not going to accept it. */
    private static final int MAX_RESENDS = 5;
    private static final long IDLE_PROBE_NANOS = 50_000_000L;
    private static final int SEEN_IDS = 2048;
    private static final int MAX_INFLATED = 16 * 1024 * 1024;

    /**
     * Where and how to connect, and what a connection says about itself in {@code initConnection}.
     *
     * @param host the data centre's host
     * @param port its port
     * @param framing the transport
     * @param connectTimeout the longest wait for a TCP connection
     * @param requestTimeout the longest wait for one request's answer
     * @param keepAlive after this long idle, a ping checks the connection before a call
     * @param maxFrameBytes the largest packet accepted
     * @param layer the API layer
     * @param apiId the application's api_id
     * @param deviceModel device_model
     * @param systemVersion system_version
     * @param appVersion app_version
     * @param langCode system_lang_code and lang_code
     */
    public record Settings(String host, int port, Framing framing, Duration connectTimeout, Duration requestTimeout,
                           Duration keepAlive, int maxFrameBytes, int layer, int apiId, String deviceModel,
                           String systemVersion, String appVersion, String langCode) {
    }

    private enum Verdict { RESEND }

    /**
     * What exists only while a connection is open: the socket, its streams and framing, and the
     * message ids sent on it.
     */
    private record Link(Socket socket, InputStream in, OutputStream out, FrameReader frames, FrameWriter writer,
                        MessageIds ids) {
    }

    private final Settings settings;
    private final Envelope envelope;
    private final TimeSource time;
    private final RandomGenerator random;
    private final ReentrantLock lock = new ReentrantLock();

    private @Nullable Link link; // null while no connection is open
    private final Deque<FrameReader.Frame> pendingFrames = new ArrayDeque<>();
    private final byte[] readBuffer = new byte[16 * 1024];
    private final Set<Long> seen = new LinkedHashSet<>();
    private final List<Long> toAck = new ArrayList<>();
    private long sessionId;
    private long salt;
    private boolean initialized;
    private long lastIoNanos; // System.nanoTime() of the last answer, for the idle probe
    private boolean rewrapped; // a CONNECTION_NOT_INITED call already sent again wrapped
    private boolean newSessionDue; // the clock went back: the next message begins a new session
    private long lastUsedNanos;
    private int connections;

    /**
     * A connection, not yet opened.
     *
     * @param settings where and how
     * @param authKey the 256-byte auth key (kept, never shown)
     * @param salt the first server salt (0 if unknown: the server corrects it)
     * @param time the clock for message ids and idleness
     * @param random the source of session ids and padding
     */
    public MtprotoConnection(Settings settings, byte[] authKey, long salt, TimeSource time, RandomGenerator random) {
        this.settings = settings;
        this.envelope = new Envelope(authKey.clone());
        this.salt = salt;
        this.time = time;
        this.random = random;
    }

    /**
     * Connections opened so far, to tell a test whether a reconnect happened.
     *
     * @return the count
     */
    public int connectionsOpened() {
        lock.lock();
        try {
            return connections;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends one call and waits for its answer.
     *
     * @param query the call's TL body (not yet wrapped for a first call)
     * @return the result, the {@code rpc_error}, or how the call failed
     */
    public RpcAnswer call(byte[] query) {
        lock.lock();
        try {
            long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
            if (link != null && time.nanoTime() - lastUsedNanos > settings.keepAlive().toNanos() && !stillAlive(deadline)) {
                drop();
            }
            // Real time, not the injected clock: this is about a socket's state. Back-to-back calls skip
            // the probe (it costs a millisecond); a server closes idle connections, not busy ones.
            if (link != null && System.nanoTime() - lastIoNanos > IDLE_PROBE_NANOS && closedByServer()) {
                // Noticed before the call is written: it goes on a new connection, surely unsent
                // (written into a closed one it would be lost, and an add then "may have happened").
                LOG.debug("the server closed the connection while it was idle; reconnecting");
                drop();
            }
            if (link == null) {
                try {
                    open();
                } catch (IOException e) {
                    drop();
                    return new RpcAnswer.Failure(RpcAnswer.Stage.NOT_SENT, 0,
                            "could not connect to " + settings.host() + ":" + settings.port() + " (" + describe(e) + ")");
                }
            }
            for (int resends = 0; ; resends++) {
                if (resends > MAX_RESENDS) {
                    drop();
                    return new RpcAnswer.Failure(RpcAnswer.Stage.NOT_SENT, 0,
                            "the server rejected the message " + resends + " times (salt, clock or sequence)");
                }
                beginNewSessionIfDue();
                long msgId = ids().next();
                try {
                    send(msgId, ids().contentSeqNo(), initialized ? query : wrapForFirstCall(query));
                } catch (IOException e) {
                    drop();
                    return new RpcAnswer.Failure(RpcAnswer.Stage.NOT_SENT, 0, "sending failed (" + describe(e) + ")");
                }
                Object outcome = await(msgId, deadline);
                if (outcome == Verdict.RESEND) {
                    continue;
                }
                RpcAnswer answer = (RpcAnswer) outcome;
                if (answer instanceof RpcAnswer.Failure) {
                    drop();
                    return answer;
                }
                lastUsedNanos = time.nanoTime();
                lastIoNanos = System.nanoTime();
                sendAcks();
                if (answer instanceof RpcAnswer.Error e && notInitialized(e)) {
                    // The server lost (or never took) the connection's layer: the call did not run.
                    // Wrap it again and send it once more, as TDLib does.
                    if (initialized && !rewrapped) {
                        initialized = false;
                        rewrapped = true;
                        continue;
                    }
                    return answer;
                }
                // The wrapper stays until a call succeeds: an rpc_error may come before the server
                // took initConnection (TDLib keeps it the same way).
                if (answer instanceof RpcAnswer.Result) {
                    initialized = true;
                }
                rewrapped = false;
                return answer;
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean stillAlive(long deadline) {
        long pingMsgId = ids().next();
        long pingId = random.nextLong();
        try {
            send(pingMsgId, ids().contentSeqNo(), new TlWriter().int32(Constructors.PING).int64(pingId).toByteArray());
        } catch (IOException e) {
            return false;
        }
        long pingDeadline = Math.min(deadline, System.nanoTime() + settings.connectTimeout().toNanos());
        return await(pingMsgId, pingDeadline) instanceof RpcAnswer.Result;
    }

    private void open() throws IOException {
        Socket s = new Socket();
        Link opened;
        try {
            s.connect(new InetSocketAddress(settings.host(), settings.port()), (int) settings.connectTimeout().toMillis());
            s.setTcpNoDelay(true);
            opened = new Link(s, s.getInputStream(), s.getOutputStream(),
                    new FrameReader(settings.framing(), settings.maxFrameBytes()), new FrameWriter(settings.framing()),
                    new MessageIds(time));
        } catch (IOException | RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
        link = opened;
        pendingFrames.clear();
        seen.clear();
        toAck.clear();
        sessionId = random.nextLong();
        newSessionDue = false;
        initialized = false;
        lastUsedNanos = time.nanoTime();
        connections++;
        opened.out().write(opened.writer().tag());
    }

    /**
     * The open connection. Everything reading it runs in {@link #call}, under the lock, after the
     * connection was opened and before it is dropped.
     */
    private Link link() {
        Link live = link;
        if (live == null) {
            throw new IllegalStateException("no connection is open to " + settings.host() + ":" + settings.port());
        }
        return live;
    }

    private MessageIds ids() {
        return link().ids();
    }

    private void send(long msgId, int seqNo, byte[] body) throws IOException {
        beginNewSessionIfDue();
        byte[] plain = new InnerMessage(salt, sessionId, msgId, seqNo, body).encode();
        Link live = link();
        live.out().write(live.writer().frame(envelope.encrypt(plain, Envelope.FROM_CLIENT, random)));
        live.out().flush();
    }

    private static boolean notInitialized(RpcAnswer.Error e) {
        return e.message().equals("CONNECTION_NOT_INITED") || e.message().equals("CONNECTION_LAYER_INVALID");
    }

    private byte[] wrapForFirstCall(byte[] query) {
        return new TlWriter().int32(Constructors.INVOKE_WITH_LAYER).int32(settings.layer())
                .int32(Constructors.INIT_CONNECTION).int32(0).int32(settings.apiId())
                .string(settings.deviceModel()).string(settings.systemVersion()).string(settings.appVersion())
                .string(settings.langCode()).string("").string(settings.langCode())
                .raw(query).toByteArray();
    }

    /** Reads until the answer to {@code msgId} arrives: an {@link RpcAnswer} or {@link Verdict#RESEND}. */
    private Object await(long msgId, long deadline) {
        while (true) {
            FrameReader.Frame frame;
            try {
                frame = nextFrame(deadline);
            } catch (SocketTimeoutException e) {
                return new RpcAnswer.Failure(RpcAnswer.Stage.LOST, 0,
                        "no answer within " + settings.requestTimeout().toSeconds() + " s");
            } catch (IOException e) {
                return new RpcAnswer.Failure(RpcAnswer.Stage.LOST, 0, "the connection failed (" + describe(e) + ")");
            } catch (TlException e) {
                return new RpcAnswer.Failure(RpcAnswer.Stage.LOST, 0, "the transport broke: " + e.getMessage());
            }
            if (frame instanceof FrameReader.TransportError error) {
                // A transport error means the server did not process the packet.
                return new RpcAnswer.Failure(RpcAnswer.Stage.NOT_SENT, error.code(), "transport error " + error.code());
            }
            if (frame instanceof FrameReader.ForeignProtocol foreign) {
                return new RpcAnswer.Failure(RpcAnswer.Stage.NOT_TELEGRAM, 0, notTelegram(foreign));
            }
            InnerMessage message = open(((FrameReader.Packet) frame).payload());
            if (message == null) {
                continue;
            }
            Object outcome;
            try {
                outcome = handle(message.msgId(), message.contentRelated(), message.body(), msgId);
            } catch (TlException e) {
                LOG.debug("dropped a message the server sent: {}", e.getMessage());
                continue;
            }
            if (outcome != null) {
                return outcome;
            }
        }
    }

    /** Decrypts and checks one packet; null if it is to be dropped. */
    private @Nullable InnerMessage open(byte[] payload) {
        InnerMessage m;
        try {
            m = InnerMessage.decode(envelope.decrypt(payload, Envelope.FROM_SERVER));
        } catch (TlException e) {
            LOG.debug("dropped a packet: {}", e.getMessage());
            return null;
        }
        if (m.sessionId() != sessionId) {
            LOG.debug("dropped a message for another session");
            return null;
        }
        if (!MessageIds.serverParity(m.msgId())) {
            LOG.debug("dropped a message with a client's msg_id parity");
            return null;
        }
        if (!ids().fresh(m.msgId()) && !exemptFromFreshness(m.body())) {
            if (!ids().aheadWithinReason(m.msgId())) {
                LOG.debug("dropped a message whose msg_id is too old or too far ahead");
                return null;
            }
            // Decrypted with our key and at most 300 s ahead: the server's clock is ahead of ours (and
            // no new_session_created said so). Follow it, or every answer would be dropped.
            LOG.debug("the server's clock is ahead of ours; following it");
            resync(m.msgId());
        }
        if (!remember(m.msgId())) {
            LOG.debug("dropped a duplicate message");
            return null;
        }
        return m;
    }

    /**
     * The messages that correct our clock are read whatever their time; so is the first message of
     * a new session, which tells the server's time when ours is off.
     */
    private boolean exemptFromFreshness(byte[] body) {
        if (body.length < 4) {
            return false;
        }
        int ctor = (body[0] & 0xff) | (body[1] & 0xff) << 8 | (body[2] & 0xff) << 16 | (body[3] & 0xff) << 24;
        return ctor == Constructors.BAD_MSG_NOTIFICATION || ctor == Constructors.BAD_SERVER_SALT
                || ctor == Constructors.NEW_SESSION_CREATED || ctor == Constructors.MSG_CONTAINER;
    }

    private boolean remember(long serverMsgId) {
        if (!seen.add(serverMsgId)) {
            return false;
        }
        if (seen.size() > SEEN_IDS) {
            seen.remove(seen.iterator().next());
        }
        return true;
    }

    /** One message from the server: the answer awaited (an {@link RpcAnswer} or a {@link Verdict}), or null to read on. */
    private @Nullable Object handle(long serverMsgId, boolean contentRelated, byte[] body, long waitingFor)
            throws TlException {
        if (contentRelated) {
            toAck.add(serverMsgId);
        }
        TlReader r = new TlReader(body);
        int ctor = r.int32();
        switch (ctor) {
            case Constructors.MSG_CONTAINER -> {
                Object first = null;
                for (Container.Item item : Container.decode(r)) {
                    if (!remember(item.msgId())) {
                        continue;
                    }
                    Object outcome = handle(item.msgId(), item.contentRelated(), item.body(), waitingFor);
                    // Read the whole container: a salt or session change may come with the answer.
                    if (first == null) {
                        first = outcome;
                    }
                }
                return first;
            }
            case Constructors.GZIP_PACKED -> {
                return handle(serverMsgId, false, Gzip.unpack(r.bytes(), MAX_INFLATED), waitingFor);
            }
            case Constructors.RPC_RESULT -> {
                long reqMsgId = r.int64();
                if (reqMsgId != waitingFor) {
                    LOG.debug("ignored the answer to an earlier message");
                    return null;
                }
                return result(r.rest());
            }
            case Constructors.BAD_SERVER_SALT -> {
                long badMsgId = r.int64();
                r.int32();
                r.int32();
                salt = r.int64();
                LOG.debug("the server gave a new salt");
                return badMsgId == waitingFor ? Verdict.RESEND : null;
            }
            case Constructors.BAD_MSG_NOTIFICATION -> {
                long badMsgId = r.int64();
                r.int32();
                int code = r.int32();
                return badMsgId == waitingFor ? repair(code, serverMsgId) : null;
            }
            case Constructors.NEW_SESSION_CREATED -> {
                r.int64();
                r.int64();
                salt = r.int64();
                if (!ids().fresh(serverMsgId)) {
                    resync(serverMsgId);
                }
                return null;
            }
            case Constructors.PONG -> {
                long pingMsgId = r.int64();
                return pingMsgId == waitingFor ? new RpcAnswer.Result(new byte[0]) : null;
            }
            case Constructors.PING -> {
                long pingId = r.int64();
                try {
                    send(ids().next(), ids().serviceSeqNo(),
                            new TlWriter().int32(Constructors.PONG).int64(serverMsgId).int64(pingId).toByteArray());
                } catch (IOException e) {
                    LOG.debug("could not answer a ping: {}", describe(e));
                }
                return null;
            }
            default -> {
                // Acks, detailed infos, future salts and updates need nothing from us but the ack.
                return null;
            }
        }
    }

    /** The clock corrected; a correction backwards starts a new session, as msg_ids may not go back in one. */
    private void resync(long serverMsgId) {
        if (ids().resync(serverMsgId)) {
            // Not at once: what the server still sends in this session (the bad_msg_notification that
            // follows a new_session_created) must not be dropped. The next message sent begins it.
            newSessionDue = true;
        }
    }

    private void beginNewSessionIfDue() {
        if (newSessionDue) {
            newSessionDue = false;
            sessionId = random.nextLong();
            initialized = false;
            seen.clear();
            LOG.debug("the corrected clock is behind the ids sent: a new session begins");
        }
    }

    private RpcAnswer result(byte[] object) throws TlException {
        TlReader r = new TlReader(object);
        int ctor = r.int32();
        if (ctor == Constructors.GZIP_PACKED) {
            return result(Gzip.unpack(r.bytes(), MAX_INFLATED));
        }
        if (ctor == Constructors.RPC_ERROR) {
            int code = r.int32();
            return new RpcAnswer.Error(code, r.string());
        }
        return new RpcAnswer.Result(object);
    }

    private Object repair(int code, long serverMsgId) {
        switch (code) {
            case 16, 17 -> {
                LOG.debug("the server says our clock is off (bad_msg_notification {}); resynchronised", code);
                resync(serverMsgId);
                return Verdict.RESEND;
            }
            case 32 -> {
                ids().shiftSeqNo(32);
                return Verdict.RESEND;
            }
            case 33 -> {
                ids().shiftSeqNo(-8);
                return Verdict.RESEND;
            }
            case 48 -> {
                return Verdict.RESEND;
            }
            default -> {
                return new RpcAnswer.Failure(RpcAnswer.Stage.NOT_SENT, 0,
                        "the server rejected the message (bad_msg_notification " + code + ")");
            }
        }
    }

    private void sendAcks() {
        if (toAck.isEmpty()) {
            return;
        }
        long[] acks = toAck.stream().mapToLong(Long::longValue).toArray();
        toAck.clear();
        try {
            send(ids().next(), ids().serviceSeqNo(),
                    new TlWriter().int32(Constructors.MSGS_ACK).vectorOfLongs(acks).toByteArray());
        } catch (IOException e) {
            // The next call finds the connection broken and opens another.
            LOG.debug("could not send acknowledgements: {}", describe(e));
        }
    }

    /**
     * Whether the server has closed the connection since the last call: a read of a millisecond
     * sees its end of stream (what it sent meanwhile, updates and the like, is kept for later).
     */
    private boolean closedByServer() {
        Link live = link();
        try {
            live.socket().setSoTimeout(1);
            int n = live.in().read(readBuffer);
            if (n < 0) {
                return true;
            }
            pendingFrames.addAll(live.frames().feed(java.util.Arrays.copyOf(readBuffer, n)));
            return false;
        } catch (SocketTimeoutException quiet) {
            return false;
        } catch (IOException | TlException e) {
            return true;
        }
    }

    private FrameReader.Frame nextFrame(long deadline) throws IOException, TlException {
        Link live = link();
        while (pendingFrames.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("call timeout");
            }
            live.socket().setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            int n = live.in().read(readBuffer);
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            pendingFrames.addAll(live.frames().feed(java.util.Arrays.copyOf(readBuffer, n)));
        }
        return pendingFrames.poll();
    }

    private void drop() {
        Link live = link;
        if (live != null) {
            closeQuietly(live.socket());
        }
        link = null;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("closing the socket failed: {}", describe(e));
        }
    }

    private String notTelegram(FrameReader.ForeignProtocol foreign) {
        return "an " + foreign.protocol() + " server or proxy answered at " + settings.host() + ":" + settings.port()
                + ", not Telegram";
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    @Override
    public void close() {
        lock.lock();
        try {
            drop();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "MtprotoConnection[" + settings.host() + ":" + settings.port() + ", " + envelope + "]";
    }
}
