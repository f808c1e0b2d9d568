package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Framing;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A call Telegram sends elsewhere is moved, or stays unsent: never lost, whatever the move does. */
class HomeConnectionTest {

    private static MtprotoConnection connection(TelegramSimulator sim) {
        return new MtprotoConnection(new MtprotoConnection.Settings("127.0.0.1", sim.port(), Framing.INTERMEDIATE,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), 1 << 20, 228, 271_828, "test", "Java",
                "1", "en"), sim.authKey(), 0, TimeSource.system(), new SecureRandom());
    }

    @Test
    void aMoveThatBreaksUnexpectedlyLeavesTheCallUnsent() {
        try (TelegramSimulator dc2 = TelegramSimulator.start(); TelegramSimulator dc4 = TelegramSimulator.start()) {
            dc2.migrateCalls("NETWORK_MIGRATE_4", dc4);
            HomeConnection home = new HomeConnection(connection(dc2), (from, dc) -> {
                throw new IllegalStateException("a bug in the move");
            });
            try (home) {
                RpcAnswer.Failure f = assertInstanceOf(RpcAnswer.Failure.class, home.call(Requests.getSelf()));
                assertEquals(RpcAnswer.Stage.NOT_SENT, f.stage());
                assertTrue(f.reason().contains("data centre 4") && f.reason().contains("IllegalStateException"), f.reason());
            }
        }
    }

    @Test
    void onlyAThreeHundredThreeNamingAUserNetworkOrPhoneMoveIsOne() {
        assertEquals(OptionalInt.of(4), HomeConnection.migrateTo(new RpcAnswer.Error(303, "USER_MIGRATE_4")));
        assertEquals(OptionalInt.of(5), HomeConnection.migrateTo(new RpcAnswer.Error(303, "NETWORK_MIGRATE_5")));
        assertEquals(OptionalInt.of(1), HomeConnection.migrateTo(new RpcAnswer.Error(303, "PHONE_MIGRATE_1")));
        assertTrue(HomeConnection.migrateTo(new RpcAnswer.Error(303, "FILE_MIGRATE_2")).isEmpty(), "files are not ours");
        assertTrue(HomeConnection.migrateTo(new RpcAnswer.Error(400, "USER_MIGRATE_4")).isEmpty(), "only a 303");
        assertTrue(HomeConnection.migrateTo(new RpcAnswer.Error(303, "USER_MIGRATE_")).isEmpty());
    }
}
