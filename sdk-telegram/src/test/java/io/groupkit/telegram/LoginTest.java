package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Added;
import io.groupkit.core.Member;
import io.groupkit.core.Unauthorized;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logging in on the fake data centre: code, two-step password, a wrong try each, migration, refusals. */
class LoginTest {
    static final String API_HASH = "0123456789abcdef0123456789abcdef";

    /** The user at the keyboard: reads the code from the "app", types the passwords given, in turn. */
    static final class User implements TelegramLogin.Prompts {
        final TelegramSimulator sim;
        final List<String> codes = new ArrayList<>();
        final List<char[]> passwordsGiven = new ArrayList<>();
        final String[] passwords;
        int wrongCodes;
        List<String> hints = new ArrayList<>();

        User(TelegramSimulator sim, int wrongCodes, String... passwords) {
            this.sim = sim;
            this.wrongCodes = wrongCodes;
            this.passwords = passwords;
        }

        @Override
        public String code(TelegramLogin.CodeRequest request) {
            String code = wrongCodes-- > 0 ? "00000x" : sim.lastLoginCode().orElseThrow();
            codes.add(request.via() + "/" + request.length() + "/" + request.attempt());
            return code;
        }

        @Override
        public char[] password(String hint) {
            hints.add(hint);
            char[] p = passwords[passwordsGiven.size()].toCharArray();
            passwordsGiven.add(p);
            return p;
        }
    }

    private static TelegramLogin login(TelegramSimulator... dcs) {
        TelegramLogin.Builder b = TelegramLogin.builder(Fixture.API_ID, API_HASH);
        int dc = 2;
        for (TelegramSimulator sim : dcs) {
            b.dataCentre(dc, "127.0.0.1", sim.port()).trustRsaKey(sim.rsaPublicKeyPem());
            dc += 2;
        }
        return b.build();
    }

