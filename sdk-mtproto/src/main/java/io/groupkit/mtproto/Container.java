package io.groupkit.mtproto;

import java.util.ArrayList;
import java.util.List;

/** {@code msg_container}: several messages in one, each {@code msg_id ‖ seqno ‖ bytes ‖ body}, not nested. */
public final class Container {
    /** The most messages one container may carry. */
    public static final int MAX_MESSAGES = 1024;

    private Container() {
    }

    /**
     * One message inside a container.
     *
     * @param msgId its id
     * @param seqNo its sequence number
     * @param body its TL body
     */
    public record Item(long msgId, int seqNo, byte[] body) {
        /**
         * Whether the receiver must acknowledge it.
         *
         * @return true for odd sequence numbers
         */
        public boolean contentRelated() {
            return (seqNo & 1) == 1;
        }
    }

    /**
     * A container's body, constructor included.
     *
     * @param items the messages, 1 to {@value #MAX_MESSAGES}
     * @return the bytes
     */
    public static byte[] encode(List<Item> items) {
        if (items.isEmpty() || items.size() > MAX_MESSAGES) {
            throw new IllegalArgumentException("expected 1 to " + MAX_MESSAGES + " messages, got " + items.size());
        }
        TlWriter w = new TlWriter().int32(Constructors.MSG_CONTAINER).int32(items.size());
        for (Item item : items) {
            w.int64(item.msgId()).int32(item.seqNo()).int32(item.body().length).raw(item.body());
        }
        return w.toByteArray();
    }

    /**
     * Reads a container's messages; the reader stands just after the constructor id.
     *
     * @param r the reader
     * @return the messages
     * @throws TlException if a count or length is impossible, or a container is nested
     */
    public static List<Item> decode(TlReader r) throws TlException {
        int count = r.int32();
        if (count < 0 || count > MAX_MESSAGES || (long) count * 16 > r.remaining()) {
            throw new TlException("expected 0 to " + MAX_MESSAGES + " messages that fit " + r.remaining()
                    + " bytes, got " + count);
        }
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long msgId = r.int64();
            int seqNo = r.int32();
            int length = r.int32();
            if (length < 4 || length % 4 != 0) {
                throw new TlException("expected a contained message of a positive multiple of 4 bytes, got " + length);
            }
            byte[] body = r.raw(length);
            if (new TlReader(body).int32() == Constructors.MSG_CONTAINER) {
                throw new TlException("expected no container inside a container");
            }
            items.add(new Item(msgId, seqNo, body));
        }
        return items;
    }
}
