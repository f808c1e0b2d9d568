package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What other clients send that the fake server must take as Telegram does. */
class ServerFidelityTest {

    private static MtprotoConnection connection(TelegramSimulator sim) {
        return new MtprotoConnection(new MtprotoConnection.Settings("127.0.0.1", sim.port(), Framing.INTERMEDIATE,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), 1 << 20, 228, 271_828, "test", "Java",
                "1", "en"), sim.authKey(), 0, TimeSource.system(), new SecureRandom());
    }

    /** initConnection with a proxy and JSON params (GramJS, the official apps) is accepted. */
    @Test
    void initConnectionWithProxyAndParamsIsAccepted() {
        try (TelegramSimulator sim = TelegramSimulator.start(); MtprotoConnection c = connection(sim)) {
            assertInstanceOf(RpcAnswer.Result.class, c.call(Requests.getSelf()));
            byte[] params = new TlWriter().int32(0x99c1d49d).int32(TlWriter.VECTOR).int32(2)
                    .int32(0xc0de1bd9).string("tz_offset").int32(0x2be0dfa4).int64(Double.doubleToLongBits(3600.0))
                    .int32(0xc0de1bd9).string("nested").int32(0xf7444763).int32(TlWriter.VECTOR).int32(3)
                    .int32(0xb71e767a).string("x").int32(0xc7345e6a).bool(true).int32(0x3f6d7b68)
                    .toByteArray();
            byte[] wrapped = new TlWriter().int32(Constructors.INVOKE_WITH_LAYER).int32(228).int32(Constructors.INIT_CONNECTION)
                    .int32(3).int32(271_828).string("Desktop").string("Linux").string("5.0").string("en").string("tdesktop")
                    .string("en").int32(0x75588b3f).string("proxy.example").int32(443).raw(params).raw(Requests.getSelf())
                    .toByteArray();
            assertInstanceOf(RpcAnswer.Result.class, c.call(wrapped), "flags 0 and 1 set: proxy and params");
            assertEquals(2, sim.initConnections());
        }
    }

    /** ping_delay_disconnect is answered with a pong, and the server closes the connection after the delay. */
    @Test
    void pingDelayDisconnectIsAnsweredAndKeepsItsWord() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start(); MtprotoConnection c = connection(sim)) {
            assertInstanceOf(RpcAnswer.Result.class, c.call(Requests.getSelf()));
            assertInstanceOf(RpcAnswer.Result.class, c.call(new TlWriter().int32(Constructors.PING_DELAY_DISCONNECT)
                    .int64(77).int32(1).toByteArray()), "a pong");
            Thread.sleep(1_500); // real time: the server's own delay
            assertInstanceOf(RpcAnswer.Result.class, c.call(Requests.getSelf()));
            assertEquals(2, sim.connectionsAccepted(), "the server closed it after a second: a new connection");
        }
    }
}