    @Test
    void aNewKeyLogsInWithTheCodeAndThenWorks() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.basicGroup(Fixture.CHAT).user(100, "person_100", null);
            TelegramSession fresh = TelegramKeys.create("127.0.0.1", sim.port(), 2).trustRsaKey(sim.rsaPublicKeyPem()).make();
            try (TelegramClient before = Telegram.builder().session(fresh).apiId(Fixture.API_ID).build()) {
                assertInstanceOf(Unauthorized.class, before.add(TelegramGroup.basic(Fixture.CHAT), Member.username("person_100")),
                        "a key not logged in is refused (AUTH_KEY_UNREGISTERED)");
            }
            User user = new User(sim, 1);
            TelegramSession session = login(sim).login(fresh, "+" + sim.loginPhone(), user);
            assertEquals(List.of("app/5/1", "app/5/2"), user.codes, "a wrong code is asked for again");
            assertEquals(TelegramSimulator.SELF, session.userId().orElseThrow());
            assertEquals(Fixture.API_ID, session.apiId().orElseThrow());
            assertEquals(fresh.authKeyId(), session.authKeyId());
            try (TelegramClient client = Telegram.builder().session(session).build()) {
                assertInstanceOf(Added.class, client.add(TelegramGroup.basic(Fixture.CHAT), Member.username("person_100")));
            }
        }
    }

    @Test
    void twoStepVerificationChecksThePasswordBySrp() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.twoStepPassword("hunter2 пароль");
            User user = new User(sim, 0, "hunter3", "hunter2 пароль");
            TelegramSession session = login(sim).login("+" + sim.loginPhone(), user);
            assertEquals(TelegramSimulator.SELF, session.userId().orElseThrow());
            assertEquals(List.of("the usual one", "the usual one"), user.hints, "asked again after the wrong one");
            for (char[] given : user.passwordsGiven) {
                assertArrayEquals(new char[given.length], given, "the password is cleared after use");
            }
            assertTrue(sim.authorized(session.authKeyId()));
            User stubborn = new User(sim, 0, "a", "b", "c");
            TelegramSetupException wrong = assertThrows(TelegramSetupException.class,
                    () -> login(sim).login("+" + sim.loginPhone(), stubborn));
            assertTrue(wrong.getMessage().contains("password"), wrong.getMessage());
            assertFalse(wrong.getMessage().contains("hunter"), "no password in the message");
        }
    }

    @Test
    void anAccountInAnotherDataCentreIsFollowedThere() throws Exception {
        try (TelegramSimulator dc2 = TelegramSimulator.start(); TelegramSimulator dc4 = TelegramSimulator.start()) {
            dc2.loginMigratesTo(4);
            TelegramSession session = login(dc2, dc4).login("+" + dc2.loginPhone(), new User(dc4, 0));
            assertEquals(4, session.dcId());
            assertEquals(dc4.port(), session.port());
            assertEquals(1, dc2.keysMade());
            assertEquals(1, dc4.keysMade(), "a key of its own in the account's data centre");
            assertTrue(dc4.authorized(session.authKeyId()));
            assertFalse(dc2.authorized(session.authKeyId()));
        }
    }

    /** The other data centre's address comes from help.getConfig: the login knows only the first one. */
    @Test
    void theDataCentreToGoToIsTakenFromTheServersConfig() throws Exception {
        try (TelegramSimulator dc2 = TelegramSimulator.start(); TelegramSimulator dc4 = TelegramSimulator.start()) {
            dc2.loginMigratesTo(4).dataCentre(4, dc4.port());
            TelegramSession session = login(dc2).login("+" + dc2.loginPhone(), new User(dc4, 0));
            assertEquals(4, session.dcId());
            assertEquals(dc4.port(), session.port());
            assertTrue(dc4.authorized(session.authKeyId()));
        }
    }

    @Test
    void aLoginSavedInAFileStoreStartsAClient(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.basicGroup(Fixture.CHAT).user(100, "person_100", null);
            java.nio.file.Path file = dir.resolve("telegram.session");
            SessionStore store = SessionStore.file(file);
            assertTrue(store.load().isEmpty());
            IllegalStateException empty = assertThrows(IllegalStateException.class, () -> Telegram.builder().sessionStore(store));
            assertTrue(empty.getMessage().contains("log in first"), empty.getMessage());
            TelegramSession session = login(sim).login(store, "+" + sim.loginPhone(), new User(sim, 0));
            assertEquals(session, store.load().orElseThrow());
            assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), java.nio.file.Files.getPosixFilePermissions(file));
            try (TelegramClient client = Telegram.builder().sessionStore(SessionStore.file(file)).build()) {
                assertInstanceOf(Added.class, client.add(TelegramGroup.basic(Fixture.CHAT), Member.username("person_100")));
            }
            java.nio.file.Files.writeString(file, "garbage");
            IllegalStateException bad = assertThrows(IllegalStateException.class, () -> SessionStore.file(file).load());
            assertFalse(bad.getMessage().contains("garbage"));
            assertTrue(SessionStore.inMemory().load().isEmpty());
        }
    }

    @Test
    void refusalsAreSaidWithoutSecrets() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.loginFloodWait(31);
            TelegramSetupException flood = assertThrows(TelegramSetupException.class,
                    () -> login(sim).login("+" + sim.loginPhone(), new User(sim, 0)));
            assertTrue(flood.getMessage().contains("wait 31 s"), flood.getMessage());
            TelegramSetupException stranger = assertThrows(TelegramSetupException.class,
                    () -> login(sim).login("+15559990000", new User(sim, 0)));
            assertTrue(stranger.getMessage().contains("no Telegram account"), stranger.getMessage());
            TelegramSetupException codes = assertThrows(TelegramSetupException.class,
                    () -> login(sim).login("+" + sim.loginPhone(), new User(sim, 3)));
            assertTrue(codes.getMessage().contains("code was wrong"), codes.getMessage());
            assertFalse(codes.getMessage().contains(sim.lastLoginCode().orElseThrow()), "no code in the message");
        }
        assertThrows(IllegalArgumentException.class, () -> TelegramLogin.builder(1, "not-a-hash"));
        assertThrows(IllegalArgumentException.class, () -> TelegramLogin.builder(0, API_HASH));
        assertFalse(TelegramLogin.builder(1, API_HASH).build().toString().contains(API_HASH));
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            assertThrows(IllegalArgumentException.class, () -> login(sim).login("twelve", new User(sim, 0)));
            assertEquals(0, sim.keysMade(), "a bad number is refused before anything is sent");
        }
    }
}
