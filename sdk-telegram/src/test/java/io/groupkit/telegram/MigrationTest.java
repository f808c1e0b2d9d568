package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Added;
import io.groupkit.core.AddResult;
import io.groupkit.core.Members;
import io.groupkit.core.Unavailable;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** An account Telegram moves to another data centre after login: followed, with the session saved. */
class MigrationTest {
    private final VirtualTime time = VirtualTime.create();

    /** The same groups and people in both fake data centres: they share the account, not a database. */
    private static TelegramSimulator dataCentre(VirtualTime time) {
        TelegramSimulator dc = TelegramSimulator.start(time);
        dc.basicGroup(Fixture.CHAT).user(100, "person_100", null).user(101, "person_101", null);
        return dc;
    }

    private TelegramClient client(TelegramSimulator home, SessionStore store, UnaryOperator<Telegram.Builder> more) {
        store.save(TelegramSession.fromTelethon(home.sessionString()));
        return more.apply(Telegram.builder().sessionStore(store).apiId(Fixture.API_ID)
                .policies(Fixture.policies(time).build())).build();
    }

    @Test
    void aMovedAccountIsFollowedToItsNewDataCentreAndTheSessionSaved() {
        try (TelegramSimulator dc2 = dataCentre(time); TelegramSimulator dc4 = dataCentre(time).thisDataCentre(4)) {
            dc2.migrateCalls("USER_MIGRATE_4", dc4).dataCentre(4, dc4.port());
            SessionStore store = SessionStore.inMemory();
            try (TelegramClient client = client(dc2, store, b -> b.trustRsaKey(dc4.rsaPublicKeyPem()))) {
                AddResult r = client.add(TelegramGroup.basic(Fixture.CHAT), Fixture.person(100));
                assertInstanceOf(Added.class, r, () -> "got " + r);
                assertTrue(dc4.members(Fixture.CHAT).contains(100L), "added in the new data centre");
                assertFalse(dc2.members(Fixture.CHAT).contains(100L), "not in the old one");
                assertEquals(1, dc2.exports());
                assertEquals(1, dc4.keysMade(), "a key of its own in the new data centre");
                TelegramSession saved = store.load().orElseThrow();
                assertEquals(4, saved.dcId());
                assertEquals(dc4.port(), saved.port());
                assertEquals(TelegramSimulator.SELF, saved.userId().orElseThrow(), "the user id auth.importAuthorization named");
                assertTrue(dc4.authorized(saved.authKeyId()));
                List<String> logged = io.groupkit.testkit.logs.CapturedLogs.lines();
                assertTrue(logged.stream().anyMatch(l -> l.contains("moved the account from data centre 2 to 4")), "the move is logged");
                byte[] key = saved.authKey();
                for (String secret : List.of(HexFormat.of().formatHex(key, 0, 16), Base64.getEncoder().encodeToString(key)
                        .substring(0, 24), saved.save().substring(10, 50))) {
                    assertTrue(logged.stream().noneMatch(l -> l.contains(secret)), "no log line shows the new key or session");
                    assertFalse(client.toString().contains(secret));
                }
                int before = dc2.calls().size();
                assertInstanceOf(Members.class, client.members(TelegramGroup.basic(Fixture.CHAT)));
                assertEquals(before, dc2.calls().size(), "later calls go straight to the new home");
            }
            try (TelegramClient restarted = Telegram.builder().sessionStore(store).apiId(Fixture.API_ID)
                    .policies(Fixture.policies(time).build()).build()) {
                assertInstanceOf(Added.class, restarted.add(TelegramGroup.basic(Fixture.CHAT), Fixture.person(101)));
                assertEquals(1, dc2.exports(), "a restart starts at the saved home: no second move");
            }
        }
    }

    @Test
    void aMoveToADataCentreWithNoKnownAddressLeavesTheCallUnsent() {
        try (TelegramSimulator dc2 = dataCentre(time); TelegramSimulator dc7 = dataCentre(time)) {
            dc2.migrateCalls("NETWORK_MIGRATE_7", dc7); // 7 is neither in the config nor in Telegram's table
            try (TelegramClient client = client(dc2, SessionStore.inMemory(), b -> b)) {
                AddResult r = client.add(TelegramGroup.basic(Fixture.CHAT), Fixture.person(100));
                Unavailable u = assertInstanceOf(Unavailable.class, r, () -> "got " + r);
                assertTrue(u.detail().description().contains("data centre 7"), u.detail().description());
                assertEquals(0, dc2.exports(), "nothing exported for a data centre that cannot be reached");
                assertFalse(dc2.members(Fixture.CHAT).contains(100L));
                assertFalse(dc7.members(Fixture.CHAT).contains(100L));
            }
        }
    }

    @Test
    void anAuthorizationTheNewDataCentreRefusesLeavesTheCallUnsentAndTheSessionAlone() {
        try (TelegramSimulator dc2 = dataCentre(time); TelegramSimulator dc4 = dataCentre(time);
             TelegramSimulator elsewhere = dataCentre(time)) {
            dc2.migrateCalls("USER_MIGRATE_4", elsewhere).dataCentre(4, dc4.port()); // dc4 never saw the export
            SessionStore store = SessionStore.inMemory();
            try (TelegramClient client = client(dc2, store, b -> b.trustRsaKey(dc4.rsaPublicKeyPem()))) {
                AddResult r = client.add(TelegramGroup.basic(Fixture.CHAT), Fixture.person(100));
                Unavailable u = assertInstanceOf(Unavailable.class, r, () -> "got " + r);
                assertTrue(u.detail().description().contains("AUTH_BYTES_INVALID"), u.detail().description());
                assertFalse(dc4.members(Fixture.CHAT).contains(100L));
                assertEquals(2, store.load().orElseThrow().dcId(), "the session still names its old home");
            }
        }
    }

    @Test
    void aMoveThatCannotBeMadeLeavesTheCallUnsentSoItsRetryIsTheOnlyAdd() {
        for (String move : new String[] {"USER_MIGRATE_4", "NETWORK_MIGRATE_2", "PHONE_MIGRATE_5"}) {
            try (Fixture f = new Fixture()) {
                // A session on loopback is never sent to Telegram's own table: DC 4 and 5 have no address here,
                // and DC 2 is where the session already is.
                f.sim.fault(new io.groupkit.testkit.telegram.ServerFault.RpcError(303, move));
                assertInstanceOf(Added.class, f.client.add(f.basic, f.known(101)), move);
                assertEquals(1, f.sim.calls().stream().filter("messages.addChatUser"::equals).count(), move);
                assertEquals(0, f.sim.keysMade(), "no key made anywhere");
            }
        }
    }
}
