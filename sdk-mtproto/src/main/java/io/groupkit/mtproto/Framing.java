package io.groupkit.mtproto;

import org.jspecify.annotations.Nullable;

/** MTProto's TCP transports: how the first bytes name one, and how each packet is framed. */
public enum Framing {
    /** First byte {@code 0xef}; a packet is {@code len/4} in one byte (below 127) or {@code 0x7f} and three bytes. */
    ABRIDGED,
    /** First int {@code 0xeeeeeeee}; a packet is a 4-byte little-endian length and the payload. */
    INTERMEDIATE,
    /**
     * No tag; a packet is its whole length (payload + 12), a sequence number counting the packets
     * each side sent on the connection from 0, the payload, and the CRC32 of all before it. Framed
     * by {@link FrameWriter}, which counts.
     */
    FULL;

    /** What the full transport adds to a payload: length, sequence number, CRC32. */
    static final int FULL_OVERHEAD = 12;

    /**
     * The bytes a client sends once, before its first packet.
     *
     * @return the tag
     */
    public byte[] tag() {
        return switch (this) {
            case ABRIDGED -> new byte[] {(byte) 0xef};
            case INTERMEDIATE -> new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee};
            case FULL -> new byte[0];
        };
    }

    /**
     * One packet, framed.
     *
     * @param payload the payload; for abridged a multiple of 4 bytes
     * @return the frame
     * @throws IllegalStateException for the full transport, whose frames need a count: use {@link FrameWriter}
     */
    public byte[] frame(byte[] payload) {
        if (this == FULL) {
            throw new IllegalStateException("full transport frames carry a sequence number: frame them with FrameWriter");
        }
        if (this == ABRIDGED) {
            if (payload.length % 4 != 0) {
                throw new IllegalArgumentException("expected an abridged payload of a multiple of 4 bytes, got " + payload.length);
            }
            int words = payload.length / 4;
            TlWriter w = new TlWriter();
            if (words < 127) {
                w.raw(new byte[] {(byte) words});
            } else {
                w.raw(new byte[] {0x7f, (byte) words, (byte) (words >>> 8), (byte) (words >>> 16)});
            }
            return w.raw(payload).toByteArray();
        }
        return new TlWriter().int32(payload.length).raw(payload).toByteArray();
    }

    /**
     * One full-transport packet.
     *
     * @param payload the payload
     * @param seqNo the packet's number on this connection, from this side
     * @return the frame
     */
    static byte[] full(byte[] payload, int seqNo) {
        byte[] head = new TlWriter().int32(payload.length + FULL_OVERHEAD).int32(seqNo).raw(payload).toByteArray();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(head);
        return new TlWriter().raw(head).int32((int) crc.getValue()).toByteArray();
    }

    /**
     * The transport a connection's first bytes name, as a server sees them: the abridged and
     * intermediate tags (the full transport has none: any other first bytes are its first packet's
     * length, which {@link #detectFull} checks).
     *
     * @param first the first bytes (at least 4 for intermediate)
     * @return the framing, or null if the bytes name neither
     */
    public static @Nullable Framing detect(byte[] first) {
        if (first.length >= 1 && (first[0] & 0xff) == 0xef) {
            return ABRIDGED;
        }
        if (first.length >= 4 && first[0] == (byte) 0xee && first[1] == (byte) 0xee && first[2] == (byte) 0xee
                && first[3] == (byte) 0xee) {
            return INTERMEDIATE;
        }
        return null;
    }

    /**
     * Whether a connection's first four bytes can open a full-transport connection: a
     * little-endian length of a whole number of words, at least an empty payload's, at most
     * {@code maxPayload} more, and not a tag of another transport (the padded intermediate
     * {@code 0xdddddddd} among them, which GroupKit does not speak).
     *
     * @param first the first four bytes
     * @param maxPayload the largest payload accepted
     * @return true if they read as the length of a full-transport packet
     */
    public static boolean detectFull(byte[] first, int maxPayload) {
        if (first.length < 4 || detect(first) != null) {
            return false;
        }
        long length = Integer.toUnsignedLong((first[0] & 0xff) | (first[1] & 0xff) << 8 | (first[2] & 0xff) << 16
                | (first[3] & 0xff) << 24);
        return length >= FULL_OVERHEAD + 4 && length % 4 == 0 && length <= (long) maxPayload + FULL_OVERHEAD;
    }
}
