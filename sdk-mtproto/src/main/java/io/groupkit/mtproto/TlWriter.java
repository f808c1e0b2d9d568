package io.groupkit.mtproto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes TL: little-endian ints and longs, length-prefixed bytes padded to 4, bools, vectors. */
public final class TlWriter {
    /** {@code boolTrue#997275b5}. */
    public static final int BOOL_TRUE = 0x997275b5;
    /** {@code boolFalse#bc799737}. */
    public static final int BOOL_FALSE = 0xbc799737;
    /** {@code vector#1cb5c415}. */
    public static final int VECTOR = 0x1cb5c415;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An empty writer. */
    public TlWriter() {
    }

    /**
     * A 32-bit int (or a constructor id).
     *
     * @param v the value
     * @return this writer
     */
    public TlWriter int32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
        return this;
    }

    /**
     * A 64-bit long.
     *
     * @param v the value
     * @return this writer
     */
    public TlWriter int64(long v) {
        int32((int) v);
        return int32((int) (v >>> 32));
    }

    /**
     * TL {@code bytes}: a length under 254 in one byte, else {@code 0xfe} and three bytes; then the
     * bytes; then zeros up to a multiple of 4.
     *
     * @param b the bytes, at most 16 MiB - 1
     * @return this writer
     */
    public TlWriter bytes(byte[] b) {
        if (b.length >= 1 << 24) {
            throw new IllegalArgumentException("expected TL bytes under 16 MiB, got " + b.length);
        }
        int header;
        if (b.length < 254) {
            out.write(b.length);
            header = 1;
        } else {
            out.write(254);
            out.write(b.length);
            out.write(b.length >>> 8);
            out.write(b.length >>> 16);
            header = 4;
        }
        out.write(b, 0, b.length);
        for (int pad = (4 - (header + b.length) % 4) % 4; pad > 0; pad--) {
            out.write(0);
        }
        return this;
    }

    /**
     * TL {@code string}: UTF-8 as {@link #bytes(byte[])}.
     *
     * @param s the string
     * @return this writer
     */
    public TlWriter string(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A boxed bool.
     *
     * @param v the value
     * @return this writer
     */
    public TlWriter bool(boolean v) {
        return int32(v ? BOOL_TRUE : BOOL_FALSE);
    }

    /**
     * A boxed {@code Vector<long>}.
     *
     * @param values the values
     * @return this writer
     */
    public TlWriter vectorOfLongs(long... values) {
        int32(VECTOR).int32(values.length);
        for (long v : values) {
            int64(v);
        }
        return this;
    }

    /**
     * Bytes as they are, already TL-encoded.
     *
     * @param b the bytes
     * @return this writer
     */
    public TlWriter raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    /**
     * What was written.
     *
     * @return the bytes
     */
    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
