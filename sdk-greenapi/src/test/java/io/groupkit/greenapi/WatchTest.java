package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Added;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Removed;
import io.groupkit.core.events.Demoted;
import io.groupkit.core.events.EventKind;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.InvitationState;
import io.groupkit.core.events.Invitations;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.Promoted;
import io.groupkit.core.events.WatchProblem;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.spi.WatchSource;
import io.groupkit.testkit.greenapi.GreenApiSimulator.Fault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A watch of a simulated Green-API group: each change once, nothing from a bad listing, joins tied to invitations. */
class WatchTest {
    private Fixture f = new Fixture();

    @AfterEach
    void stop() {
        f.close();
    }

    private static String chat(int n) {
        return Fixture.digits(n) + "@c.us";
    }

    @Test
    void joinsLeavesAddsRemovalsAndRolesAreEachReportedOnce() throws Exception {
        f.instance.group(Fixture.GROUP_ID, chat(1), chat(2));
        try (Watching w = new Watching(f.client, MembershipStore.inMemory(), Fixture.GROUP)) {
            w.listings(1); // the baseline: no event
            assertEquals(List.of(), w.events());

            f.instance.joins(Fixture.GROUP_ID, chat(3));
            Joined joined = assertInstanceOf(Joined.class, w.once(EventKind.JOINED, chat(3)));
            assertEquals(EventSource.OBSERVED, joined.source());
            assertFalse(joined.byInvitation());

            f.instance.leaves(Fixture.GROUP_ID, chat(1));
            w.once(EventKind.LEFT, chat(1));

            w.between(() -> assertInstanceOf(Added.class, f.client.add(Fixture.GROUP, Fixture.person(4))));
            w.once(EventKind.JOINED, chat(4));

            w.between(() -> assertInstanceOf(Removed.class, f.client.remove(Fixture.GROUP, Fixture.person(2))));
            w.once(Set.of(EventKind.LEFT, EventKind.REMOVED), chat(2));

            f.instance.admin(Fixture.GROUP_ID, chat(3), true);
            assertEquals(MemberRole.ADMIN, assertInstanceOf(Promoted.class, w.once(EventKind.PROMOTED, chat(3))).role());
            f.instance.admin(Fixture.GROUP_ID, chat(3), false);
            assertEquals(MemberRole.MEMBER, assertInstanceOf(Demoted.class, w.once(EventKind.DEMOTED, chat(3))).role());

            assertEquals(6, w.events().size(), () -> "one event per change: " + w.events());
            w.eachOnce();
            assertEquals(List.of(), w.problems());
            assertEquals(0, f.sim.rateRejections(), "the watch's listings are paced with every other call");
        }
    }

    @Test
    void theWatchListsThroughTheGetGroupDataLimit() {
        WatchSource source = f.client.watchSource();
        assertTrue(source.listingLimits().stream().anyMatch(l -> l.name().contains("getGroupData")),
                () -> "a listing waits for getGroupData's limit: " + source.listingLimits());
    }

    @Test
    void aPhoneItsChatIdAndItsPairedLidAreOnePerson() throws Exception {
        WatchSource source = f.client.watchSource();
        Set<String> phone = source.identities(Member.phone("+7 900 123-45-67"));
        assertTrue(phone.contains("phone:79001234567"), phone::toString);
        assertTrue(source.identities(Member.chatId("79001234567@c.us")).contains("phone:79001234567"));
        String lid = "200000000000001@lid";
        assertFalse(source.identities(Member.chatId(lid)).contains("phone:" + Fixture.digits(1)),
                "no answer paired them yet");

        f.instance.lid(Fixture.GROUP_ID, chat(1), lid);
        f.client.members(Fixture.GROUP);
        assertTrue(source.identities(Member.chatId(lid)).contains("phone:" + Fixture.digits(1)));
        assertTrue(source.identities(Fixture.person(1)).contains("lid:" + lid));
    }

    @Test
    void aNumberHiddenLaterIsNoLeaveAndJoin() throws Exception {
        String lid = "200000000000001@lid";
        f.instance.lid(Fixture.GROUP_ID, chat(1), lid);
        try (Watching w = new Watching(f.client, MembershipStore.inMemory(), Fixture.GROUP)) {
            w.listings(1);
            f.instance.numberHidden(Fixture.GROUP_ID, chat(1), lid); // listed by the lid alone from now on
            f.instance.joins(Fixture.GROUP_ID, chat(2));
            w.once(EventKind.JOINED, chat(2));
            assertEquals(1, w.events().size(), () -> "the member listed by lid now is the one listed by number before: "
                    + w.events());
            f.instance.leaves(Fixture.GROUP_ID, chat(1));
            w.once(EventKind.LEFT, chat(1)); // named as the baseline named them
        }
    }

