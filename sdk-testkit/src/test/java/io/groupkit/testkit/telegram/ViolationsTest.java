package io.groupkit.testkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.Container;
import io.groupkit.mtproto.Envelope;
import io.groupkit.mtproto.FrameReader;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.InnerMessage;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Protocol violations a real server answers with bad_msg_notification
 * (core.telegram.org/mtproto/service_messages_about_messages), sent by hand to the fake server:
 * each gets its code.
 */
class ViolationsTest {
    private static final byte[] PING = new TlWriter().int32(Constructors.PING).int64(1).toByteArray();

    /** A client that writes whatever messages it is told to. */
    private static final class RawClient implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        final Envelope envelope;
        final FrameReader frames = new FrameReader(Framing.INTERMEDIATE, 1 << 20);
        final Deque<FrameReader.Frame> pending = new ArrayDeque<>();
        final long session = new SplittableRandom(5).nextLong();
        final TelegramSimulator sim;
        long nextId;

        RawClient(TelegramSimulator sim) throws Exception {
            this.sim = sim;
            socket = new Socket("127.0.0.1", sim.port());
            socket.setSoTimeout(5_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            envelope = new Envelope(sim.authKey());
            out.write(Framing.INTERMEDIATE.tag());
            nextId = (System.currentTimeMillis() / 1000) << 32;
        }

        long id() {
            nextId += 4L << 8;
            return nextId;
        }

        void send(long msgId, int seqNo, byte[] body) throws Exception {
            byte[] plain = new InnerMessage(sim.salt(), session, msgId, seqNo, body).encode();
            out.write(Framing.INTERMEDIATE.frame(envelope.encrypt(plain, Envelope.FROM_CLIENT, new SplittableRandom(1))));
            out.flush();
        }

        /** The error code of the next bad_msg_notification about {@code msgId}, skipping anything else. */
        int badMsgCode(long msgId) throws Exception {
            for (int i = 0; i < 20; i++) {
                while (pending.isEmpty()) {
                    byte[] buf = new byte[65_536];
                    int n = in.read(buf);
                    if (n < 0) {
                        return -1;
                    }
                    pending.addAll(frames.feed(Arrays.copyOf(buf, n)));
                }
                FrameReader.Frame f = pending.poll();
                if (!(f instanceof FrameReader.Packet p)) {
                    continue;
                }
                InnerMessage m = InnerMessage.decode(envelope.decrypt(p.payload(), Envelope.FROM_SERVER));
                TlReader r = new TlReader(m.body());
                if (r.int32() == Constructors.BAD_MSG_NOTIFICATION && r.int64() == msgId) {
                    r.int32();
                    return r.int32();
                }
            }
            return 0;
        }

        /** Sends a message whose length field claims 16 bytes more than it holds: its padding then falls below 12. */
        void sendWithBadPadding(long msgId, int seqNo, byte[] body) throws Exception {
            byte[] plain = new InnerMessage(sim.salt(), session, msgId, seqNo, body).encode();
            java.nio.ByteBuffer.wrap(plain, 28, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(body.length + 16);
            java.util.random.RandomGenerator noNoise = () -> 0L; // the least padding the envelope adds: 12 to 27 bytes
            out.write(Framing.INTERMEDIATE.frame(envelope.encrypt(plain, Envelope.FROM_CLIENT, noNoise)));
            out.flush();
        }

        /** The next transport error, skipping packets; 0 if the connection closed without one. */
        int transportError() throws Exception {
            while (true) {
                while (pending.isEmpty()) {
                    byte[] buf = new byte[65_536];
                    int n = in.read(buf);
                    if (n < 0) {
                        return 0;
                    }
                    pending.addAll(frames.feed(Arrays.copyOf(buf, n)));
                }
                if (pending.poll() instanceof FrameReader.TransportError e) {
                    return e.code();
                }
            }
        }

        boolean closedByServer() throws Exception {
            return in.read() < 0;
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void eachViolationGetsTheCodeARealServerSends() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start(); RawClient c = new RawClient(sim)) {
            long first = c.id();
            c.send(first, 1, PING);
            long parity = c.id() | 1; // a server's parity
            c.send(parity, 3, PING);
            assertEquals(18, c.badMsgCode(parity), "msg_id not divisible by 4");
            long even = c.id();
            c.send(even, 4, PING);
            assertEquals(35, c.badMsgCode(even), "even seq_no for a content-related message");
            long oddAck = c.id();
            c.send(oddAck, 5, new TlWriter().int32(Constructors.MSGS_ACK).vectorOfLongs(first).toByteArray());
            assertEquals(34, c.badMsgCode(oddAck), "odd seq_no for an acknowledgment");
            long ok = c.id();
            c.send(ok, 5, PING);
            long lowerSeq = c.id();
            c.send(lowerSeq, 3, PING);
            assertEquals(32, c.badMsgCode(lowerSeq), "seq_no lower than one already received");
            long lowerId = c.id() - (8L << 32);
            c.send(lowerId, 7, PING);
            assertEquals(16, c.badMsgCode(lowerId), "msg_id lower than one already received");
            long inner = c.id();
            long container = inner - 4; // below the message it holds, above everything sent before
            c.send(container, 8, Container.encode(List.of(new Container.Item(inner, 9, PING))));
            assertEquals(64, c.badMsgCode(container), "a container's id below its content's");
            long innerContainer = c.id();
            long outer = c.id();
            byte[] nested = Container.encode(List.of(new Container.Item(c.id() - (1L << 20), 11, PING)));
            c.send(outer, 10, Container.encode(List.of(new Container.Item(innerContainer, 10, nested))));
            assertEquals(64, c.badMsgCode(outer), "a container in a container");
            assertTrue(sim.connectionsAccepted() == 1);
        }
    }

    @Test
    void aContainerReusingAReceivedMessagesIdIsCode19() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start(); RawClient c = new RawClient(sim)) {
            long first = c.id();
            c.send(first, 1, PING);
            long inner = c.id();
            c.send(first, 2, Container.encode(List.of(new Container.Item(first - 4, 3, PING)))); // first's id again
            assertEquals(19, c.badMsgCode(first), "container msg_id equal to a message already received");
            long later = c.id();
            c.send(later, 4, Container.encode(List.of(new Container.Item(inner, 5, PING))));
            long reused = c.id();
            c.send(inner, 6, Container.encode(List.of(new Container.Item(reused - (1L << 20), 7, PING))));
            assertEquals(19, c.badMsgCode(inner), "nor the id of a message that came in a container");
        }
    }

    @Test
    void aPacketWithBadPaddingOrABadMsgKeyIsTransportError404AndTheEnd() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start(); RawClient c = new RawClient(sim)) {
            c.sendWithBadPadding(c.id(), 1, PING);
            assertEquals(-404, c.transportError());
            assertTrue(c.closedByServer(), "nothing more is read from that connection");
        }
        try (TelegramSimulator sim = TelegramSimulator.start(); RawClient c = new RawClient(sim)) {
            byte[] plain = new InnerMessage(sim.salt(), c.session, c.id(), 1, PING).encode();
            byte[] packet = c.envelope.encrypt(plain, Envelope.FROM_CLIENT, new SplittableRandom(2));
            packet[packet.length - 1] ^= 1; // corrupted on the way: msg_key no longer matches
            c.out.write(Framing.INTERMEDIATE.frame(packet));
            c.out.flush();
            assertEquals(-404, c.transportError());
        }
    }
}
