package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.telegram.internal.TlSchema.TlObject;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The invite-link requests and answers against tdlib's layer-228 schema (the lines of its
 * telegram_api.tl in {@code layer228-invites.tl}): every id GroupKit uses is the schema's, the
 * requests read back by the schema field by field to their end, and the fake data centre's
 * answers read by it too.
 */
class InviteLinkLayerTest {
    private static final Pattern LINE = Pattern.compile("^([\\w.]+)#([0-9a-f]+)(.*?)\\s*=\\s*([\\w.<>]+);$");
    private static final List<String> METHODS = List.of("messages.exportChatInvite", "messages.getExportedChatInvite",
            "messages.editExportedChatInvite");
    private static final Map<String, Integer> IDS = new HashMap<>();
    private static TlSchema table;

    @BeforeAll
    static void load() throws IOException {
        StringBuilder rows = new StringBuilder();
        try (InputStream in = InviteLinkLayerTest.class.getResourceAsStream("layer228-invites.tl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("//")) {
                    continue;
                }
                Matcher m = LINE.matcher(line.strip());
                assertTrue(m.matches(), line);
                int id = Integer.parseUnsignedInt(m.group(2), 16);
                IDS.put(m.group(1), id);
                // A method reads as a type of its own, so that its bytes are read by its fields alone.
                String type = METHODS.contains(m.group(1)) ? "!" + m.group(1) : m.group(4);
                rows.append(String.format("%08x %s %s %s%n", id, type, m.group(1), m.group(3).strip()));
            }
        }
        table = TlSchema.parse(rows.toString());
    }

    @Test
    void everyInviteLinkIdIsLayer228s() {
        assertEquals(IDS.get("messages.exportChatInvite"), Constructors.MESSAGES_EXPORT_CHAT_INVITE);
        assertEquals(IDS.get("messages.getExportedChatInvite"), Constructors.MESSAGES_GET_EXPORTED_CHAT_INVITE);
        assertEquals(IDS.get("messages.editExportedChatInvite"), Constructors.MESSAGES_EDIT_EXPORTED_CHAT_INVITE);
        assertEquals(IDS.get("messages.exportedChatInvite"), Constructors.MESSAGES_EXPORTED_CHAT_INVITE);
        assertEquals(IDS.get("messages.exportedChatInviteReplaced"), Constructors.MESSAGES_EXPORTED_CHAT_INVITE_REPLACED);
        assertEquals(IDS.get("chatInviteExported"), Constructors.CHAT_INVITE_EXPORTED);
        assertEquals(IDS.get("chatInvitePublicJoinRequests"), Constructors.CHAT_INVITE_PUBLIC_JOIN_REQUESTS);
        assertEquals(IDS.get("inputPeerChat"), Constructors.INPUT_PEER_CHAT);
        assertEquals(IDS.get("inputPeerChannel"), Constructors.INPUT_PEER_CHANNEL);
    }

    @Test
    void theRequestsReadBackFieldByFieldByTheSchema() throws TlException {
        Requests.Peer channel = new Requests.Peer(7001, 42);
        TlObject personal = read(Requests.exportChatInvite(0, channel, 1_800_000_000, 1, "GroupKit · @alice"),
                "messages.exportChatInvite");
        assertEquals("inputPeerChannel", personal.object("peer").name());
        assertEquals(42L, personal.object("peer").int64("access_hash"));
        assertEquals(1_800_000_000, personal.int32("expire_date"));
        assertEquals(1, personal.int32("usage_limit"));
        assertEquals("GroupKit · @alice", personal.get("title"));
        assertFalse(personal.has("request_needed"), "a usage limit is never sent with request_needed");

        TlObject shared = read(Requests.exportChatInvite(5001, null, 0, 0), "messages.exportChatInvite");
        assertEquals("inputPeerChat", shared.object("peer").name());
        assertFalse(shared.has("title") || shared.has("usage_limit") || shared.has("expire_date"));

        TlObject get = read(Requests.getExportedChatInvite(5001, null, "https://t.me/+abc"), "messages.getExportedChatInvite");
        assertEquals("https://t.me/+abc", get.get("link"));

        TlObject revoke = read(Requests.revokeExportedChatInvite(0, channel, "https://t.me/+abc"),
                "messages.editExportedChatInvite");
        assertEquals(Boolean.TRUE, revoke.get("revoked"));
        assertEquals("https://t.me/+abc", revoke.get("link"));
        assertFalse(revoke.has("expire_date") || revoke.has("usage_limit") || revoke.has("title")
                || revoke.has("request_needed"), "a revocation changes nothing else");
    }

    @Test
    void theFakeDataCentreAnswersAsTheSchemaReadsThem() throws TlException {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.user(150, "person_150", null).supergroup(7001);
            Requests.Peer channel = new Requests.Peer(7001, sim.channelAccessHash(7001));
            int expire = (int) (System.currentTimeMillis() / 1000) + 3600;
            try (MtprotoConnection c = connection(sim)) {
                byte[] made = assertInstanceOf(RpcAnswer.Result.class,
                        c.call(Requests.exportChatInvite(0, channel, expire, 1, "GroupKit · @person_150"))).body();
                TlReader r = new TlReader(made);
                TlObject invite = table.object(r, "ExportedChatInvite");
                assertEquals(0, r.remaining(), "chatInviteExported read to its end");
                assertEquals("GroupKit · @person_150", invite.get("title"));
                assertEquals(1, invite.int32("usage_limit"));
                assertEquals(expire, invite.int32("expire_date"));
                String link = (String) invite.get("link");

                assertTrue(sim.join(link, 150));
                TlReader got = new TlReader(assertInstanceOf(RpcAnswer.Result.class,
                        c.call(Requests.getExportedChatInvite(0, channel, link))).body());
                assertEquals(Constructors.MESSAGES_EXPORTED_CHAT_INVITE, got.int32());
                assertEquals(1, table.object(got, "ExportedChatInvite").int32("usage"));

                TlReader revoked = new TlReader(assertInstanceOf(RpcAnswer.Result.class,
                        c.call(Requests.revokeExportedChatInvite(0, channel, link))).body());
                assertEquals(Constructors.MESSAGES_EXPORTED_CHAT_INVITE, revoked.int32());
                assertEquals(Boolean.TRUE, table.object(revoked, "ExportedChatInvite").get("revoked"));
            }
        }
    }

    private static TlObject read(byte[] body, String method) throws TlException {
        TlReader r = new TlReader(body);
        TlObject o = table.object(r, "!" + method);
        assertEquals(0, r.remaining(), () -> method + " read to its end");
        return o;
    }

    private static MtprotoConnection connection(TelegramSimulator sim) {
        return new MtprotoConnection(new MtprotoConnection.Settings("127.0.0.1", sim.port(), Framing.INTERMEDIATE,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), 1 << 20, 228, 271_828, "test", "Java",
                "1", "en"), sim.authKey(), 0, TimeSource.system(), new SecureRandom());
    }
}
