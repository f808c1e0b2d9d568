package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.TlReader;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fake server writes the constructors of the layer a client asks for, as Telegram does —
 * checked against tdlib's telegram_api.tl at each layer (its git history): Telethon asks for 190,
 * GramJS for 193 to 198, GroupKit for 228.
 */
class LayersTest {
    private static final Map<Integer, Integer> USER = Map.of(190, 0x83314fca, 198, 0x4b46c37e, 210, 0x020b1422,
            224, 0x31774388, 227, 0x31774388, 228, 0xb1b8cc83);
    private static final Map<Integer, Integer> CHANNEL_PARTICIPANT = Map.of(190, 0xcb397619, 198, 0xcb397619,
            210, 0xcb397619, 224, 0x1bd54456, 227, 0x1bd54456, 228, 0x1bd54456);

    /** chatParticipantCreator, chatParticipantAdmin, chatParticipant; channelParticipantSelf, channelParticipantBanned. */
    private static final int[] BEFORE_RANKS = {0xe46bcee4, 0xa0933f5b, 0xc02d4007, 0x4f607bef, 0x6df8014e};
    private static final int[] WITH_RANKS = {0xe1f867b8, 0x0360d5d2, 0x38e79fde, 0xa9478a1a, 0xd5f0ad91};

    @Test
    void listingsAreWrittenAsEachLayerHasThem() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.user(101, "person_101", null).user(102, "person_102", null).basicGroup(5001, 102, 101).promote(5001, 102)
                    .supergroup(7002, 101, 103).notAdmin(7002).restrict(7002, 103);
            for (int layer : USER.keySet()) {
                int[] expected = layer >= 223 ? WITH_RANKS : BEFORE_RANKS;
                int flags = layer >= 223 ? 4 : 0;
                MtprotoConnection c = connection(sim, layer);
                try (c) {
                    TlReader full = new TlReader(assertInstanceOf(RpcAnswer.Result.class,
                            c.call(Requests.getFullChat(5001))).body());
                    full.skip(4 + 4 + 4 + 8); // messages.chatFull, chatFull, flags, id
                    full.string(); // about
                    full.skip(4 + 8); // chatParticipants, chat_id
                    assertEquals(3, full.vectorHeader(12));
                    assertEquals(expected[0], full.int32(), "chatParticipantCreator# at layer " + layer);
                    full.skip(flags + 8);
                    assertEquals(expected[1], full.int32(), "chatParticipantAdmin# at layer " + layer);
                    full.skip(flags + 20);
                    assertEquals(expected[2], full.int32(), "chatParticipant# at layer " + layer);

                    TlReader page = new TlReader(assertInstanceOf(RpcAnswer.Result.class, c.call(Requests.getParticipants(
                            new Requests.Peer(7002, sim.channelAccessHash(7002)), 0, 200))).body());
                    page.skip(8); // channels.channelParticipants, count
                    assertEquals(3, page.vectorHeader(12));
                    assertEquals(expected[3], page.int32(), "channelParticipantSelf# at layer " + layer);
                    page.skip(4 + 8 + 8 + 4);
                    assertEquals(CHANNEL_PARTICIPANT.get(layer), page.int32(), "channelParticipant# at layer " + layer);
                    page.skip(4 + 8 + 4);
                    assertEquals(expected[4], page.int32(), "channelParticipantBanned# at layer " + layer);
                }
            }
        }
    }

    private static MtprotoConnection connection(TelegramSimulator sim, int layer) {
        return new MtprotoConnection(new MtprotoConnection.Settings("127.0.0.1", sim.port(),
                Framing.INTERMEDIATE, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), 1 << 20,
                layer, 271_828, "test", "Java", "1", "en"), sim.authKey(), 0, TimeSource.system(), new SecureRandom());
    }

    @Test
    void eachLayerGetsItsOwnConstructors() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.user(101, "person_101", null).supergroup(7001, 101);
            for (int layer : USER.keySet()) {
                MtprotoConnection c = connection(sim, layer);
                try (c) {
                    RpcAnswer.Result self = assertInstanceOf(RpcAnswer.Result.class, c.call(Requests.getSelf()));
                    TlReader r = new TlReader(self.body());
                    r.int32(); // vector
                    r.int32(); // 1
                    assertEquals(USER.get(layer), r.int32(), "user# at layer " + layer);
                    RpcAnswer.Result participant = assertInstanceOf(RpcAnswer.Result.class, c.call(Requests.getParticipant(
                            new Requests.Peer(7001, sim.channelAccessHash(7001)), new Requests.Peer(101, sim.accessHash(101)))));
                    TlReader p = new TlReader(participant.body());
                    p.int32(); // channels.channelParticipant
                    assertEquals(CHANNEL_PARTICIPANT.get(layer), p.int32(), "channelParticipant# at layer " + layer);
                }
            }
        }
    }
}
