package io.groupkit.mtproto;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

class TlFuzzTest {

    /** Any bytes read as any sequence of TL values: values or a TlException, nothing else, never past the end. */
    @FuzzTest(maxDuration = "30s")
    void theTlReaderHandlesAnyBytes(FuzzedDataProvider data) {
        int ops = data.consumeInt(1, 20);
        int[] script = new int[ops];
        for (int i = 0; i < ops; i++) {
            script[i] = data.consumeInt(0, 5);
        }
        TlReader r = new TlReader(data.consumeRemainingAsBytes());
        try {
            for (int op : script) {
                int before = r.remaining();
                switch (op) {
                    case 0 -> r.int32();
                    case 1 -> r.int64();
                    case 2 -> r.bytes();
                    case 3 -> r.string();
                    case 4 -> r.bool();
                    default -> r.vectorHeader(8);
                }
                assertTrue(r.remaining() < before && r.remaining() >= 0, "every read consumes, never past the end");
            }
        } catch (TlException expected) {
            assertTrue(expected.getMessage().startsWith("expected "), expected.getMessage());
        }
    }

    /** Any bytes in any chunks through the frame reader: frames or a TlException, bounded by the cap. */
    @FuzzTest(maxDuration = "30s")
    void theFrameReaderHandlesAnyStream(FuzzedDataProvider data) {
        Framing framing = data.pickValue(Framing.values());
        FrameReader reader = new FrameReader(framing, 4096);
        try {
            while (data.remainingBytes() > 0) {
                List<FrameReader.Frame> frames = reader.feed(data.consumeBytes(data.consumeInt(0, 64)));
                for (FrameReader.Frame f : frames) {
                    if (f instanceof FrameReader.Packet p) {
                        assertTrue(p.payload().length <= 4096);
                    }
                }
            }
        } catch (TlException expected) {
            assertTrue(expected.getMessage().startsWith("expected "), expected.getMessage());
        }
    }
}
