package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.TlReader;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.internal.Requests.Peer;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The join-request calls and their answer at layer 228: every constructor id against tdlib's
 * telegram_api.tl of layer 228 (tdlib/td 022d60202e44, written here by hand from that file), the
 * bodies the adapter writes field by field, and what the fake data centre answers.
 */
class JoinRequestsLayerTest {
    /** The ids as tdlib's layer-228 schema has them. */
    private static final Map<String, Integer> LAYER_228 = Map.of(
            "messages.getChatInviteImporters", 0xdf04dd4e,
            "messages.hideChatJoinRequest", 0x7fe7e815,
            "messages.hideAllChatJoinRequests", 0xe085f4ea,
            "messages.chatInviteImporters", 0x81b6b00a,
            "chatInviteImporter", 0x8c5adfd9,
            "inputUserEmpty", 0xb98886cf,
            "inputPeerChat", 0x35a95cb9,
            "inputPeerChannel", 0x27bcbbfc,
            "inputUser", 0xf21158c6);

    @Test
    void theConstructorsAreLayer228s() {
        assertEquals(LAYER_228.get("messages.getChatInviteImporters"), Constructors.MESSAGES_GET_CHAT_INVITE_IMPORTERS);
        assertEquals(LAYER_228.get("messages.hideChatJoinRequest"), Constructors.MESSAGES_HIDE_CHAT_JOIN_REQUEST);
        assertEquals(LAYER_228.get("messages.hideAllChatJoinRequests"), Constructors.MESSAGES_HIDE_ALL_CHAT_JOIN_REQUESTS);
        assertEquals(LAYER_228.get("messages.chatInviteImporters"), Constructors.CHAT_INVITE_IMPORTERS);
        assertEquals(LAYER_228.get("chatInviteImporter"), Constructors.CHAT_INVITE_IMPORTER);
        assertEquals(LAYER_228.get("inputUserEmpty"), Constructors.INPUT_USER_EMPTY);
        assertEquals(LAYER_228.get("inputPeerChat"), Constructors.INPUT_PEER_CHAT);
        assertEquals(LAYER_228.get("inputPeerChannel"), Constructors.INPUT_PEER_CHANNEL);
        assertEquals(LAYER_228.get("inputUser"), Constructors.INPUT_USER);
    }

    /** getChatInviteImporters: flags (requested = bit 0), peer, no link, no q, offset_date, offset_user, limit. */
    @Test
    void theListingIsWrittenFieldByField() throws Exception {
        TlReader first = new TlReader(JoinRequestsTl.getRequests(TelegramGroup.basic(5001), 0, null, 50));
        assertEquals(LAYER_228.get("messages.getChatInviteImporters"), first.int32());
        assertEquals(1, first.int32(), "flags: requested only");
        assertEquals(LAYER_228.get("inputPeerChat"), first.int32());
        assertEquals(5001, first.int64());
        assertEquals(0, first.int32(), "offset_date");
        assertEquals(LAYER_228.get("inputUserEmpty"), first.int32(), "offset_user of the first page");
        assertEquals(50, first.int32(), "limit");
        assertEquals(0, first.remaining());

        TlReader next = new TlReader(JoinRequestsTl.getRequests(TelegramGroup.supergroup(7001, 77), 1_700_000_123,
                new Peer(101, -5), 100));
        next.skip(8);
        assertEquals(LAYER_228.get("inputPeerChannel"), next.int32());
        assertEquals(7001, next.int64());
        assertEquals(77, next.int64());
        assertEquals(1_700_000_123, next.int32());
        assertEquals(LAYER_228.get("inputUser"), next.int32());
        assertEquals(101, next.int64());
        assertEquals(-5, next.int64());
        assertEquals(100, next.int32());
        assertEquals(0, next.remaining());
    }

    /** hideChatJoinRequest: flags (approved = bit 0), peer, user; hideAllChatJoinRequests: flags (link = bit 1), peer, link. */
    @Test
    void theDecisionsAreWrittenFieldByField() throws Exception {
        TlReader one = new TlReader(JoinRequestsTl.hideRequest(TelegramGroup.basic(5001), new Peer(101, 9), true));
        assertEquals(LAYER_228.get("messages.hideChatJoinRequest"), one.int32());
        assertEquals(1, one.int32());
        assertEquals(LAYER_228.get("inputPeerChat"), one.int32());
        assertEquals(5001, one.int64());
        assertEquals(LAYER_228.get("inputUser"), one.int32());
        assertEquals(101, one.int64());
        assertEquals(9, one.int64());
        assertEquals(0, one.remaining());
        TlReader dismiss = new TlReader(JoinRequestsTl.hideRequest(TelegramGroup.basic(5001), new Peer(101, 9), false));
        dismiss.skip(4);
        assertEquals(0, dismiss.int32(), "dismissed: no approved flag");

        TlReader all = new TlReader(JoinRequestsTl.hideAll(TelegramGroup.basic(5001), false, null));
        assertEquals(LAYER_228.get("messages.hideAllChatJoinRequests"), all.int32());
        assertEquals(0, all.int32());
        all.skip(12);
        assertEquals(0, all.remaining());
        TlReader byLink = new TlReader(JoinRequestsTl.hideAll(TelegramGroup.basic(5001), true, "https://t.me/+abc"));
        byLink.skip(4);
        assertEquals(1 | 2, byLink.int32());
        byLink.skip(12);
        assertEquals("https://t.me/+abc", byLink.string());
        assertEquals(0, byLink.remaining());
    }

    /** The fake data centre's answer at layer 228: messages.chatInviteImporters of chatInviteImporter, then users. */
    @Test
    void theFakeDataCentreAnswersWithLayer228sConstructors() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.user(101, "person_101", null).basicGroup(5001).requestToJoin(5001, 101, null, "hi");
            try (MtprotoConnection c = new MtprotoConnection(new MtprotoConnection.Settings("127.0.0.1", sim.port(),
                    Framing.INTERMEDIATE, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), 1 << 20,
                    228, 271_828, "test", "Java", "1", "en"), sim.authKey(), 0, TimeSource.system(), new SecureRandom())) {
                byte[] body = assertInstanceOf(RpcAnswer.Result.class, c.call(JoinRequestsTl.getRequests(
                        TelegramGroup.basic(5001), 0, null, 10))).body();
                TlReader r = new TlReader(body);
                assertEquals(LAYER_228.get("messages.chatInviteImporters"), r.int32());
                assertEquals(1, r.int32(), "count");
                assertEquals(1, r.vectorHeader(16));
                assertEquals(LAYER_228.get("chatInviteImporter"), r.int32());
                assertEquals(1 | 4, r.int32(), "requested, about");
                JoinRequestsTl.Page page = JoinRequestsTl.read(body);
                assertEquals(101, page.importers().get(0).userId());
                assertEquals("hi", page.importers().get(0).about().orElseThrow());
                assertEquals(sim.accessHash(101), page.accessHashes().get(101L), "the user's hash, from layer 228's user#");
            }
        }
    }
}
