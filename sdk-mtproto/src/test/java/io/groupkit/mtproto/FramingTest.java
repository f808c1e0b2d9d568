package io.groupkit.mtproto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramingTest {

    @Test
    void theFirstBytesNameTheTransport() {
        assertEquals(Framing.ABRIDGED, Framing.detect(Framing.ABRIDGED.tag()));
        assertEquals(Framing.INTERMEDIATE, Framing.detect(Framing.INTERMEDIATE.tag()));
        assertNull(Framing.detect(new byte[] {(byte) 0xdd, (byte) 0xdd, (byte) 0xdd, (byte) 0xdd}));
        assertNull(Framing.detect(new byte[0]));
    }

    @Test
    void abridgedLengthsInWords() {
        assertArrayEquals(new byte[] {2, 1, 2, 3, 4, 5, 6, 7, 8}, Framing.ABRIDGED.frame(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        byte[] big = Framing.ABRIDGED.frame(new byte[127 * 4]);
        assertArrayEquals(new byte[] {0x7f, 127, 0, 0}, java.util.Arrays.copyOf(big, 4));
        assertThrows(IllegalArgumentException.class, () -> Framing.ABRIDGED.frame(new byte[3]));
    }

    @Test
    void packetsSurviveAnyChunking() throws TlException {
        for (Framing f : Framing.values()) {
            byte[] a = new byte[8];
            byte[] b = new byte[600];
            b[599] = 9;
            byte[] stream = concat(f.frame(a), f.frame(b), f.frame(new TlWriter().int32(-404).toByteArray()));
            FrameReader reader = new FrameReader(f, 1 << 20);
            List<FrameReader.Frame> frames = new ArrayList<>();
            for (byte x : stream) {
                frames.addAll(reader.feed(new byte[] {x}));
            }
            assertEquals(3, frames.size(), f.name());
            assertArrayEquals(a, assertInstanceOf(FrameReader.Packet.class, frames.get(0)).payload());
            assertArrayEquals(b, assertInstanceOf(FrameReader.Packet.class, frames.get(1)).payload());
            assertEquals(-404, assertInstanceOf(FrameReader.TransportError.class, frames.get(2)).code());
        }
    }

    @Test
    void anAnnouncedLengthOverTheCapIsRefusedBeforeAllocating() {
        FrameReader reader = new FrameReader(Framing.INTERMEDIATE, 1024);
        TlException e = assertThrows(TlException.class, () -> reader.feed(new TlWriter().int32(1 << 30).toByteArray()));
        assertTrue(e.getMessage().contains("1073741824"), e.getMessage());
        assertThrows(TlException.class, () -> new FrameReader(Framing.ABRIDGED, 1 << 20).feed(new byte[] {(byte) 0x80}));
    }

    private static byte[] concat(byte[]... parts) {
        TlWriter w = new TlWriter();
        for (byte[] p : parts) {
            w.raw(p);
        }
        return w.toByteArray();
    }
}
