package io.groupkit.telegram.internal;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.Container;
import io.groupkit.mtproto.Envelope;
import io.groupkit.mtproto.Gzip;
import io.groupkit.mtproto.InnerMessage;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MTProto session a connection carries: its session_id, server salt, message ids and
 * sequence numbers (the protocol's session, not the {@code TelegramSession} login). It seals what
 * the connection sends and opens, checks and reads what the server sends back.
 *
 * <p>It exists so that the protocol's rules for a session stand apart from the connection's life.
 * {@code MtprotoConnection} opens and drops the socket, reads frames against a deadline and runs
 * the call loop; this decides what each message from the server means (the answer awaited, or a
 * service message that corrects the salt, the clock or the sequence) and what is owed back
 * (acknowledgements, pongs). It does no I/O and never calls the connection: what is to be sent it
 * hands back sealed, for the connection to write.
 *
 * <p>Incoming messages are checked before anything is read from them: the msg_key (by the
 * envelope, in constant time), the session id, the server parity and freshness of msg_id, and
 * duplicates. A message failing a check is dropped and the connection goes on.
 *
 * <p>Not thread-safe: all its state is guarded by the {@code ReentrantLock} of the
 * {@code MtprotoConnection} that owns it, which holds that lock around every call here.
 */
final class MtprotoSession {
    private static final Logger LOG = LoggerFactory.getLogger(MtprotoSession.class);
    private static final int SEEN_IDS = 2048;
    private static final int MAX_INFLATED = 16 * 1024 * 1024;

    /** What {@link #receive} says when the message awaited must be sent again (after a salt, clock or sequence repair). */
    enum Verdict { RESEND }

    /**
     * A content-related message ready to write.
     *
     * @param msgId its msg_id, which the answer names
     * @param payload the encrypted message, to be framed
     */
    record Sealed(long msgId, byte[] payload) {
    }

    private final Envelope envelope;
    private final TimeSource time;
    private final RandomGenerator random;

    // Guarded, like everything below, by the owning MtprotoConnection's lock.
    private MessageIds ids; // replaced by restart() on each new connection
    private final Set<Long> seen = new LinkedHashSet<>();
    private final List<Long> toAck = new ArrayList<>();
    private final List<byte[]> pongs = new ArrayList<>(); // sealed answers to the server's pings, not yet written
    private long sessionId;
    private long salt;
    private boolean initialized; // the server took initConnection in this session
    private boolean newSessionDue; // the clock went back: the next message begins a new session
    private MtprotoConnection.@Nullable Updates updates; // told of what the server pushes, if anyone listens

    /**
     * A session not yet begun: {@link #restart} begins it when a connection opens.
     *
     * @param envelope the auth key's envelope
     * @param salt the first server salt (0 if unknown: the server corrects it)
     * @param time the clock for message ids
     * @param random the source of session ids and padding
     */
    MtprotoSession(Envelope envelope, long salt, TimeSource time, RandomGenerator random) {
        this.envelope = envelope;
        this.salt = salt;
        this.time = time;
        this.random = random;
        this.ids = new MessageIds(time);
    }

    /**
     * Who is told of the updates the server pushes (on the thread reading the connection).
     *
     * @param listener the listener
     */
    void listen(MtprotoConnection.Updates listener) {
        updates = listener;
    }

    /** A connection opened: a new session begins, with new message ids. The salt is kept. */
    void restart() {
        ids = new MessageIds(time);
        seen.clear();
        toAck.clear();
        pongs.clear();
        sessionId = random.nextLong();
        newSessionDue = false;
        initialized = false;
    }

    /**
     * Whether the server took this session's initConnection: until it has, calls go wrapped in it.
     *
     * @return true once a call in this session succeeded
     */
    boolean initialized() {
        return initialized;
    }

    /** A call succeeded: the server has taken initConnection. */
    void initializationTaken() {
        initialized = true;
    }

    /** The server lost (or never took) initConnection: the next call goes wrapped again. */
    void initializationLost() {
        initialized = false;
    }

    /**
     * Begins the new session a backward clock correction made due, so that {@link #initialized}
     * tells about the session the next message goes in.
     */
    void beginNewSessionIfDue() {
        if (newSessionDue) {
            newSessionDue = false;
            sessionId = random.nextLong();
            initialized = false;
            seen.clear();
            LOG.debug("the corrected clock is behind the ids sent: a new session begins");
        }
    }

    /**
     * Seals a content-related message (a call, a ping) with the next msg_id.
     *
     * @param body the TL body
     * @return its msg_id and encrypted payload
     */
    Sealed sealContent(byte[] body) {
        beginNewSessionIfDue();
        long msgId = ids.next();
        return new Sealed(msgId, seal(msgId, ids.contentSeqNo(), body));
    }

    /**
     * The acknowledgements owed for what the server sent, sealed; afterwards none are owed.
     *
     * @return the msgs_ack message, or empty if nothing is owed
     */
    Optional<byte[]> takeAcks() {
        if (toAck.isEmpty()) {
            return Optional.empty();
        }
        long[] acks = toAck.stream().mapToLong(Long::longValue).toArray();
        toAck.clear();
        return Optional.of(sealService(new TlWriter().int32(Constructors.MSGS_ACK).vectorOfLongs(acks).toByteArray()));
    }

    /**
     * The pongs owed for the server's pings, sealed when the pings were read; afterwards none are owed.
     *
     * @return the pongs, in the order of the pings
     */
    List<byte[]> takePongs() {
        if (pongs.isEmpty()) {
            return List.of();
        }
        List<byte[]> due = List.copyOf(pongs);
        pongs.clear();
        return due;
    }

    private byte[] sealService(byte[] body) {
        beginNewSessionIfDue();
        long msgId = ids.next();
        return seal(msgId, ids.serviceSeqNo(), body);
    }

    private byte[] seal(long msgId, int seqNo, byte[] body) {
        byte[] plain = new InnerMessage(salt, sessionId, msgId, seqNo, body).encode();
        return envelope.encrypt(plain, Envelope.FROM_CLIENT, random);
    }

    /**
     * One packet from the server, checked and read.
     *
     * @param payload the packet's payload, encrypted
     * @param waitingFor the msg_id of the message whose answer is awaited
     * @return the answer awaited (an {@link RpcAnswer} or {@link Verdict#RESEND}), or null to read on
     */
    @Nullable Object receive(byte[] payload, long waitingFor) {
        InnerMessage message = open(payload);
        if (message == null) {
            return null;
        }
        if (message.contentRelated()) {
            toAck.add(message.msgId());
        }
        try {
            return handle(message.msgId(), message.body(), waitingFor);
        } catch (TlException e) {
            LOG.debug("dropped a message the server sent: {}", e.getMessage());
            return null;
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
        if (!ids.fresh(m.msgId()) && !exemptFromFreshness(m.body())) {
            if (!ids.aheadWithinReason(m.msgId())) {
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
    private static boolean exemptFromFreshness(byte[] body) {
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

    /**
     * One message from the server, its acknowledgement already owed if it needs one: the answer
     * awaited (an {@link RpcAnswer} or a {@link Verdict}), or null to read on.
     */
    private @Nullable Object handle(long serverMsgId, byte[] body, long waitingFor) throws TlException {
        TlReader r = new TlReader(body);
        int ctor = r.int32();
        switch (ctor) {
            case Constructors.MSG_CONTAINER -> {
                Object first = null;
                for (Container.Item item : Container.decode(r)) {
                    if (!remember(item.msgId())) {
                        continue;
                    }
                    if (item.contentRelated()) {
                        toAck.add(item.msgId());
                    }
                    Object outcome = handle(item.msgId(), item.body(), waitingFor);
                    // Read the whole container: a salt or session change may come with the answer.
                    if (first == null) {
                        first = outcome;
                    }
                }
                return first;
            }
            case Constructors.GZIP_PACKED -> {
                return handle(serverMsgId, Gzip.unpack(r.bytes(), MAX_INFLATED), waitingFor);
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
                if (!ids.fresh(serverMsgId)) {
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
                // Sealed now, in the session and sequence of this moment; the connection writes it.
                pongs.add(sealService(new TlWriter().int32(Constructors.PONG).int64(serverMsgId).int64(pingId).toByteArray()));
                return null;
            }
            case UpdatesTl.UPDATES, UpdatesTl.UPDATES_COMBINED, UpdatesTl.UPDATE_SHORT, UpdatesTl.UPDATES_TOO_LONG,
                 UpdatesTl.UPDATE_SHORT_MESSAGE, UpdatesTl.UPDATE_SHORT_CHAT_MESSAGE -> {
                MtprotoConnection.Updates listener = updates;
                if (listener != null) {
                    listener.pushed(body); // only recorded: this is the thread that reads the connection
                }
                return null;
            }
            default -> {
                // Acks, detailed infos and future salts need nothing from us but the ack.
                return null;
            }
        }
    }

    /** The clock corrected; a correction backwards starts a new session, as msg_ids may not go back in one. */
    private void resync(long serverMsgId) {
        if (ids.resync(serverMsgId)) {
            // Not at once: what the server still sends in this session (the bad_msg_notification that
            // follows a new_session_created) must not be dropped. The next message sent begins it.
            newSessionDue = true;
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
                ids.shiftSeqNo(32);
                return Verdict.RESEND;
            }
            case 33 -> {
                ids.shiftSeqNo(-8);
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
}
