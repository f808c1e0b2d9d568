package io.groupkit.mtproto;

import java.nio.charset.StandardCharsets;

/**
 * Reads TL from a byte array, checking every length against what is left: any bytes give values
 * or a {@link TlException}, never a runtime exception or an allocation larger than the input.
 */
public final class TlReader {
    private final byte[] data;
    private final int end;
    private int pos;

    /**
     * A reader over the whole array.
     *
     * @param data the bytes (not copied)
     */
    public TlReader(byte[] data) {
        this(data, 0, data.length);
    }

    /**
     * A reader over part of an array.
     *
     * @param data the bytes (not copied)
     * @param offset where to start
     * @param length how many bytes
     */
    public TlReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IllegalArgumentException("expected a range inside the array, got " + offset + "+" + length
                    + " of " + data.length);
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    /**
     * Bytes left to read.
     *
     * @return the count
     */
    public int remaining() {
        return end - pos;
    }

    /**
     * A 32-bit int.
     *
     * @return the value
     * @throws TlException if fewer than 4 bytes are left
     */
    public int int32() throws TlException {
        need(4, "an int");
        int v = (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8 | (data[pos + 2] & 0xff) << 16 | (data[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    /**
     * A 64-bit long.
     *
     * @return the value
     * @throws TlException if fewer than 8 bytes are left
     */
    public long int64() throws TlException {
        need(8, "a long");
        long lo = int32() & 0xffffffffL;
        long hi = int32() & 0xffffffffL;
        return lo | hi << 32;
    }

    /**
     * TL {@code bytes}, with their padding.
     *
     * @return the bytes
     * @throws TlException if the length or padding runs past the end
     */
    public byte[] bytes() throws TlException {
        need(1, "a bytes length");
        int first = data[pos] & 0xff;
        int length;
        int header;
        if (first < 254) {
            length = first;
            header = 1;
        } else if (first == 254) {
            need(4, "a long bytes length");
            length = (data[pos + 1] & 0xff) | (data[pos + 2] & 0xff) << 8 | (data[pos + 3] & 0xff) << 16;
            header = 4;
        } else {
            throw new TlException("expected a bytes length byte below 255, got 255 at offset " + pos);
        }
        int padded = header + length + (4 - (header + length) % 4) % 4;
        need(padded, "bytes of length " + length + " with padding");
        byte[] out = new byte[length];
        System.arraycopy(data, pos + header, out, 0, length);
        pos += padded;
        return out;
    }

    /**
     * TL {@code string}: UTF-8 bytes (malformed sequences become replacement characters).
     *
     * @return the string
     * @throws TlException as {@link #bytes()}
     */
    public String string() throws TlException {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /**
     * A boxed bool.
     *
     * @return the value
     * @throws TlException if the constructor is neither boolTrue nor boolFalse
     */
    public boolean bool() throws TlException {
        int id = int32();
        if (id == TlWriter.BOOL_TRUE) {
            return true;
        }
        if (id == TlWriter.BOOL_FALSE) {
            return false;
        }
        throw new TlException("expected boolTrue or boolFalse, got constructor " + Integer.toHexString(id));
    }

    /**
     * A boxed vector's header: checks the constructor and that the count could fit in what is left.
     *
     * @param minElementSize the smallest size of one element, to refuse counts the bytes cannot hold
     * @return the element count
     * @throws TlException if it is no vector or the count is impossible
     */
    public int vectorHeader(int minElementSize) throws TlException {
        int id = int32();
        if (id != TlWriter.VECTOR) {
            throw new TlException("expected a vector (1cb5c415), got constructor " + Integer.toHexString(id));
        }
        int count = int32();
        if (count < 0 || (long) count * Math.max(1, minElementSize) > remaining()) {
            throw new TlException("expected a vector count that fits the " + remaining() + " bytes left, got " + count);
        }
        return count;
    }

    /**
     * Skips bytes.
     *
     * @param n how many
     * @throws TlException if fewer are left
     */
    public void skip(int n) throws TlException {
        if (n < 0) {
            throw new TlException("expected a skip of zero or more bytes, got " + n);
        }
        need(n, n + " bytes to skip");
        pos += n;
    }

    /**
     * Bytes as they are.
     *
     * @param n how many
     * @return a copy of the next {@code n} bytes
     * @throws TlException if fewer are left
     */
    public byte[] raw(int n) throws TlException {
        if (n < 0) {
            throw new TlException("expected zero or more raw bytes, got " + n);
        }
        need(n, n + " raw bytes");
        byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /**
     * Everything not read yet.
     *
     * @return a copy of the remaining bytes
     */
    public byte[] rest() {
        byte[] out = java.util.Arrays.copyOfRange(data, pos, end);
        pos = end;
        return out;
    }

    private void need(int n, String what) throws TlException {
        if (n > end - pos) {
            throw new TlException("expected " + what + " (" + n + " bytes) at offset " + pos + ", only " + (end - pos) + " left");
        }
    }
}
