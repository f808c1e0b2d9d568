package io.groupkit.testkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The fake data centre's invite links, called as a client would (the method bodies by hand): the
 * usage limit, the expiry on the simulator's clock, revocation, and the refusals Telegram gives.
 */
class InviteLinksSimulatorTest {
    private static final long CHAT = 5001;

    private final VirtualTime time = VirtualTime.create();

    @Test
    void aLinkOfOneUseLetsOnePersonInAndThenAnswersExpired() throws TlException {
        try (TelegramSimulator sim = TelegramSimulator.start(time)) {
            sim.basicGroup(CHAT).user(150, "person_150", null).user(151, "person_151", null);
            Methods methods = new Methods(sim);
            String link = link(methods.call(export(0, 1, "GroupKit · @person_150")));
            assertEquals(Optional.of("GroupKit · @person_150"), sim.inviteLink(link).orElseThrow().title());
            assertEquals(Optional.empty(), sim.joinByLink(link, 150));
            assertEquals(Optional.of("USER_ALREADY_PARTICIPANT"), sim.joinByLink(link(methods.call(export(0, 0, null))), 150),
                    "a member opening another link");
            assertEquals(Optional.of("INVITE_HASH_EXPIRED"), sim.joinByLink(link, 151));
            assertFalse(sim.members(CHAT).contains(151L));
            assertEquals(1, sim.inviteLink(link).orElseThrow().usage());
            assertEquals(Optional.of("INVITE_HASH_INVALID"), sim.joinByLink("https://t.me/+nothing", 151));
        }
    }

    @Test
    void aLinkExpiresOnTheSimulatorsClockAndARevokedOneLetsNobodyIn() throws TlException {
        try (TelegramSimulator sim = TelegramSimulator.start(time)) {
            sim.basicGroup(CHAT);
            Methods methods = new Methods(sim);
            int inAnHour = (int) time.now().plus(Duration.ofHours(1)).getEpochSecond();
            String expiring = link(methods.call(export(inAnHour, 0, null)));
            time.advance(Duration.ofHours(1));
            assertEquals(Optional.of("INVITE_HASH_EXPIRED"), sim.joinByLink(expiring, 150));

            String open = link(methods.call(export(0, 0, null)));
            String personal = link(methods.call(export(0, 1, "GroupKit · id 150")));
            byte[] revoked = methods.call(revoke(personal));
            TlReader r = new TlReader(revoked);
            assertEquals(Constructors.MESSAGES_EXPORTED_CHAT_INVITE, r.int32());
            assertTrue(sim.inviteLink(personal).orElseThrow().revoked());
            assertEquals(Optional.of("INVITE_HASH_EXPIRED"), sim.joinByLink(personal, 150));
            assertEquals("INVITE_HASH_EXPIRED", error(methods.call(revoke(personal))), "revoked twice");

            // The primary link revoked is replaced, as Telegram does; it takes no limit.
            assertEquals(Constructors.MESSAGES_EXPORTED_CHAT_INVITE_REPLACED, new TlReader(methods.call(revoke(open))).int32());
            assertEquals(4, sim.inviteLinks(CHAT).size(), "the replacement is a new link");
        }
    }

    @Test
    void aRequestTelegramRefusesIsRefusedAsTelegramDoes() throws TlException {
        try (TelegramSimulator sim = TelegramSimulator.start(time)) {
            sim.basicGroup(CHAT);
            Methods methods = new Methods(sim);
            assertEquals("EXPIRE_DATE_INVALID", error(methods.call(export((int) time.now().getEpochSecond() - 1, 0, null))));
            assertEquals("USAGE_LIMIT_INVALID", error(methods.call(export(0, 100_000, null))));
            byte[] screenedWithLimit = new TlWriter().int32(Constructors.MESSAGES_EXPORT_CHAT_INVITE).int32(8 | 2)
                    .int32(Constructors.INPUT_PEER_CHAT).int64(CHAT).int32(1).toByteArray();
            assertEquals("USAGE_LIMIT_INVALID", error(methods.call(screenedWithLimit)), "request_needed takes no limit");
            String open = link(methods.call(export(0, 0, null)));
            byte[] limitThePrimary = new TlWriter().int32(Constructors.MESSAGES_EDIT_EXPORTED_CHAT_INVITE).int32(2)
                    .int32(Constructors.INPUT_PEER_CHAT).int64(CHAT).string(open).int32(5).toByteArray();
            assertEquals("CHAT_INVITE_PERMANENT", error(methods.call(limitThePrimary)));
            byte[] unknown = new TlWriter().int32(Constructors.MESSAGES_GET_EXPORTED_CHAT_INVITE)
                    .int32(Constructors.INPUT_PEER_CHAT).int64(CHAT).string("https://t.me/+nothing").toByteArray();
            assertEquals("INVITE_HASH_EXPIRED", error(methods.call(unknown)));
            sim.notAdmin(CHAT);
            assertEquals("CHAT_ADMIN_REQUIRED", error(methods.call(export(0, 1, null))));
        }
    }

    private static byte[] export(int expireDate, int usageLimit, @Nullable String title) {
        int flags = (expireDate != 0 ? 1 : 0) | (usageLimit != 0 ? 2 : 0) | (title != null ? 16 : 0);
        TlWriter w = new TlWriter().int32(Constructors.MESSAGES_EXPORT_CHAT_INVITE).int32(flags)
                .int32(Constructors.INPUT_PEER_CHAT).int64(CHAT);
        if (expireDate != 0) {
            w.int32(expireDate);
        }
        if (usageLimit != 0) {
            w.int32(usageLimit);
        }
        if (title != null) {
            w.string(title);
        }
        return w.toByteArray();
    }

    private static byte[] revoke(String link) {
        return new TlWriter().int32(Constructors.MESSAGES_EDIT_EXPORTED_CHAT_INVITE).int32(4)
                .int32(Constructors.INPUT_PEER_CHAT).int64(CHAT).string(link).toByteArray();
    }

    /** The link of a {@code chatInviteExported}. */
    private static String link(byte[] answer) throws TlException {
        TlReader r = new TlReader(answer);
        assertEquals(Constructors.CHAT_INVITE_EXPORTED, r.int32(), () -> "an error: " + error(answer));
        r.int32(); // flags
        return r.string();
    }

    private static String error(byte[] answer) {
        try {
            TlReader r = new TlReader(answer);
            if (r.int32() != Constructors.RPC_ERROR) {
                return "no error";
            }
            r.int32();
            return r.string();
        } catch (TlException e) {
            return "unreadable";
        }
    }
}
