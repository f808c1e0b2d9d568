package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Added;
import io.groupkit.core.Member;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A new auth key made against the fake data centre over TCP, then logged in and used for an add. */
class NewKeyTest {

    @Test
    void aKeyMadeHereWorksForCalls() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.basicGroup(Fixture.CHAT).user(100, "person_100", null);
            for (TelegramTransport transport : TelegramTransport.values()) {
                TelegramSession fresh = TelegramKeys.create("127.0.0.1", sim.port(), 2).trustRsaKey(sim.rsaPublicKeyPem())
                        .transport(transport).make();
                assertEquals(2, fresh.dcId());
                assertNotEquals(TelegramSession.fromTelethon(sim.sessionString()).authKeyId(), fresh.authKeyId(), "a key of its own");
                String keyHex = HexFormat.of().formatHex(fresh.authKey(), 0, 16);
                assertFalse(fresh.toString().contains(keyHex), "the key stays out of toString");
                TelegramSession session = TelegramLogin.builder(Fixture.API_ID, LoginTest.API_HASH)
                        .dataCentre(2, "127.0.0.1", sim.port()).transport(transport).build()
                        .login(fresh, "+" + sim.loginPhone(), new LoginTest.User(sim, 0));
                try (TelegramClient client = Telegram.builder().session(session).transport(transport).build()) {
                    assertInstanceOf(Added.class, client.add(TelegramGroup.basic(Fixture.CHAT), Member.username("person_100")));
                    client.remove(TelegramGroup.basic(Fixture.CHAT), Member.username("person_100"));
                }
            }
            assertEquals(TelegramTransport.values().length, sim.keysMade(), "one key over each transport");
        }
    }

    @Test
    void aRetryIsFollowedAndAFailureIsSaid() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.keyExchangeOutcomes(TelegramSimulator.KeyExchange.RETRY_ONCE, TelegramSimulator.KeyExchange.FAIL);
            TelegramKeys.create("127.0.0.1", sim.port(), 2).trustRsaKey(sim.rsaPublicKeyPem()).make();
            assertEquals(1, sim.keysMade());
            TelegramSetupException failed = assertThrows(TelegramSetupException.class,
                    () -> TelegramKeys.create("127.0.0.1", sim.port(), 2).trustRsaKey(sim.rsaPublicKeyPem()).make());
            assertTrue(failed.getMessage().contains("dh_gen_fail"), failed.getMessage());
            assertEquals(1, sim.keysMade());
        }
    }

    @Test
    void aServerWithoutATrustedKeyOrWithoutAnAnswerGetsNoKey() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            // By default only Telegram's published key is trusted: the simulator's is not it.
            TelegramSetupException untrusted = assertThrows(TelegramSetupException.class,
                    () -> TelegramKeys.create("127.0.0.1", sim.port(), 2).make());
            assertTrue(untrusted.getMessage().contains("trusts"), untrusted.getMessage());
            assertEquals(0, sim.keysMade());
        }
        try (ServerSocket silent = new ServerSocket(0)) { // accepts, never answers
            long start = System.nanoTime();
            TelegramSetupException timeout = assertThrows(TelegramSetupException.class,
                    () -> TelegramKeys.create("127.0.0.1", silent.getLocalPort(), 2).callTimeout(Duration.ofSeconds(1)).make());
            assertTrue(timeout.getMessage().contains("no answer within 1 s"), timeout.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "bounded by the timeout");
        }
        assertThrows(IllegalArgumentException.class, () -> TelegramKeys.create("127.0.0.1", 0, 2));
        assertThrows(IllegalArgumentException.class, () -> TelegramKeys.create("h", 443, 2).trustRsaKey("not a key"));
        assertThrows(IllegalArgumentException.class, () -> TelegramKeys.create("h", 443, 2)
                .trustRsaKey("-----BEGIN RSA PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(new byte[40])
                        + "\n-----END RSA PUBLIC KEY-----"));
    }

    @Test
    void anHttpServerOnThePortIsSaidToBeOneWhenMakingAKey() throws Exception {
        byte[] page = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (TelegramTransport transport : TelegramTransport.values()) {
            try (ServerSocket http = BuilderTest.answering(page)) {
                TelegramSetupException e = assertThrows(TelegramSetupException.class,
                        () -> TelegramKeys.create("127.0.0.1", http.getLocalPort(), 2).transport(transport)
                                .callTimeout(Duration.ofSeconds(5)).make());
                assertTrue(e.getMessage().contains("an HTTP server or proxy answered at 127.0.0.1:" + http.getLocalPort()
                        + ", not Telegram"), e.getMessage());
            }
        }
    }
}
