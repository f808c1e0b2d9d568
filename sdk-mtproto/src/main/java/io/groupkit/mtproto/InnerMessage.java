package io.groupkit.mtproto;

/**
 * The plaintext inside an encrypted message: {@code salt ‖ session_id ‖ msg_id ‖ seq_no ‖ length ‖
 * body} (the envelope adds and removes the padding).
 *
 * @param salt the server salt
 * @param sessionId the client's session
 * @param msgId the message id
 * @param seqNo the sequence number
 * @param body the TL body
 */
public record InnerMessage(long salt, long sessionId, long msgId, int seqNo, byte[] body) {
    /**
     * The plaintext, without padding.
     *
     * @return the bytes the envelope encrypts
     */
    public byte[] encode() {
        return new TlWriter().int64(salt).int64(sessionId).int64(msgId).int32(seqNo).int32(body.length).raw(body)
                .toByteArray();
    }

    /**
     * Reads a decrypted plaintext (padding included; the length field says where the body ends).
     *
     * @param plain what {@link Envelope#decrypt(byte[], int)} returned
     * @return the message
     * @throws TlException if the header or the length is impossible
     */
    public static InnerMessage decode(byte[] plain) throws TlException {
        TlReader r = new TlReader(plain);
        long salt = r.int64();
        long session = r.int64();
        long msgId = r.int64();
        int seqNo = r.int32();
        int length = r.int32();
        if (length < 4 || length % 4 != 0) {
            throw new TlException("expected a message body of a positive multiple of 4 bytes, got " + length);
        }
        return new InnerMessage(salt, session, msgId, seqNo, r.raw(length));
    }

    /**
     * Whether a server must acknowledge this (an odd sequence number marks content).
     *
     * @return true for content-related messages
     */
    public boolean contentRelated() {
        return (seqNo & 1) == 1;
    }

    @Override
    public String toString() {
        return "InnerMessage[msg " + Long.toHexString(msgId) + ", seq " + seqNo + ", " + body.length + " bytes]";
    }
}
