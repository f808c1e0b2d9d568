package io.groupkit.mtproto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An unencrypted message, as the auth key exchange sends them: {@code auth_key_id = 0 (8) ‖
 * msg_id (8) ‖ length (4) ‖ body}.
 */
public final class PlainMessage {
    private PlainMessage() {
    }

    /**
     * Wraps a body.
     *
     * @param msgId the message id
     * @param body the TL body
     * @return the message
     */
    public static byte[] wrap(long msgId, byte[] body) {
        return ByteBuffer.allocate(20 + body.length).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putLong(msgId)
                .putInt(body.length).put(body).array();
    }

    /**
     * Whether a message is unencrypted (its auth key id is 0).
     *
     * @param message the message
     * @return true if so
     */
    public static boolean isPlain(byte[] message) {
        return message.length >= 8 && ByteBuffer.wrap(message, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() == 0;
    }

    /**
     * The message id of an unencrypted message.
     *
     * @param message the message
     * @return the id
     * @throws TlException if it is not one
     */
    public static long msgId(byte[] message) throws TlException {
        check(message);
        return ByteBuffer.wrap(message, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /**
     * The body of an unencrypted message.
     *
     * @param message the message
     * @return the body
     * @throws TlException if it is not one, or its length is not what it says
     */
    public static byte[] body(byte[] message) throws TlException {
        int length = check(message);
        return Arrays.copyOfRange(message, 20, 20 + length);
    }

    private static int check(byte[] message) throws TlException {
        if (message.length < 20 || !isPlain(message)) {
            throw new TlException("expected an unencrypted message (auth_key_id 0, at least 20 bytes), got "
                    + message.length + " bytes");
        }
        int length = ByteBuffer.wrap(message, 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (length < 0 || length != message.length - 20) {
            throw new TlException("an unencrypted message says " + length + " bytes of body and has "
                    + (message.length - 20));
        }
        return length;
    }
}
