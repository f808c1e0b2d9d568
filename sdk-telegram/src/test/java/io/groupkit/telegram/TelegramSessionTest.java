package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelegramSessionTest {
    private static final byte[] KEY = key();

    private static byte[] key() {
        byte[] k = new byte[256];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 7 + 3);
        }
        return k;
    }

    /** Telethon's layout, written out by hand from its documentation: >B{4|16}sH256s, '1' + padded url-safe base64. */
    private static String telethon(int dc, byte[] ip, int port) {
        ByteBuffer b = ByteBuffer.allocate(1 + ip.length + 2 + 256);
        b.put((byte) dc).put(ip).putShort((short) port).put(KEY);
        return "1" + Base64.getUrlEncoder().encodeToString(b.array());
    }

    /** Pyrogram 2's layout: >BI?256sQ?, url-safe base64 without padding. */
    private static String pyrogram(int dc, int apiId, boolean test, long user, boolean bot) {
        ByteBuffer b = ByteBuffer.allocate(271);
        b.put((byte) dc).putInt(apiId).put((byte) (test ? 1 : 0)).put(KEY).putLong(user).put((byte) (bot ? 1 : 0));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    @Test
    void telethonWithIpv4() {
        String s = telethon(2, new byte[] {(byte) 149, (byte) 154, (byte) 167, 51}, 443);
        assertEquals(353, s.length(), "'1' + padded base64 of 263 bytes (88 groups of 4)");
        TelegramSession t = TelegramSession.fromTelethon(s);
        assertEquals(2, t.dcId());
        assertEquals("149.154.167.51", t.host());
        assertEquals(443, t.port());
        assertArrayEquals(KEY, t.authKey());
        assertFalse(t.testMode());
        assertEquals(OptionalLong.empty(), t.userId());
        assertEquals(t, TelegramSession.parse(s));
    }

    @Test
    void telethonWithIpv6AndAHighPort() {
        byte[] ip = HexFormat.of().parseHex("20010b28f23df0010000000000000000a".substring(0, 32));
        TelegramSession t = TelegramSession.fromTelethon(telethon(1, ip, 65_000));
        assertEquals("2001:b28:f23d:f001:0:0:0:0", t.host());
        assertEquals(65_000, t.port(), "the port is an unsigned big-endian short");
    }

    @Test
    void pyrogramTwo() {
        String s = pyrogram(4, 12345, false, 777_000_123L, false);
        assertEquals(362, s.length());
        TelegramSession p = TelegramSession.fromPyrogram(s);
        assertEquals(4, p.dcId());
        assertEquals("149.154.167.91", p.host());
        assertEquals(443, p.port());
        assertEquals(OptionalInt.of(12345), p.apiId());
        assertEquals(OptionalLong.of(777_000_123L), p.userId());
        assertFalse(p.bot());
        assertArrayEquals(KEY, p.authKey());
        assertEquals(p, TelegramSession.parse(s));
    }

    @Test
    void pyrogramsOlderLayoutsAndTestServers() {
        ByteBuffer old = ByteBuffer.allocate(263); // >B?256sI?
        old.put((byte) 2).put((byte) 1).put(KEY).putInt(-5).put((byte) 1);
        String s = Base64.getUrlEncoder().withoutPadding().encodeToString(old.array());
        assertEquals(351, s.length());
        TelegramSession p = TelegramSession.fromPyrogram(s);
        assertTrue(p.testMode());
        assertEquals("149.154.167.40", p.host());
        assertEquals(80, p.port());
        assertEquals(OptionalLong.of(4_294_967_291L), p.userId(), "the old user id is unsigned");
        assertTrue(p.bot());
        assertEquals(OptionalInt.empty(), p.apiId());

        ByteBuffer old64 = ByteBuffer.allocate(267); // >B?256sQ?
        old64.put((byte) 5).put((byte) 0).put(KEY).putLong(42).put((byte) 0);
        String s64 = Base64.getUrlEncoder().withoutPadding().encodeToString(old64.array());
        assertEquals(356, s64.length());
        assertEquals("91.108.56.130", TelegramSession.fromPyrogram(s64).host());
    }

    @Test
    void theAuthKeyIdIsTheLow64BitsOfItsSha1() throws Exception {
        TelegramSession t = TelegramSession.of(2, "149.154.167.51", 443, KEY);
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(KEY);
        long expected = 0;
        for (int i = 19; i >= 12; i--) {
            expected = (expected << 8) | (sha1[i] & 0xff);
        }
        assertEquals(expected, t.authKeyId());
    }

    @Test
    void theKeyNeverShows() {
        TelegramSession t = TelegramSession.fromTelethon(telethon(2, new byte[] {1, 2, 3, 4}, 443));
        String hex = HexFormat.of().formatHex(KEY).substring(0, 40);
        String b64 = Base64.getUrlEncoder().encodeToString(KEY).substring(0, 40);
        assertFalse(t.toString().contains(hex));
        assertFalse(t.toString().contains(b64));
        assertTrue(t.toString().startsWith("TelegramSession[dc 2, 1.2.3.4:443, auth key id "), t.toString());
        byte[] copy = t.authKey();
        copy[0] ^= 1;
        assertArrayEquals(KEY, t.authKey(), "the session hands out copies");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "2AAAA", "1", "1!!!!", "1AAAA", "1" + "QUFB", "not base64 at all!"})
    void badTelethonStringsSayWhatWasExpected(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TelegramSession.fromTelethon(s));
        assertTrue(e.getMessage().startsWith("expected a Telethon StringSession"), e.getMessage());
    }

    @Test
    void badPyrogramStringsSayWhatWasWrong() {
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> TelegramSession.fromPyrogram("QUFBQUFB"));
        assertTrue(length.getMessage().contains("it holds 6 bytes"), length.getMessage());
        IllegalArgumentException dc = assertThrows(IllegalArgumentException.class,
                () -> TelegramSession.fromPyrogram(pyrogram(9, 1, false, 1, false)));
        assertTrue(dc.getMessage().contains("data centre 9"), dc.getMessage());
        ByteBuffer b = ByteBuffer.allocate(271);
        b.put((byte) 2).putInt(1).put((byte) 7).put(KEY).putLong(1).put((byte) 0);
        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> TelegramSession.fromPyrogram(Base64.getUrlEncoder().withoutPadding().encodeToString(b.array())));
        assertTrue(flag.getMessage().contains("flag byte"), flag.getMessage());
    }

    @Test
    void aMessageNeverQuotesTheString() {
        String s = telethon(2, new byte[] {1, 2, 3, 4}, 443);
        String broken = "2" + s.substring(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TelegramSession.parse(broken));
        assertFalse(e.getMessage().contains(s.substring(10, 40)), e.getMessage());
        assertTrue(e.getMessage().startsWith("expected a Telethon StringSession or a Pyrogram session string"), e.getMessage());
    }

    @Test
    void explicitPartsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> TelegramSession.of(0, "h", 443, KEY));
        assertThrows(IllegalArgumentException.class, () -> TelegramSession.of(2, " ", 443, KEY));
        assertThrows(IllegalArgumentException.class, () -> TelegramSession.of(2, "h", 0, KEY));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TelegramSession.of(2, "h", 443, new byte[255]));
        assertEquals("expected an auth key of 256 bytes, got 255", e.getMessage());
        assertThrows(NullPointerException.class, () -> TelegramSession.of(2, null, 443, KEY));
    }

    @Test
    void groupKitsOwnStringKeepsWhatALoginLearnedAndExportsToTelethon() throws Exception {
        try (io.groupkit.testkit.telegram.TelegramSimulator sim = io.groupkit.testkit.telegram.TelegramSimulator.start()) {
            TelegramSession fresh = TelegramKeys.create("127.0.0.1", sim.port(), 2).trustRsaKey(sim.rsaPublicKeyPem()).make();
            TelegramSession session = TelegramLogin.builder(Fixture.API_ID, LoginTest.API_HASH)
                    .dataCentre(2, "127.0.0.1", sim.port()).build().login(fresh, "+" + sim.loginPhone(), new LoginTest.User(sim, 0));
            String saved = session.save();
            org.junit.jupiter.api.Assertions.assertTrue(saved.startsWith("gk1:"));
            TelegramSession back = TelegramSession.load(saved);
            org.junit.jupiter.api.Assertions.assertEquals(session, back);
            org.junit.jupiter.api.Assertions.assertEquals(session.userId(), back.userId());
            org.junit.jupiter.api.Assertions.assertEquals(session.apiId(), back.apiId());
            org.junit.jupiter.api.Assertions.assertEquals(back, TelegramSession.parse(saved), "parse takes it too");
            TelegramSession viaTelethon = TelegramSession.fromTelethon(session.toTelethon());
            org.junit.jupiter.api.Assertions.assertEquals(session.authKeyId(), viaTelethon.authKeyId());
            org.junit.jupiter.api.Assertions.assertEquals(sim.port(), viaTelethon.port());
            IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> TelegramSession.load(saved.substring(0, saved.length() - 8)));
            org.junit.jupiter.api.Assertions.assertFalse(bad.getMessage().contains(saved.substring(10, 30)), "no session in it");
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> TelegramSession.of(2, "dc.example", 443, new byte[256]).toTelethon());
        }
    }
}
