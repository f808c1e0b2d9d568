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

    @Test
    void eachLayerGetsItsOwnConstructors() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.user(101, "person_101", null).supergroup(7001, 101);
            for (int layer : USER.keySet()) {
                MtprotoConnection c = new MtprotoConnection(new MtprotoConnection.Settings("127.0.0.1", sim.port(),
                        Framing.INTERMEDIATE, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), 1 << 20,
                        layer, 271_828, "test", "Java", "1", "en"), sim.authKey(), 0, TimeSource.system(), new SecureRandom());
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
