package io.groupkit.mtproto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

class EnvelopeFuzzTest {
    private static final Envelope ENVELOPE = new Envelope(new byte[256]);

    /** Any bytes, often behind the right auth key id: the decryptor answers a TlException, nothing else. */
    @FuzzTest(maxDuration = "30s")
    void theDecryptorHandlesAnyBytes(FuzzedDataProvider data) {
        boolean rightKeyId = data.consumeBoolean();
        int x = data.consumeBoolean() ? Envelope.FROM_CLIENT : Envelope.FROM_SERVER;
        byte[] rest = data.consumeRemainingAsBytes();
        byte[] message = rightKeyId ? ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(ENVELOPE.authKeyId()).put(rest).array() : rest;
        try {
            ENVELOPE.decrypt(message, x);
            // Forging a matching msg_key by chance is a 2^-128 event.
            throw new AssertionError("random bytes decrypted");
        } catch (TlException expected) {
            assertTrue(expected.getMessage().startsWith("expected "), expected.getMessage());
        }
    }
}
