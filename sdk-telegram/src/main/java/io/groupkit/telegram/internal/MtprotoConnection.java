package io.groupkit.telegram.internal;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.Envelope;
import io.groupkit.mtproto.FrameReader;
import io.groupkit.mtproto.FrameWriter;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
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
 * <p>This class keeps the connection's life: the socket and its framing, the call loop with its
 * deadline, the keep-alive ping, reconnecting and closing. What the session stamps on a message
 * and what a message from the server means (its checks, the service messages, the answer) is
 * {@link MtprotoSession}'s; the connection holds one and calls it only under its own lock.
 */
public final class MtprotoConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MtprotoConnection.class);
    /** A server rejecting the same call this often is not going to accept it. */
    private static final int MAX_RESENDS = 5;
    private static final long IDLE_PROBE_NANOS = 50_000_000L;

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

    /**
     * Who is told of what the server pushes. Both run on the thread reading the connection, under
     * its lock: they record and return, never call the connection.
     */
    interface Updates {
        /**
         * The server pushed an {@code Updates} object.
         *
         * @param body its TL body
         */
        void pushed(byte[] body);

        /** What the server pushed may have been missed: the connection closed, or a new one opened. */
        void lost();
    }

    /** What exists only while a connection is open: the socket, its streams and framing. */
    private record Link(Socket socket, InputStream in, OutputStream out, FrameReader frames, FrameWriter writer) {
    }

    private final Settings settings;
    private final Envelope envelope;
    private final TimeSource time;
    private final RandomGenerator random;
    private final ReentrantLock lock = new ReentrantLock();
    private final MtprotoSession session; // its state is guarded by lock, like the fields below

    private @Nullable Link link; // null while no connection is open
    private final Deque<FrameReader.Frame> pendingFrames = new ArrayDeque<>();
    private final byte[] readBuffer = new byte[16 * 1024];
    private long lastIoNanos; // System.nanoTime() of the last answer, for the idle probe
    private boolean rewrapped; // a CONNECTION_NOT_INITED call already sent again wrapped
    private long lastUsedNanos;
    private int connections;
    private @Nullable Updates updates;

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
        this.time = time;
        this.random = random;
        this.session = new MtprotoSession(envelope, salt, time, random);
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
     * Tells a listener of the updates the server pushes from now on.
     *
     * @param listener the listener
     */
    void listen(Updates listener) {
        lock.lock();
        try {
            updates = listener;
            session.listen(listener);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads what the server pushed since the last call, without waiting for more (a millisecond at
     * most): so that the listener is up to date before it answers from what it recorded. A
     * connection the server closed is dropped (and the listener told).
     */
    void poll() {
        lock.lock();
        try {
            if (link == null) {
                return;
            }
            if (!readWhatArrived()) {
                drop();
                return;
            }
            while (!pendingFrames.isEmpty()) {
                if (pendingFrames.poll() instanceof FrameReader.Packet p) {
                    session.receive(p.payload(), 0); // no call waits: an answer here is a stale one
                }
            }
            answerPings();
            sendAcks();
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
                session.beginNewSessionIfDue(); // a new session must take initConnection again
                MtprotoSession.Sealed sealed = session.sealContent(
                        session.initialized() ? query : wrapForFirstCall(query));
                try {
                    send(sealed.payload());
                } catch (IOException e) {
                    drop();
                    return new RpcAnswer.Failure(RpcAnswer.Stage.NOT_SENT, 0, "sending failed (" + describe(e) + ")");
                }
                Object outcome = await(sealed.msgId(), deadline);
                if (outcome == MtprotoSession.Verdict.RESEND) {
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
                    if (session.initialized() && !rewrapped) {
                        session.initializationLost();
                        rewrapped = true;
                        continue;
                    }
                    return answer;
                }
                // The wrapper stays until a call succeeds: an rpc_error may come before the server
                // took initConnection (TDLib keeps it the same way).
                if (answer instanceof RpcAnswer.Result) {
                    session.initializationTaken();
                }
                rewrapped = false;
                return answer;
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean stillAlive(long deadline) {
        long pingId = random.nextLong();
        MtprotoSession.Sealed ping = session.sealContent(new TlWriter().int32(Constructors.PING).int64(pingId).toByteArray());
        try {
            send(ping.payload());
        } catch (IOException e) {
            return false;
        }
        long pingDeadline = Math.min(deadline, System.nanoTime() + settings.connectTimeout().toNanos());
        return await(ping.msgId(), pingDeadline) instanceof RpcAnswer.Result;
    }

    private void open() throws IOException {
        Socket s = new Socket();
        Link opened;
        try {
            s.connect(new InetSocketAddress(settings.host(), settings.port()), (int) settings.connectTimeout().toMillis());
            s.setTcpNoDelay(true);
            opened = new Link(s, s.getInputStream(), s.getOutputStream(),
                    new FrameReader(settings.framing(), settings.maxFrameBytes()), new FrameWriter(settings.framing()));
        } catch (IOException | RuntimeException e) {
            closeQuietly(s);
            throw e;
        }
        link = opened;
        pendingFrames.clear();
        tellLost(); // what was pushed while no connection was open is not coming
        session.restart();
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

    /** Writes one sealed message. */
    private void send(byte[] payload) throws IOException {
        Link live = link();
        live.out().write(live.writer().frame(payload));
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

    /** Reads until the answer to {@code msgId} arrives: an {@link RpcAnswer} or {@link MtprotoSession.Verdict#RESEND}. */
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
            Object outcome = session.receive(((FrameReader.Packet) frame).payload(), msgId);
            answerPings();
            if (outcome != null) {
                return outcome;
            }
        }
    }

    private void answerPings() {
        for (byte[] pong : session.takePongs()) {
            try {
                send(pong);
            } catch (IOException e) {
                LOG.debug("could not answer a ping: {}", describe(e));
            }
        }
    }

    private void sendAcks() {
        Optional<byte[]> acks = session.takeAcks();
        if (acks.isEmpty()) {
            return;
        }
        try {
            send(acks.get());
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

    /** Reads what has arrived, without waiting for more; false if the server closed the connection. */
    private boolean readWhatArrived() {
        Link live = link();
        try {
            live.socket().setSoTimeout(1);
            for (int reads = 0; reads < 64; reads++) { // at most a megabyte: the rest waits for the next call
                int n = live.in().read(readBuffer);
                if (n < 0) {
                    return false;
                }
                pendingFrames.addAll(live.frames().feed(java.util.Arrays.copyOf(readBuffer, n)));
            }
            return true;
        } catch (SocketTimeoutException quiet) {
            return true;
        } catch (IOException | TlException e) {
            return false;
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
            tellLost();
        }
        link = null;
    }

    private void tellLost() {
        Updates listener = updates;
        if (listener != null) {
            listener.lost();
        }
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
