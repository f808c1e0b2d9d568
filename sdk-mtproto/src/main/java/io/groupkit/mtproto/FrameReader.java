package io.groupkit.mtproto;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a byte stream into packets as bytes arrive in any chunks. A length is checked against a
 * cap before anything is allocated for it, so a hostile or broken peer gets a
 * {@link TlException}, never a huge buffer or a hang.
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

    private final Framing framing;
    private final int maxPayload;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

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
        buffer.write(chunk, 0, chunk.length);
        byte[] all = buffer.toByteArray();
        List<Frame> frames = new ArrayList<>();
        int pos = 0;
        while (true) {
            int header;
            long length;
            int avail = all.length - pos;
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
            frames.add(payload.length == 4 && new TlReader(payload).int32() < 0
                    ? new TransportError(new TlReader(payload).int32()) : new Packet(payload));
        }
        buffer.reset();
        buffer.write(all, pos, all.length - pos);
        return frames;
    }
}
