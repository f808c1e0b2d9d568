package io.groupkit.mtproto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TlTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void intsAndLongsAreLittleEndian() throws TlException {
        byte[] b = new TlWriter().int32(0x1cb5c415).int64(0x0102030405060708L).toByteArray();
        assertArrayEquals(hex("15c4b51c 0807060504030201"), b);
        TlReader r = new TlReader(b);
        assertEquals(0x1cb5c415, r.int32());
        assertEquals(0x0102030405060708L, r.int64());
        assertEquals(0, r.remaining());
    }

    @Test
    void shortBytesHaveOneLengthByteAndPadToFour() throws TlException {
        assertArrayEquals(hex("03 616263"), new TlWriter().bytes("abc".getBytes()).toByteArray());
        assertArrayEquals(hex("04 61626364 000000"), new TlWriter().bytes("abcd".getBytes()).toByteArray());
        assertArrayEquals(hex("00 000000"), new TlWriter().bytes(new byte[0]).toByteArray());
        assertEquals("abcd", new TlReader(hex("04 61626364 000000")).string());
    }

    @Test
    void bytesFrom254OnHaveAFourByteHeader() throws TlException {
        byte[] b253 = new TlWriter().bytes(new byte[253]).toByteArray();
        assertEquals(1 + 253 + 2, b253.length);
        assertEquals(253, b253[0] & 0xff);
        byte[] b254 = new TlWriter().bytes(new byte[254]).toByteArray();
        assertArrayEquals(hex("fe fe0000"), java.util.Arrays.copyOf(b254, 4));
        assertEquals(4 + 256, b254.length);
        byte[] big = new byte[70_000];
        big[69_999] = 42;
        assertArrayEquals(big, new TlReader(new TlWriter().bytes(big).toByteArray()).bytes());
    }

    @Test
    void boolsAndVectors() throws TlException {
        TlReader r = new TlReader(new TlWriter().bool(true).bool(false).vectorOfLongs(7, -1).toByteArray());
        assertTrue(r.bool());
        assertFalse(r.bool());
        assertEquals(2, r.vectorHeader(8));
        assertEquals(7, r.int64());
        assertEquals(-1, r.int64());
    }

    @Test
    void broken() {
        assertThrows(TlException.class, () -> new TlReader(hex("0102")).int32());
        assertThrows(TlException.class, () -> new TlReader(hex("05 6162")).bytes());
        assertThrows(TlException.class, () -> new TlReader(hex("ff 000000")).bytes());
        assertThrows(TlException.class, () -> new TlReader(hex("fe ffffff 00")).bytes());
        assertThrows(TlException.class, () -> new TlReader(hex("01000000")).bool());
        TlException huge = assertThrows(TlException.class,
                () -> new TlReader(new TlWriter().int32(TlWriter.VECTOR).int32(1_000_000).toByteArray()).vectorHeader(8));
        assertTrue(huge.getMessage().contains("1000000"), huge.getMessage());
    }
}
