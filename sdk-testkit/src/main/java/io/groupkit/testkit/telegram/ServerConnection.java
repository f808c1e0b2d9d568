package io.groupkit.testkit.telegram;

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
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/** The server side of one connection: transport detection, the envelope, service messages, faults. */
final class ServerConnection {
    private static final int MAX_FRAME = 1 << 20;

    private final TelegramSimulator sim;
    private final Socket socket;
    private volatile Envelope envelope; // the key of this connection's last decrypted packet
    private io.groupkit.mtproto.@Nullable AuthKeyServer keyExchange; // a key being made on this connection, if one is
    private final Methods methods;
    private final SplittableRandom random;
    private volatile @Nullable FrameWriter writer; // set once the transport is known
    private volatile @Nullable OutputStream out; // set once connected
    private volatile long sessionId; // read by pushes, from the thread of the change
    private volatile boolean sessionKnown;
    private boolean initialized;
    private long lastMsgId; // guarded by ids, like contentSent
    private final Object ids = new Object(); // message ids and seq_nos, shared with the pushes
    private int layer = 228; // what invokeWithLayer asked for
    private volatile long disconnectGeneration; // the last ping_delay_disconnect's
    private static final int INPUT_CLIENT_PROXY = 0x75588b3f;
    private long highestMsgId; // of the client's accepted messages in this session
    private final java.util.Set<Long> received = new java.util.HashSet<>(); // their ids, and the ids in their containers
    private int lastContentSeq = -1; // of the client's last content-related message in this session
    private int contentSent;

    ServerConnection(TelegramSimulator sim, Socket socket) {
        this.sim = sim;
        this.socket = socket;
        this.envelope = new Envelope(sim.key());
        this.methods = new Methods(sim);
        this.random = new SplittableRandom(sim.nextRandom());
    }

    void run() {
        try (socket) {
            InputStream in = socket.getInputStream();
            out = socket.getOutputStream();
            byte[] first = in.readNBytes(4);
            Framing framing = detect(first);
            if (framing == null) {
                return;
            }
            writer = new FrameWriter(framing);
            FrameReader frames = new FrameReader(framing, MAX_FRAME);
            byte[] buf = new byte[16 * 1024];
            int n;
            byte[] early = switch (framing) { // what of the first four bytes is already a packet's
                case ABRIDGED -> Arrays.copyOfRange(first, 1, 4);
                case INTERMEDIATE -> new byte[0];
                case FULL -> first;
            };
            for (FrameReader.Frame f : frames.feed(early)) {
                if (f instanceof FrameReader.Packet p && !onPacket(p.payload())) {
                    return;
                }
            }
            while ((n = in.read(buf)) > 0) {
                for (FrameReader.Frame f : frames.feed(Arrays.copyOf(buf, n))) {
                    if (f instanceof FrameReader.Packet p && !onPacket(p.payload())) {
                        return;
                    }
                }
            }
        } catch (IOException | TlException e) {
            // the client went away or sent a broken frame: the connection ends, as a real server's would
        }
    }

    /** The transport the client's first four bytes name: a tag, or else the length of a full-transport packet. */
    private static @Nullable Framing detect(byte[] first) {
        if (first.length == 4 && Framing.detect(first) != null) {
            return Framing.detect(first);
        }
        if (first.length >= 1 && (first[0] & 0xff) == 0xef) {
            return Framing.ABRIDGED; // a short first packet may follow the tag in fewer than three bytes
        }
        return Framing.detectFull(first, MAX_FRAME) ? Framing.FULL : null;
    }

