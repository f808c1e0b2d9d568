package io.groupkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.InviteDelivery;
import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.events.Demoted;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.EventTime;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.JoinRequested;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.Left;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.Promoted;
import io.groupkit.core.events.Removed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded stores: leases, fenced saves, invitations, and what survives a crash. */
class MembershipStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final GroupRef GROUP = GroupRef.of("120363043968066561@g.us");

    @Test
    void aLeaseIsOneOwnersUntilItExpiresAndOnlyItsOwnerSaves() {
        MembershipStore store = MembershipStore.inMemory();
        assertTrue(store.claim("s", "a", T0, LEASE).held());
        assertFalse(store.claim("s", "b", T0.plusSeconds(10), LEASE).held());
        assertFalse(store.save("s", "b", T0.plusSeconds(10), "x"));
        assertTrue(store.save("s", "a", T0.plusSeconds(10), "x"));
        assertTrue(store.claim("s", "b", T0.plusSeconds(30), LEASE).held(), "expired: another takes it");
        assertEquals(Optional.of("x"), store.claim("s", "b", T0.plusSeconds(31), LEASE).state());
        assertFalse(store.save("s", "a", T0.plusSeconds(31), "stale"), "a watcher that lost its lease cannot overwrite");
        store.release("s", "a"); // not a's: nothing happens
        assertFalse(store.claim("s", "a", T0.plusSeconds(32), LEASE).held());
        store.release("s", "b");
        assertTrue(store.claim("s", "a", T0.plusSeconds(32), LEASE).held());
    }

    @Test
    void theDirectoryKeepsStatesAndInvitationsAcrossReopeningAndSkipsATornLastLine(@TempDir Path dir) throws Exception {
        Invitation inv = invitation("i1");
        try (MembershipStore store = MembershipStore.directory(dir)) {
            store.claim("green-api:1/" + GROUP.key(), "a", T0, LEASE);
            assertTrue(store.save("green-api:1/" + GROUP.key(), "a", T0, "state one"));
            store.record(inv);
            store.joined("i1", T0.plusSeconds(3), "event-1");
            store.joined("i1", T0.plusSeconds(9), "event-2"); // closing again does nothing
        }
        Files.writeString(dir.resolve("invitations.log"), "0000abcd I half a li", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (MembershipStore store = MembershipStore.directory(dir)) {
            assertEquals(Optional.of("state one"), store.claim("green-api:1/" + GROUP.key(), "b", T0, LEASE).state(),
                    "leases live in the process: a new process takes the scope at once");
            List<Invitation> all = store.invitations("green-api:1", Optional.empty());
            assertEquals(1, all.size());
            assertEquals(Optional.of(T0.plusSeconds(3)), all.get(0).joinedAt());
            assertEquals(Optional.of("event-1"), all.get(0).joinEventId());
            assertEquals(List.of(), store.invitations("green-api:2", Optional.empty()));
            assertEquals(List.of(), store.invitations("green-api:1", Optional.of("other@g.us")));
        }
    }

    @Test
    void theDirectorysFilesAreTheOwnersAlone(@TempDir Path parent) throws Exception {
        Path dir = parent.resolve("state");
        org.junit.jupiter.api.Assumptions.assumeTrue(parent.getFileSystem().supportedFileAttributeViews().contains("posix"));
        try (MembershipStore store = MembershipStore.directory(dir)) {
            store.claim("s", "a", T0, LEASE);
            store.save("s", "a", T0, "holds numbers");
            store.record(invitation("i1"));
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
                        f.getFileName()::toString);
            }
        }
    }

    @Test
    void aDirectoryServesOneStoreAtATime(@TempDir Path dir) {
        try (MembershipStore store = MembershipStore.directory(dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> MembershipStore.directory(dir));
            assertTrue(e.getMessage().contains("JdbcMembershipStore"), e.getMessage());
        }
        MembershipStore.directory(dir).close(); // released on close
    }

    @Test
    void everyEventKindSurvivesTheStateCodec() {
        Member phone = Member.phone("+79001234567");
        EventTime window = new EventTime(T0, T0.plusSeconds(10));
        ProviderDetail d = ProviderDetail.of("green-api", "getGroupData").withDescription("a listing - with a dash");
        List<MembershipEvent> events = List.of(
                new Joined("id-1", GROUP, phone, window, EventSource.OBSERVED, d, JoinHow.UNKNOWN).withInvitation(invitation("i-1")),
                new Joined("id-2", GROUP, Member.chatId("79001234568@c.us"), EventTime.at(T0), EventSource.PUSHED, d,
                        JoinHow.ADDED, Optional.of(Member.userId("15")), Optional.empty()),
                new Left("id-3", GROUP, Member.username("some_one"), window, EventSource.OBSERVED, d),
                new Removed("id-4", GROUP, Member.userId(7), window, EventSource.PUSHED, d, Optional.of(Member.userId(8))),
                new Promoted("id-5", GROUP, phone, window, EventSource.OBSERVED, d, MemberRole.OWNER),
                new Demoted("id-6", GROUP, phone, window, EventSource.OBSERVED, d, MemberRole.MEMBER),
                new JoinRequested("id-7", GROUP, phone, window, EventSource.PUSHED, d));
        Map<String, GroupMember> members = new LinkedHashMap<>();
        members.put(EventCodec.member(phone), new GroupMember(phone, MemberRole.ADMIN));
        WatchState state = new WatchState(42, T0, members, events, "abc");
        WatchState back = WatchState.decode(Optional.of(state.encode()), GROUP);
        assertEquals(state, back);
    }

    @Test
    void aStateOfAnotherFormatIsRefusedNotMisread() {
        assertThrows(IllegalArgumentException.class, () -> WatchState.decode(Optional.of("something else\n"), GROUP));
        assertEquals(WatchState.NEW, WatchState.decode(Optional.empty(), GROUP));
    }

    @Test
    void toStringMasksPhones() {
        Joined j = new Joined("id", GroupRef.of("79001234567-1581234567@g.us"), Member.phone("+79001234567"),
                EventTime.at(T0), EventSource.OBSERVED, ProviderDetail.of("p", "c"), JoinHow.UNKNOWN);
        assertFalse(j.toString().contains("79001234567"), j.toString());
        assertFalse(invitation("x").toString().contains("79001234567"));
    }

    private static Invitation invitation(String id) {
        return new Invitation(id, "green-api:1", GROUP.key(), Member.phone("+79001234567"), "https://chat.whatsapp.com/AbC-1",
                T0, InviteDelivery.SENT, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