    @Test
    void aNumberShownWhereALidStoodIsNoLeaveAndJoin() throws Exception {
        String lid = "200000000000001@lid";
        f.instance.lid(Fixture.GROUP_ID, chat(1), lid);
        // The baseline lists the member by lid alone, as while WhatsApp hid the number; later listings show both.
        f.instance.failNext("getGroupData", 1, Fault.answer(200, "{\"groupId\":\"" + Fixture.GROUP_ID + "\",\"participants\":["
                + "{\"id\":\"79990000000@c.us\",\"isAdmin\":true,\"isSuperAdmin\":true},{\"id\":\"79005550001@c.us\"},"
                + "{\"id\":\"" + lid + "\"}]}"));
        try (Watching w = new Watching(f.client, MembershipStore.inMemory(), Fixture.GROUP)) {
            w.listings(1);
            f.instance.joins(Fixture.GROUP_ID, chat(2));
            w.once(EventKind.JOINED, chat(2));
            assertEquals(1, w.events().size(), () -> "the member listed by number now is the one listed by lid before: "
                    + w.events());
            f.instance.leaves(Fixture.GROUP_ID, chat(1));
            w.once(EventKind.LEFT, chat(1)); // named as the listing names them now
        }
    }

    @Test
    void aRestartedWatcherKnowsTheNumberBehindALidBeforeAnyAnswerPairsThem() throws Exception {
        String lid = "200000000000001@lid";
        f.instance.lid(Fixture.GROUP_ID, chat(1), lid);
        MembershipStore store = MembershipStore.inMemory();
        try (Watching w = new Watching(f.client, store, Fixture.GROUP)) {
            w.listings(1); // saved: the member by number, known by the lid too
        }
        f.instance.numberHidden(Fixture.GROUP_ID, chat(1), lid);
        // A new process: its client has never seen the pair, and the group lists the member by lid alone.
        try (GreenApiClient restarted = GreenApi.builder().apiUrl(f.sim.url()).instance(Fixture.ID, Fixture.TOKEN)
                .policies(Fixture.policies(f.time).build()).build();
             Watching w = new Watching(restarted, store, Fixture.GROUP)) {
            w.listings(1);
            f.instance.joins(Fixture.GROUP_ID, chat(2));
            w.once(EventKind.JOINED, chat(2));
            assertEquals(1, w.events().size(), () -> "the member listed by lid is the one saved by number: " + w.events());
        }
    }

    /** getGroupData answers that must make no event; a join after them shows the watch went on. */
    @ParameterizedTest
    @ValueSource(strings = {"garbage", "garbled member", "html", "truncated", "500", "gone"})
    void aBadListingIsAProblemNeverALeave(String bad) throws Exception {
        f.instance.group(Fixture.GROUP_ID, chat(1), chat(2));
        try (Watching w = new Watching(f.client, MembershipStore.inMemory(), Fixture.GROUP)) {
            w.listings(1);
            Fault fault = switch (bad) {
                case "garbage" -> Fault.answer(200, "{\"groupId\":\"" + Fixture.GROUP_ID + "\",\"participants\":[1,2,3]}");
                case "garbled member" -> Fault.answer(200, "{\"groupId\":\"" + Fixture.GROUP_ID
                        + "\",\"participants\":[{\"id\":\"79005550001@c.us\"},{\"id\":{\"x\":1}},{\"id\":\"?\"}]}");
                case "html" -> Fault.answer(200, "<html><body>Bad Gateway</body></html>");
                case "truncated" -> Fault.answer(200, "{\"groupId\":\"" + Fixture.GROUP_ID
                        + "\",\"participants\":[{\"id\":\"7900");
                case "500" -> Fault.answer(500, "Internal Server Error");
                case "gone" -> Fault.answer(200, "\"Error: item-not-found\"");
                default -> throw new IllegalArgumentException(bad);
            };
            f.instance.failNext("getGroupData", 6, fault);
            w.problem("gone".equals(bad) ? WatchProblem.Kind.GROUP_GONE : WatchProblem.Kind.LISTING_FAILED);
            f.instance.joins(Fixture.GROUP_ID, chat(3));
            w.once(EventKind.JOINED, chat(3));
            assertEquals(0, w.count(EventKind.LEFT), () -> "no leave from a bad listing: " + w.events());
            assertEquals(1, w.events().size(), () -> w.events().toString());
            w.eachOnce();
        }
    }