    /**
     * Sends an {@code Updates} the client did not ask for: a content-related message of the
     * server's own (msg_id 3 modulo 4, odd seq_no), once the client's session is known. Runs on the
     * thread that recorded the change, under the simulator's lock; a connection that has gone is
     * skipped.
     */
    void push(byte[] updates) {
        if (!sessionKnown || writer == null || !sim.authorized(envelope.authKeyId())) {
            return; // a key not logged in gets no account's updates
        }
        try {
            send(updates, Sent.OWN);
        } catch (IOException | RuntimeException e) {
            // the connection went away: the client fetches the difference on its next one
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** Handles one packet; false to end the connection. */
    private boolean onPacket(byte[] payload) throws IOException {
        if (io.groupkit.mtproto.PlainMessage.isPlain(payload)) {
            return onPlain(payload);
        }
        Envelope known = payload.length >= 8 ? sim.envelope(readLong(payload)) : null;
        if (known == null) {
            sendRaw(new TlWriter().int32(-404).toByteArray());
            return true;
        }
        envelope = known;
        InnerMessage m;
        try {
            m = InnerMessage.decode(envelope.decrypt(payload, Envelope.FROM_CLIENT));
        } catch (TlException e) {
            // A wrong msg_key, padding outside 12..1024 bytes, a length that does not fit: Telegram
            // answers every packet it cannot read with transport error -404 and reads no further.
            sendRaw(new TlWriter().int32(-404).toByteArray());
            return false;
        }
        if (!sessionKnown || m.sessionId() != sessionId) {
            sessionId = m.sessionId(); // before sessionKnown: a push reads them in the other order
            sessionKnown = true;
            initialized = false;
            highestMsgId = 0;
            received.clear();
            lastContentSeq = -1;
            synchronized (ids) {
                lastMsgId = 0; // a new session's ids tell the server's time again
            }
            if (sim.announcesNewSessions()) {
                send(new TlWriter().int32(Constructors.NEW_SESSION_CREATED).int64(m.msgId()).int64(random.nextLong())
                        .int64(sim.salt()).toByteArray(), Sent.RESPONSE);
            }
        }
        long clientSeconds = m.msgId() >>> 32;
        long serverSeconds = sim.serverEpochNanos() / 1_000_000_000L;
        if (clientSeconds < serverSeconds - 300 || clientSeconds > serverSeconds + 30) {
            sendBadMsg(m.msgId(), m.seqNo(), clientSeconds < serverSeconds ? 16 : 17);
            return true;
        }
        if (m.salt() != sim.salt()) {
            sendBadSalt(m.msgId(), m.seqNo());
            return true;
        }
        if ((m.msgId() & 3) != 0) {
            sendBadMsg(m.msgId(), m.seqNo(), 18); // a client's msg_id is divisible by 4
            return true;
        }
        boolean contentRelated = contentRelated(m.body());
        if (contentRelated != ((m.seqNo() & 1) == 1)) {
            sendBadMsg(m.msgId(), m.seqNo(), contentRelated ? 35 : 34); // odd seq_no for content, even otherwise
            return true;
        }
        if (contentRelated && m.seqNo() <= lastContentSeq) {
            sendBadMsg(m.msgId(), m.seqNo(), 32); // seq_no too low
            return true;
        }
        if (received.contains(m.msgId()) && m.body().length >= 4 && readInt(m.body()) == Constructors.MSG_CONTAINER) {
            sendBadMsg(m.msgId(), m.seqNo(), 19); // a container reusing the id of a message already received
            return true;
        }
        if (m.msgId() <= highestMsgId) {
            // msg_ids only grow within a session; a lower one is refused as "too low"
            sendBadMsg(m.msgId(), m.seqNo(), 16);
            return true;
        }
        highestMsgId = m.msgId();
        received.add(m.msgId());
        if (contentRelated) {
            lastContentSeq = m.seqNo();
        }
        try {
            return onBody(m.msgId(), m.seqNo(), m.body());
        } catch (TlException e) {
            return true;
        }
    }

    /**
     * An unencrypted packet: a step of making an auth key, answered unencrypted. A step that fails
     * a check ends the connection, as a data centre does.
     */
    private boolean onPlain(byte[] payload) throws IOException {
        try {
            byte[] body = io.groupkit.mtproto.PlainMessage.body(payload);
            io.groupkit.mtproto.AuthKeyServer keyExchange = this.keyExchange;
            if (keyExchange == null || new io.groupkit.mtproto.TlReader(body).int32() == 0xbe7e8ef1) {
                keyExchange = sim.newKeyExchange();
                this.keyExchange = keyExchange;
            }
            byte[] answer = keyExchange.answer(body);
            keyExchange.authKey().ifPresent(sim::registerKey); // known before the client hears of it
            sendRaw(io.groupkit.mtproto.PlainMessage.wrap(nextMsgId(Sent.RESPONSE), answer));
            return true;
        } catch (TlException | io.groupkit.mtproto.AuthKeyException e) {
            return false;
        }
    }

    private boolean onBody(long msgId, int seqNo, byte[] body) throws IOException, TlException {
        TlReader r = new TlReader(body);
        int ctor = r.int32();
        switch (ctor) {
            case Constructors.MSG_CONTAINER -> {
                List<Container.Item> items;
                try {
                    items = Container.decode(r);
                } catch (TlException invalid) { // a nested container, a bad length: said, not dropped
                    sendBadMsg(msgId, seqNo, 64);
                    return true;
                }
                for (Container.Item item : items) {
                    // A container holds no container, and its own id is above every message in it.
                    if (item.msgId() >= msgId || contentRelated(item.body()) != ((item.seqNo() & 1) == 1)
                            || item.body().length >= 4 && readInt(item.body()) == Constructors.MSG_CONTAINER) {
                        sendBadMsg(msgId, seqNo, 64);
                        return true;
                    }
                }
                for (Container.Item item : items) {
                    received.add(item.msgId());
                    if (!onBody(item.msgId(), item.seqNo(), item.body())) {
                        return false;
                    }
                }
                return true;
            }
            case Constructors.MSGS_ACK -> {
                return true;
            }
            case Constructors.PING -> {
                long pingId = r.int64();
                send(new TlWriter().int32(Constructors.PONG).int64(msgId).int64(pingId).toByteArray(), Sent.SERVICE);
                return true;
            }
            case Constructors.PING_DELAY_DISCONNECT -> {
                long pingId = r.int64();
                int delay = r.int32();
                send(new TlWriter().int32(Constructors.PONG).int64(msgId).int64(pingId).toByteArray(), Sent.SERVICE);
                // The connection closes delay seconds after the last such ping, as a server's does.
                long generation = ++disconnectGeneration;
                sim.later(java.time.Duration.ofSeconds(Math.max(1, delay)), () -> {
                    if (disconnectGeneration == generation) {
                        close();
                    }
                });
                return true;
            }
            case Constructors.INVOKE_WITH_LAYER -> {
                layer = r.int32();
                methods.layer(layer);
                if (r.int32() != Constructors.INIT_CONNECTION) {
                    return answer(msgId, seqNo, error(400, "CONNECTION_NOT_INITED"));
                }
                int flags = r.int32();
                r.int32();
                for (int i = 0; i < 6; i++) {
                    r.string();
                }
                if ((flags & 1) != 0) { // proxy: inputClientProxy address:string port:int
                    if (r.int32() != INPUT_CLIENT_PROXY) {
                        return answer(msgId, seqNo, error(400, "INPUT_FETCH_FAIL"));
                    }
                    r.string();
                    r.int32();
                }
                if ((flags & 1 << 1) != 0 && !skipJson(r, 0)) { // params: JSONValue
                    return answer(msgId, seqNo, error(400, "INPUT_FETCH_FAIL"));
                }
                initialized = true;
                sim.countInitConnection();
                return onQuery(msgId, seqNo, r.rest());
            }
            default -> {
                return onQuery(msgId, seqNo, body);
            }
        }
    }

    private boolean onQuery(long msgId, int seqNo, byte[] query) throws IOException {
        ServerFault fault = sim.nextFault().orElse(null);
        if (fault instanceof ServerFault.BadServerSalt) {
            sim.newSalt();
            sendBadSalt(msgId, seqNo);
            return true;
        }
        if (fault instanceof ServerFault.BadMsgNotification bad) {
            sendBadMsg(msgId, seqNo, bad.code());
            return true;
        }
        if (fault instanceof ServerFault.TransportError t) {
            sendRaw(new TlWriter().int32(t.code()).toByteArray());
            return true;
        }
        if (fault instanceof ServerFault.DropUnapplied) {
            return false;
        }
        byte[] result;
        if (fault instanceof ServerFault.RpcError e) {
            result = error(e.code(), e.message());
        } else if (!initialized) {
            result = error(400, "CONNECTION_NOT_INITED");
        } else if (query.length >= 4 && LoginDesk.handles(readInt(query))) {
            synchronized (sim) {
                result = sim.login().call(envelope.authKeyId(), query, layer);
            }
        } else if (!sim.authorized(envelope.authKeyId())) {
            result = error(401, "AUTH_KEY_UNREGISTERED");
        } else {
            String moved = query.length >= 4 ? sim.migratedCallError(readInt(query)) : null;
            result = moved != null ? error(303, moved) : methods.call(query);
        }
        if (fault instanceof ServerFault.DropAfterApplying) {
            return false;
        }
        if (fault instanceof ServerFault.Silence) {
            return true;
        }
        if (fault instanceof ServerFault.GzipAnswer) {
            return answer(msgId, seqNo, Gzip.pack(result));
        }
        if (fault instanceof ServerFault.ContainerWithUpdates) {
            byte[] rpcResult = new TlWriter().int32(Constructors.RPC_RESULT).int64(msgId).raw(result).toByteArray();
            send(Container.encode(List.of(
                    new Container.Item(nextMsgId(Sent.OWN), nextSeq(Sent.OWN), Methods.emptyUpdates()),
                    new Container.Item(nextMsgId(Sent.SERVICE), nextSeq(Sent.SERVICE),
                            new TlWriter().int32(Constructors.MSGS_ACK).vectorOfLongs(msgId).toByteArray()),
                    new Container.Item(nextMsgId(Sent.RESPONSE), nextSeq(Sent.RESPONSE), rpcResult))), Sent.SERVICE);
            return true;
        }
        if (fault instanceof ServerFault.NoiseFirst) {
            send(new TlWriter().int32(Constructors.UPDATES_TOO_LONG).toByteArray(), Sent.RESPONSE);
            byte[] wrongKey = new byte[24 + 64];
            random.nextBytes(wrongKey);
            sendRaw(wrongKey);
            byte[] garbled = envelope.encrypt(new InnerMessage(sim.salt(), sessionId, nextMsgId(Sent.SERVICE), nextSeq(Sent.SERVICE),
                    Methods.emptyUpdates()).encode(), Envelope.FROM_SERVER, random);
            garbled[garbled.length - 1] ^= 0x5a;
            sendRaw(garbled);
            sendRaw(Arrays.copyOf(garbled, 40)); // cut short
            // Answers to the pending call that a client must refuse: another session, a client's
            // msg_id parity, and a msg_id ten minutes old.
            byte[] bogus = new TlWriter().int32(Constructors.RPC_RESULT).int64(msgId).raw(error(400, "BOGUS_ANSWER"))
                    .toByteArray();
            long tenMinutesAgo = nextMsgId(Sent.RESPONSE) - (600L << 32);
            for (InnerMessage m : List.of(
                    new InnerMessage(sim.salt(), sessionId + 1, nextMsgId(Sent.RESPONSE), nextSeq(Sent.RESPONSE), bogus),
                    new InnerMessage(sim.salt(), sessionId, nextMsgId(Sent.RESPONSE) + 3, nextSeq(Sent.RESPONSE), bogus),
                    new InnerMessage(sim.salt(), sessionId, tenMinutesAgo, nextSeq(Sent.RESPONSE), bogus))) {
                sendRaw(envelope.encrypt(m.encode(), Envelope.FROM_SERVER, random));
            }
            byte[] packet = packet(new TlWriter().int32(Constructors.RPC_RESULT).int64(msgId).raw(result).toByteArray(),
                    Sent.RESPONSE);
            sendRaw(packet);
            sendRaw(packet); // the same message again: a client must drop it
            return true;
        }
        return answer(msgId, seqNo, result);
    }

    private boolean answer(long reqMsgId, int seqNo, byte[] result) throws IOException {
        sendRaw(packet(new TlWriter().int32(Constructors.RPC_RESULT).int64(reqMsgId).raw(result).toByteArray(), Sent.RESPONSE));
        return true;
    }

    static byte[] error(int code, String message) {
        return new TlWriter().int32(Constructors.RPC_ERROR).int32(code).string(message).toByteArray();
    }

    private void sendBadSalt(long badMsgId, int badSeqNo) throws IOException {
        send(new TlWriter().int32(Constructors.BAD_SERVER_SALT).int64(badMsgId).int32(badSeqNo).int32(48)
                .int64(sim.salt()).toByteArray(), Sent.SERVICE);
    }

    private void sendBadMsg(long badMsgId, int badSeqNo, int code) throws IOException {
        send(new TlWriter().int32(Constructors.BAD_MSG_NOTIFICATION).int64(badMsgId).int32(badSeqNo).int32(code)
                .toByteArray(), Sent.SERVICE);
    }

    /**
     * What a message the server sends is, which sets its msg_id's parity and its seq_no. (The fake
     * sends its pongs and notifications as service messages.)
     */
    private enum Sent {
        /** An answer to a client's message: msg_id 1 modulo 4, content-related (odd seq_no). */
        RESPONSE,
        /** A content-related message of the server's own, such as updates: msg_id 3 modulo 4. */
        OWN,
        /** Not content-related (an ack, a container, a notification): msg_id 3 modulo 4, even seq_no. */
        SERVICE
    }

    private void send(byte[] body, Sent sent) throws IOException {
        sendRaw(packet(body, sent));
    }

    private byte[] packet(byte[] body, Sent sent) {
        InnerMessage m = new InnerMessage(sim.salt(), sessionId, nextMsgId(sent), nextSeq(sent), body);
        return envelope.encrypt(m.encode(), Envelope.FROM_SERVER, random);
    }

    private synchronized void sendRaw(byte[] payload) throws IOException {
        OutputStream out = this.out;
        FrameWriter writer = this.writer;
        if (out == null || writer == null) {
            throw new IllegalStateException("nothing is sent before the client's transport is known");
        }
        out.write(writer.frame(payload));
        out.flush();
    }

    /** Server ids: time-based, 1 modulo 4 for responses and 3 otherwise, strictly increasing. */
    private long nextMsgId(Sent sent) {
        long nanos = sim.serverEpochNanos(); // before the ids lock: the simulator's lock is never taken under it
        synchronized (ids) {
            return nextMsgId(sent, nanos);
        }
    }

    private long nextMsgId(Sent sent, long nanos) {
        long id = (nanos / 1_000_000_000L) << 32 | ((nanos % 1_000_000_000L) << 32) / 1_000_000_000L;
        id = (id & ~3L) | (sent == Sent.RESPONSE ? 1 : 3);
        if (id <= lastMsgId) {
            id = lastMsgId + 4; // a clock set back: go on from the last id (a loop of +4 would take hours)
        }
        lastMsgId = id;
        return id;
    }

    private int nextSeq(Sent sent) {
        synchronized (ids) {
            return sent != Sent.SERVICE ? 2 * contentSent++ + 1 : 2 * contentSent;
        }
    }

    /** Whether a message needs an acknowledgment (and an odd seq_no): all but acks and containers. */
    private static boolean contentRelated(byte[] body) {
        if (body.length < 4) {
            return true;
        }
        int c = readInt(body);
        return c != Constructors.MSGS_ACK && c != Constructors.MSG_CONTAINER;
    }

    /** Skips one JSONValue (initConnection's params); false if it is not one. */
    private static boolean skipJson(TlReader r, int depth) throws TlException {
        if (depth > 32) {
            return false;
        }
        switch (r.int32()) {
            case 0x3f6d7b68 -> { } // jsonNull
            case 0xc7345e6a -> r.bool(); // jsonBool
            case 0x2be0dfa4 -> r.int64(); // jsonNumber (a double)
            case 0xb71e767a -> r.string(); // jsonString
            case 0xf7444763 -> { // jsonArray
                int n = r.vectorHeader(4);
                for (int i = 0; i < n; i++) {
                    if (!skipJson(r, depth + 1)) {
                        return false;
                    }
                }
            }
            case 0x99c1d49d -> { // jsonObject
                int n = r.vectorHeader(8);
                for (int i = 0; i < n; i++) {
                    if (r.int32() != 0xc0de1bd9) { // jsonObjectValue
                        return false;
                    }
                    r.string();
                    if (!skipJson(r, depth + 1)) {
                        return false;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static int readInt(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    private static long readLong(byte[] b) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }
}
