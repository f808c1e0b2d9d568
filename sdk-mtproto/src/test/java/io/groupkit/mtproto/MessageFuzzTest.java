package io.groupkit.mtproto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** What the envelope hands on after decrypting: any plaintext gives a message or a TlException. */
class MessageFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyPlaintextDecodesOrIsRejected(FuzzedDataProvider data) {
        byte[] plain = data.consumeRemainingAsBytes();
        try {
            InnerMessage m = InnerMessage.decode(plain);
            assertTrue(m.body().length <= plain.length - 32);
        } catch (TlException expected) {
            assertTrue(expected.getMessage().startsWith("expected "), expected.getMessage());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyContainerDecodesOrIsRejected(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        try {
            for (Container.Item item : Container.decode(new TlReader(body))) {
                assertTrue(item.body().length % 4 == 0 && item.body().length <= body.length);
            }
        } catch (TlException expected) {
            assertTrue(expected.getMessage().startsWith("expected "), expected.getMessage());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyGzipInflatesWithinTheCapOrIsRejected(FuzzedDataProvider data) {
        int cap = data.consumeInt(1, 1 << 16);
        byte[] packed = data.consumeRemainingAsBytes();
        try {
            assertTrue(Gzip.unpack(packed, cap).length <= cap);
        } catch (TlException expected) {
            assertTrue(expected.getMessage().startsWith("expected "), expected.getMessage());
        }
    }
}
