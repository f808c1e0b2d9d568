package io.groupkit.mtproto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            FrameWriter w = new FrameWriter(f);
            byte[] stream = concat(w.frame(a), w.frame(b),
                    w.frame(new TlWriter().int32(-404).toByteArray()));
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
    void aPeerAnsweringHttpIsToldApartFromAPacketLengthInEveryFraming() throws TlException {
        byte[] http = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (Framing f : Framing.values()) {
            for (int chunk : new int[] {1, 3, http.length}) {
                FrameReader reader = new FrameReader(f, 1 << 20);
                List<FrameReader.Frame> frames = new ArrayList<>();
                for (int i = 0; i < http.length; i += chunk) {
                    frames.addAll(reader.feed(java.util.Arrays.copyOfRange(http, i, Math.min(http.length, i + chunk))));
                }
                assertEquals(List.of(new FrameReader.ForeignProtocol("HTTP")), frames, f + " in chunks of " + chunk);
                assertTrue(reader.feed(new byte[] {1, 2, 3, 4}).isEmpty(), "nothing after the foreign answer is read");
            }
        }
    }

    @Test
    void onlyTheStreamsFirstBytesAreCheckedForHttp() throws TlException {
        // An abridged packet may start with 'H' (72 words) once the stream has begun; so may a zero-length one start it.
        FrameReader reader = new FrameReader(Framing.ABRIDGED, 1 << 20);
        assertInstanceOf(FrameReader.Packet.class, reader.feed(new byte[] {0}).get(0));
        byte[] later = new byte[1 + 72 * 4];
        later[0] = 'H';
        later[1] = 'T';
        later[2] = 'T';
        later[3] = 'P';
        assertEquals(72 * 4, assertInstanceOf(FrameReader.Packet.class, reader.feed(later).get(0)).payload().length);
    }

    @Test
    void anAnnouncedLengthOverTheCapIsRefusedBeforeAllocating() {
        FrameReader reader = new FrameReader(Framing.INTERMEDIATE, 1024);
        TlException e = assertThrows(TlException.class, () -> reader.feed(new TlWriter().int32(1 << 30).toByteArray()));
        assertTrue(e.getMessage().contains("1073741824"), e.getMessage());
        assertThrows(TlException.class, () -> new FrameReader(Framing.ABRIDGED, 1 << 20).feed(new byte[] {(byte) 0x80}));
    }

    @Test
    void aFullTransportPacketIsItsLengthItsNumberThePayloadAndTheCrcOfAllBefore() throws TlException {
        byte[] payload = {1, 2, 3, 4, 5, 6, 7, 8};
        FrameWriter w = new FrameWriter(Framing.FULL);
        assertEquals(0, w.tag().length, "the full transport has no tag");
        byte[] first = w.frame(payload);
        byte[] second = w.frame(payload);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32(); // the standard CRC-32 (IEEE 802.3)
        crc.update(new byte[] {20, 0, 0, 0, 1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8});
        long c = crc.getValue();
        assertArrayEquals(new byte[] {20, 0, 0, 0, 1, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8,
                (byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24)}, second, "packet 1, little-endian");
        assertEquals(0, first[4], "packets are numbered from 0");
        List<FrameReader.Frame> frames = new FrameReader(Framing.FULL, 1024).feed(concat(first, second));
        assertEquals(2, frames.size());
    }

    @Test
    void aFullTransportPacketWithABadCrcOrOutOfTurnIsRefused() {
        byte[] good = new FrameWriter(Framing.FULL).frame(new byte[8]);
        byte[] corrupt = good.clone();
        corrupt[10] ^= 1;
        TlException crc = assertThrows(TlException.class, () -> new FrameReader(Framing.FULL, 1024).feed(corrupt));
        assertTrue(crc.getMessage().contains("CRC32"), crc.getMessage());
        FrameWriter w = new FrameWriter(Framing.FULL);
        w.frame(new byte[8]);
        byte[] numberOne = w.frame(new byte[8]);
        TlException turn = assertThrows(TlException.class, () -> new FrameReader(Framing.FULL, 1024).feed(numberOne));
        assertTrue(turn.getMessage().contains("number 0, got 1"), turn.getMessage());
        assertThrows(TlException.class, () -> new FrameReader(Framing.FULL, 1024).feed(new TlWriter().int32(10).toByteArray()));
        assertThrows(IllegalStateException.class, () -> Framing.FULL.frame(new byte[8]));
    }

    @Test
    void aServerTellsTheFullTransportFromTheOthersByItsFirstLength() {
        assertTrue(Framing.detectFull(new TlWriter().int32(40).toByteArray(), 1024));
        assertFalse(Framing.detectFull(Framing.INTERMEDIATE.tag(), 1 << 20));
        assertFalse(Framing.detectFull(new byte[] {(byte) 0xef, 0, 0, 0}, 1 << 20));
        assertFalse(Framing.detectFull(new byte[] {(byte) 0xdd, (byte) 0xdd, (byte) 0xdd, (byte) 0xdd}, 1 << 30));
        assertFalse(Framing.detectFull(new TlWriter().int32(41).toByteArray(), 1024), "not whole words");
        assertFalse(Framing.detectFull(new TlWriter().int32(1 << 20).toByteArray(), 1024), "over the cap");
    }

    private static byte[] concat(byte[]... parts) {
        TlWriter w = new TlWriter();
        for (byte[] p : parts) {
            w.raw(p);
        }
        return w.toByteArray();
    }
}
