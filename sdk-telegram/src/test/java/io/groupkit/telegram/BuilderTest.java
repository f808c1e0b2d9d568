package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Member;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unsupported;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The builder's checks, and a client pointed at something that is not Telegram. */
@Order(4)
class BuilderTest {
    private static final byte[] KEY = new byte[256];

    @Test
    void theSessionAndTheApiIdAreRequiredWithMessagesThatSayWhatToGive() {
        IllegalStateException noSession = assertThrows(IllegalStateException.class, () -> Telegram.builder().build());
        assertTrue(noSession.getMessage().contains("TelegramSession.fromTelethon"), noSession.getMessage());
        TelegramSession session = TelegramSession.of(2, "127.0.0.1", 443, KEY);
        IllegalStateException noApiId = assertThrows(IllegalStateException.class,
                () -> Telegram.builder().session(session).build());
        assertTrue(noApiId.getMessage().contains("my.telegram.org"), noApiId.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Telegram.builder().apiId(0));
        assertThrows(IllegalArgumentException.class, () -> Telegram.builder().requestTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Telegram.builder().inviteLinkUsageLimit(100_000));
        assertThrows(IllegalArgumentException.class, () -> Telegram.builder().basicGroupHistory(101));
        assertThrows(IllegalArgumentException.class, () -> Telegram.builder().addPacing());
        assertThrows(NullPointerException.class, () -> Telegram.builder().executor(null));
    }

    @Test
    void groupsAndPeopleAreCheckedWhereTheCallerMadeThem() {
        assertThrows(IllegalArgumentException.class, () -> TelegramGroup.basic(-5001));
        IllegalArgumentException prefixed = assertThrows(IllegalArgumentException.class,
                () -> TelegramGroup.supergroup(-1001234567890L, 1));
        assertTrue(prefixed.getMessage().contains("-100"), prefixed.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TelegramClient.user(0, 1));
        assertEquals("5:-7", TelegramClient.user(5, -7).value());
        TelegramClient client = Telegram.builder().session(TelegramSession.of(2, "127.0.0.1", 9, KEY)).apiId(1).build();
        IllegalArgumentException badId = assertThrows(IllegalArgumentException.class,
                () -> client.add(TelegramGroup.basic(1), Member.userId("alice")));
        assertTrue(badId.getMessage().contains("id:accessHash"), badId.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.add(TelegramGroup.basic(1), Member.chatId("1@g.us")));
    }

    @Test
    void nothingListeningIsUnavailableNotACrash() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (TelegramClient client = client(port)) {
            AddResult r = client.add(TelegramGroup.basic(1), TelegramClient.user(5, 7));
            assertInstanceOf(Unavailable.class, r);
            assertTrue(r.detail().description().contains("could not connect"), r.detail().description());
        }
    }

    @Test
    void anHttpServerOnThePortIsSaidToBeOneNotAHugePacket() throws Exception {
        byte[] page = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\nBad Request"
                .getBytes(StandardCharsets.US_ASCII);
        try (ServerSocket server = answering(page)) {
            AddResult r;
            try (TelegramClient client = client(server.getLocalPort())) {
                r = client.add(TelegramGroup.basic(1), TelegramClient.user(5, 7));
            }
            assertInstanceOf(Unsupported.class, r, r::toString);
            assertEquals("NOT_TELEGRAM", r.detail().code());
            assertEquals("an HTTP server or proxy answered at 127.0.0.1:" + server.getLocalPort() + ", not Telegram",
                    r.detail().description());
            assertFalse(r.detail().description().contains("1347703880"), "HTTP is no packet length");
            assertFalse(r.retryable(), "the same address answers the same way");
            assertTrue(r.remedy().contains("host and port"), r.remedy());
        }
    }

    @Test
    void garbageBytesGiveAnOutcomeNotAHang() throws Exception {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 16; // a plausible first length, then nonsense
        noise[1] = noise[2] = noise[3] = 0;
        try (ServerSocket server = answering(noise); TelegramClient client = client(server.getLocalPort())) {
            AddResult r = client.add(TelegramGroup.basic(1), TelegramClient.user(5, 7));
            assertInstanceOf(Indeterminate.class, r, r::toString);
            assertFalse(r.detail().description().isBlank());
        }
    }

    /** A local server that answers every connection's first bytes with {@code reply}, then holds it open. */
    static ServerSocket answering(byte[] reply) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    in.read(new byte[1024]);
                    OutputStream out = s.getOutputStream();
                    out.write(reply);
                    out.flush();
                    in.read(new byte[1024]); // hold the connection until the client gives up
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    private static TelegramClient client(int port) {
        return Telegram.builder().session(TelegramSession.of(2, "127.0.0.1", port, KEY)).apiId(1)
                .connectTimeout(Duration.ofSeconds(2)).requestTimeout(Duration.ofSeconds(2))
                .policies(Fixture.policies(io.groupkit.testkit.time.VirtualTime.create()).build()).build();
    }
}
