package io.groupkit.mtproto;

import org.jspecify.annotations.Nullable;

/** MTProto's TCP transports: how the first bytes name one, and how each packet is framed. */
public enum Framing {
    /** First byte {@code 0xef}; a packet is {@code len/4} in one byte (below 127) or {@code 0x7f} and three bytes. */
    ABRIDGED,
    /** First int {@code 0xeeeeeeee}; a packet is a 4-byte little-endian length and the payload. */
    INTERMEDIATE;

    /**
     * The bytes a client sends once, before its first packet.
     *
     * @return the tag
     */
    public byte[] tag() {
        return this == ABRIDGED ? new byte[] {(byte) 0xef} : new byte[] {(byte) 0xee, (byte) 0xee, (byte) 0xee, (byte) 0xee};
    }

    /**
     * One packet, framed.
     *
     * @param payload the payload; for abridged a multiple of 4 bytes
     * @return the frame
     */
    public byte[] frame(byte[] payload) {
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
     * The transport a connection's first bytes name, as a server sees them.
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
}