    @Test
    void aListingCutShortIsHeldAndAMassLeaveIsHeldUntilConfirmed() throws Exception {
        f.instance.group(Fixture.GROUP_ID, chat(1), chat(2), chat(3), chat(4), chat(5));
        try (Watching w = new Watching(f.client, MembershipStore.inMemory(), Fixture.GROUP)) {
            w.listings(1);
            // One answer lists two of six people: held back, and the next listing (all six) makes no event.
            f.instance.failNext("getGroupData", 1, Fault.answer(200, "{\"groupId\":\"" + Fixture.GROUP_ID
                    + "\",\"participants\":[{\"id\":\"" + chat(1) + "\"},{\"id\":\"" + chat(2) + "\"}]}"));
            w.problem(WatchProblem.Kind.LISTING_DOUBTFUL);
            w.listings(3);
            assertEquals(List.of(), w.events(), "a listing cut short makes no event");

            // Four of six really go: held once, then confirmed by the next listing.
            int doubtsBefore = (int) w.problems().stream().filter(p -> p.kind() == WatchProblem.Kind.LISTING_DOUBTFUL).count();
            w.between(() -> IntStream.rangeClosed(2, 5).forEach(n -> f.instance.leaves(Fixture.GROUP_ID, chat(n))));
            IntStream.rangeClosed(2, 5).forEach(n -> {
                try {
                    w.once(EventKind.LEFT, chat(n));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            long doubts = w.problems().stream().filter(p -> p.kind() == WatchProblem.Kind.LISTING_DOUBTFUL).count();
            assertEquals(doubtsBefore + 1, doubts, "held once before it was believed");
            assertEquals(4, w.events().size(), () -> w.events().toString());
            w.eachOnce();
        }
    }

    @Test
    void refusedPeopleWhoJoinByTheLinkAreJoinedByInvitation(@TempDir Path dir) throws Exception {
        f.close();
        MembershipStore store = MembershipStore.directory(dir);
        f = new Fixture(b -> b, p -> p.prechecks(Prechecks.OFF).inviteFallback(InviteFallback.ATTACH_AND_SEND)
                .invitations(store));
        for (int n = 1; n <= 4; n++) {
            f.instance.refusing(Fixture.digits(n)).contacts(Fixture.digits(n));
        }
        List<Member> people = IntStream.rangeClosed(1, 6).<Member>mapToObj(Fixture::person).toList();
        BulkReport report = f.client.addAll(Fixture.GROUP, people);
        assertEquals(2, report.count(OutcomeKind.ADDED), () -> report.counts().toString());
        assertEquals(4, f.instance.sentMessages().size(), "each refused person was sent the link");
        Invitations invitations = f.client.invitations(store);
        assertEquals(4, invitations.forReport(Fixture.GROUP, report).size());

        try (Watching w = new Watching(f.client, store, Fixture.GROUP)) {
            w.listings(1);
            w.between(() -> f.instance.joins(Fixture.GROUP_ID, chat(1)));
            w.between(() -> {
                f.instance.joins(Fixture.GROUP_ID, chat(3));
                f.instance.joins(Fixture.GROUP_ID, "79009999999@c.us"); // never invited
            });
            for (int n : new int[] {1, 3}) {
                Joined j = assertInstanceOf(Joined.class, w.once(EventKind.JOINED, chat(n)));
                assertTrue(j.byInvitation(), j::toString);
                assertTrue(j.afterInvitation().isPresent() && !j.afterInvitation().get().isNegative(), j::toString);
                assertEquals(Fixture.person(n), j.invitation().orElseThrow().member(), "the invitation recorded for the phone");
            }
            assertFalse(assertInstanceOf(Joined.class, w.once(EventKind.JOINED, "79009999999@c.us")).byInvitation());
            w.eachOnce();
        }
        Map<InvitationState, Integer> counts = Invitations.count(invitations.forReport(Fixture.GROUP, report), f.time.now());
        assertEquals(Map.of(InvitationState.JOINED, 2, InvitationState.PENDING, 2, InvitationState.EXPIRED, 0), counts);
        assertEquals(1, invitations.ofPerson(Member.chatId(chat(1))).size(), "a phone's invitation found by its chat id");
        store.close();
    }
}
