package io.groupkit.mtproto;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Cuts a byte stream into packets as bytes arrive in any chunks. A length is checked against a
 * cap before anything is allocated for it, so a hostile or broken peer gets a
 * {@link TlException}, never a huge buffer or a hang; a peer whose first bytes are an HTTP answer
 * gets a {@link ForeignProtocol}, not a length of 1,347,703,880 bytes.
 */
public final class FrameReader {
    /** A packet, or the transport's error code (a lone negative int such as -404). */
    public sealed interface Frame {
    }

    /**
     * A packet's payload.
     *
     * @param payload the bytes
     */
    public record Packet(byte[] payload) implements Frame {
    }

    /**
     * A transport error: -404 unknown auth key, -429 flood, -444 invalid data centre.
     *
     * @param code the code
     */
    public record TransportError(int code) implements Frame {
    }

    /**
     * The peer is no MTProto server: the first bytes it sent are another protocol's (an HTTP
     * status line, from a web server or a proxy on the port). Nothing after them is read.
     *
     * @param protocol the protocol the bytes name, such as {@code HTTP}
     */
    public record ForeignProtocol(String protocol) implements Frame {
    }

    /** What an HTTP answer begins with; read as a length, these four bytes announce 1,347,703,880 bytes. */
    private static final byte[] HTTP = {'H', 'T', 'T', 'P'};

    private final Framing framing;
    private final int maxPayload;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private int nextSeq; // the full transport's packet count from the peer
    private boolean started; // the stream's first four bytes were checked for another protocol
    private boolean foreign; // the peer spoke another protocol: nothing more is read

    /**
     * A reader.
     *
     * @param framing the transport
     * @param maxPayload the largest payload accepted
     */
    public FrameReader(Framing framing, int maxPayload) {
        this.framing = framing;
        this.maxPayload = maxPayload;
    }

    /**
     * Takes bytes as they arrive and returns the packets they complete.
     *
     * @param chunk the bytes
     * @return complete frames, in order; empty if none is complete yet
     * @throws TlException if a length is impossible (too large, or not a whole number of words)
     */
    public List<Frame> feed(byte[] chunk) throws TlException {
        if (foreign) {
            return List.of();
        }
        buffer.write(chunk, 0, chunk.length);
        byte[] all = buffer.toByteArray();
        List<Frame> frames = new ArrayList<>();
        if (!started) {
            int seen = Math.min(all.length, HTTP.length);
            if (Arrays.equals(all, 0, seen, HTTP, 0, seen)) {
                if (seen < HTTP.length) {
                    return frames; // "H", "HT", "HTT": wait for the fourth byte before reading a length
                }
                foreign = true;
                buffer.reset();
                frames.add(new ForeignProtocol("HTTP"));
                return frames;
            }
            started = true;
        }
        int pos = 0;
        while (true) {
            int header;
            long length;
            int avail = all.length - pos;
            if (framing == Framing.FULL) {
                int taken = full(all, pos, avail, frames);
                if (taken == 0) {
                    break;
                }
                pos += taken;
                continue;
            }
            if (framing == Framing.ABRIDGED) {
                if (avail < 1) {
                    break;
                }
                int first = all[pos] & 0xff;
                if (first < 0x7f) {
                    header = 1;
                    length = first * 4L;
                } else if (first == 0x7f) {
                    if (avail < 4) {
                        break;
                    }
                    header = 4;
                    length = ((all[pos + 1] & 0xff) | (all[pos + 2] & 0xff) << 8 | (all[pos + 3] & 0xff) << 16) * 4L;
                } else {
                    throw new TlException("expected an abridged length byte up to 0x7f, got 0x" + Integer.toHexString(first));
                }
            } else {
                if (avail < 4) {
                    break;
                }
                header = 4;
                length = new TlReader(all, pos, 4).int32();
                if (length < 0) {
                    // A bare negative length is no length at all: it is the transport's error code.
                    frames.add(new TransportError((int) length));
                    pos += 4;
                    continue;
                }
            }
            if (length > maxPayload) {
                throw new TlException("expected a packet of at most " + maxPayload + " bytes, the peer announced " + length);
            }
            if (avail < header + length) {
                break;
            }
            byte[] payload = new byte[(int) length];
            System.arraycopy(all, pos + header, payload, 0, (int) length);
            pos += header + (int) length;
            // A 4-byte payload holding a negative int is the transport's error code, not a message.
            frames.add(packetOrError(payload));
        }
        buffer.reset();
        buffer.write(all, pos, all.length - pos);
        return frames;
    }

    /** A 4-byte payload holding a negative int is the transport's error code, not a message. */
    private static Frame packetOrError(byte[] payload) throws TlException {
        return payload.length == 4 && new TlReader(payload).int32() < 0
                ? new TransportError(new TlReader(payload).int32()) : new Packet(payload);
    }

    /** One full-transport packet at {@code pos}: the bytes it took, or 0 if it is not complete yet. */
    private int full(byte[] all, int pos, int avail, List<Frame> frames) throws TlException {
        if (avail < 4) {
            return 0;
        }
        int total = new TlReader(all, pos, 4).int32();
        if (total < 0) {
            frames.add(new TransportError(total)); // a bare code, as some servers send before closing
            return 4;
        }
        if (total < Framing.FULL_OVERHEAD || total % 4 != 0) {
            throw new TlException("expected a full-transport length of at least 12 bytes in whole words, got " + total);
        }
        if (total - Framing.FULL_OVERHEAD > maxPayload) {
            throw new TlException("expected a packet of at most " + maxPayload + " bytes, the peer announced "
                    + (total - Framing.FULL_OVERHEAD));
        }
        if (avail < total) {
            return 0;
        }
        int seq = new TlReader(all, pos + 4, 4).int32();
        CRC32 crc = new CRC32();
        crc.update(all, pos, total - 4);
        if ((int) crc.getValue() != new TlReader(all, pos + total - 4, 4).int32()) {
            throw new TlException("expected a full-transport packet whose CRC32 matches its bytes, packet " + seq
                    + " does not");
        }
        if (seq != nextSeq) {
            throw new TlException("expected full-transport packet number " + nextSeq + ", got " + seq);
        }
        nextSeq++;
        byte[] payload = new byte[total - Framing.FULL_OVERHEAD];
        System.arraycopy(all, pos + 8, payload, 0, payload.length);
        frames.add(packetOrError(payload));
        return total;
    }
}
