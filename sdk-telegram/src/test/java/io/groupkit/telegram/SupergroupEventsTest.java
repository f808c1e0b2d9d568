package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.Done;
import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupMember;
import io.groupkit.core.InviteLink;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.NotFound;
import io.groupkit.core.Unsupported;
import io.groupkit.core.events.EventPage;
import io.groupkit.core.events.JoinRequested;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.Left;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.Removed;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A supergroup followed through its admin log on the fake data centre: each kind of change is
 * its event (who, by whom, through which link, when), nothing lost or repeated across pages and
 * reads, the 48-hour window reported as a gap, new join requests in the feed, and an account
 * that is no admin told to compare listings.
 */
class SupergroupEventsTest {
    private static final long CHANNEL = Fixture.CHANNEL;

    @Test
    void eachKindOfChangeIsItsEventWithWhoByWhomWhichLinkAndWhen() {
        try (Fixture f = new Fixture()) {
            f.sim.addedBy(CHANNEL, 104, 150).addedBy(CHANNEL, 105, 150).addedBy(CHANNEL, 106, 150); // before the start
            String shared = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.supergroup)).url();
            EventPage start = read(f, Optional.empty());
            assertEquals(List.of(), start.events(), "the start gives a cursor, no events");
            assertFalse(start.gap());

            List<Instant> when = new ArrayList<>();
            step(f, when, () -> f.sim.addedBy(CHANNEL, 101, 150));
            step(f, when, () -> assertTrue(f.sim.join(shared, 102)));
            step(f, when, () -> {
                f.sim.requestToJoin(CHANNEL, 103);
                assertInstanceOf(Done.class, f.client.approveJoinRequest(f.supergroup, Member.userId(103)));
            });
            step(f, when, () -> {
                f.sim.requestToJoin(CHANNEL, 107, shared, "hello");
                assertInstanceOf(Done.class, f.client.approveJoinRequest(f.supergroup, Member.userId(107)));
            });
            step(f, when, () -> f.sim.leave(CHANNEL, 104));
            step(f, when, () -> f.sim.removedBy(CHANNEL, 105, 150));
            step(f, when, () -> assertInstanceOf(io.groupkit.core.Removed.class, f.client.remove(f.supergroup, f.known(106))));

            EventPage page = read(f, Optional.of(start.cursor()));
            assertFalse(page.gap());
            // kind, person, how, by, link: one row per change, in the order they happened.
            assertEquals(List.of(
                    "JOINED 101 ADDED by=150 link=",
                    "JOINED 102 INVITE_LINK by= link=" + shared,
                    "JOINED 103 JOIN_REQUEST by=1000 link=",
                    "JOINED 107 JOIN_REQUEST by=1000 link=" + shared,
                    "LEFT 104",
                    "REMOVED 105 by=150",
                    "REMOVED 106 by=1000"), page.events().stream().map(SupergroupEventsTest::row).toList());
            assertEquals(when, page.events().stream().map(e -> e.time().from()).toList(), "each at its change's second");
            assertTrue(page.events().stream().allMatch(e -> e.time().exact()));

            EventPage again = read(f, Optional.of(start.cursor()));
            assertEquals(ids(page), ids(again), "the same changes read again have the same ids");
            assertEquals(7, new HashSet<>(ids(page)).size());
            assertEquals(List.of(), read(f, Optional.of(page.cursor())).events(), "read on: nothing new");

            Members listed = assertInstanceOf(Members.class, f.client.members(f.supergroup));
            assertTrue(listed.members().stream().map(GroupMember::member).toList().contains(page.events().get(0).member()),
                    "people are named as the listing names them");
        }
    }

    @Test
    void moreChangesThanAPageAreReadWholeOldestFirstNoneLostOrRepeated() {
        try (Fixture f = new Fixture()) {
            EventPage start = read(f, Optional.empty());
            for (long u = 200; u < 280; u++) {
                f.sim.addedBy(CHANNEL, u, 150);
                f.time.advance(Duration.ofSeconds(1));
            }
            for (long u = 200; u < 280; u++) {
                f.sim.leave(CHANNEL, u);
            }
            int before = logCalls(f);
            EventPage page = read(f, Optional.of(start.cursor()));
            assertEquals(2, logCalls(f) - before, "160 changes: two pages of 100");
            assertEquals(160, page.events().size());
            assertEquals(160, new HashSet<>(ids(page)).size(), "none repeated");
            for (int i = 0; i < 80; i++) {
                assertEquals("JOINED " + (200 + i) + " ADDED by=150 link=", row(page.events().get(i)));
                assertEquals("LEFT " + (200 + i), row(page.events().get(80 + i)));
            }
            assertFalse(page.gap());
            assertEquals(List.of(), read(f, Optional.of(page.cursor())).events());
        }
    }

    @Test
    void aReadResumesAtItsCursorAndTheSameCursorReadsTheSameEvents() {
        try (Fixture f = new Fixture()) {
            EventPage start = read(f, Optional.empty());
            f.sim.addedBy(CHANNEL, 101, 150).addedBy(CHANNEL, 102, 150).addedBy(CHANNEL, 103, 150);
            EventPage first = read(f, Optional.of(start.cursor()));
            assertEquals(3, first.events().size());
            f.time.advance(Duration.ofMinutes(5));
            f.sim.leave(CHANNEL, 101).addedBy(CHANNEL, 104, 150);
            EventPage second = read(f, Optional.of(first.cursor()));
            assertEquals(List.of("LEFT 101", "JOINED 104 ADDED by=150 link="), second.events().stream().map(SupergroupEventsTest::row)
                    .toList());
            assertEquals(ids(second), ids(read(f, Optional.of(first.cursor()))), "a crash before the cursor was saved reads them again, same ids");
            assertEquals(List.of(), read(f, Optional.of(second.cursor())).events());
        }
    }

    @Test
    void aCursorOlderThanTheLogsWindowIsAGapAndNothingIsMadeUp() {
        try (Fixture f = new Fixture()) {
            EventPage start = read(f, Optional.empty());
            f.sim.addedBy(CHANNEL, 101, 150);
            f.time.advance(Duration.ofHours(49));
            f.sim.addedBy(CHANNEL, 102, 150);
            EventPage late = read(f, Optional.of(start.cursor()));
            assertTrue(late.gap(), "the log no longer reaches back to the cursor");
            assertEquals("ADMIN_LOG_GAP", late.detail().code());
            assertTrue(late.detail().description().contains("48 h"), late.detail().description());
            assertEquals(List.of("JOINED 102 ADDED by=150 link="), late.events().stream().map(SupergroupEventsTest::row).toList(),
                    "only what the log still holds, as detail: 101's add is gone and not invented");
            EventPage on = read(f, Optional.of(late.cursor()));
            assertFalse(on.gap(), "read on from the newest entry");
            assertEquals(List.of(), on.events());
        }
    }

    @Test
    void aCursorWithinTheWindowIsNoGap() {
        try (Fixture f = new Fixture()) {
            EventPage start = read(f, Optional.empty());
            f.sim.addedBy(CHANNEL, 101, 150);
            f.time.advance(Duration.ofHours(46));
            EventPage page = read(f, Optional.of(start.cursor()));
            assertFalse(page.gap());
            assertEquals(List.of("JOINED 101 ADDED by=150 link="), page.events().stream().map(SupergroupEventsTest::row).toList());
        }
    }

    @Test
    void aJoinThroughAPersonsLinkNamesThatExactLink() {
        try (Fixture f = new Fixture()) {
            InviteLink link = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.supergroup, Fixture.person(150)));
            EventPage start = read(f, Optional.empty());
            assertTrue(f.sim.join(link.url(), 150));
            Joined joined = assertInstanceOf(Joined.class, read(f, Optional.of(start.cursor())).events().get(0));
            assertEquals(Optional.of(link.url()), joined.link(), "exactly as inviteLink returned it");
            assertEquals(Member.userId(150), joined.member());
            assertEquals("INVITE_LINK", joined.how().name());
        }
    }

    @Test
    void newJoinRequestsAreInTheFeedOnce() {
        try (Fixture f = new Fixture()) {
            f.sim.requestToJoin(CHANNEL, 110); // waiting before the start: not new
            EventPage start = read(f, Optional.empty());
            f.time.advance(Duration.ofMinutes(1));
            f.sim.requestToJoin(CHANNEL, 120);
            Instant askedAt = f.time.now().truncatedTo(ChronoUnit.SECONDS);
            EventPage first = read(f, Optional.of(start.cursor()));
            assertEquals(List.of("JOIN_REQUESTED 120"), first.events().stream().map(SupergroupEventsTest::row).toList());
            assertEquals(askedAt, first.events().get(0).time().from(), "when they asked");
            f.time.advance(Duration.ofMinutes(1));
            f.sim.requestToJoin(CHANNEL, 121).requestToJoin(CHANNEL, 122); // the same second
            EventPage second = read(f, Optional.of(first.cursor()));
            assertEquals(List.of("JOIN_REQUESTED 121", "JOIN_REQUESTED 122"), second.events().stream()
                    .map(SupergroupEventsTest::row).sorted().toList());
            f.time.advance(Duration.ofMinutes(1));
            f.sim.requestToJoin(CHANNEL, 123);
            f.time.advance(Duration.ofMinutes(1));
            assertInstanceOf(Done.class, f.client.approveJoinRequest(f.supergroup, Member.userId(121)));
            EventPage third = read(f, Optional.of(second.cursor()));
            assertEquals(List.of("JOIN_REQUESTED 123", "JOINED 121 JOIN_REQUEST by=1000 link="), third.events().stream()
                    .map(SupergroupEventsTest::row).toList());
            assertEquals(List.of(), read(f, Optional.of(third.cursor())).events());
        }
    }

    @Test
    void anAccountThatIsNoAdminIsToldToCompareListings() {
        try (Fixture f = new Fixture()) {
            EventPage start = read(f, Optional.empty());
            f.sim.notAdmin(CHANNEL);
            for (Optional<String> cursor : List.of(Optional.<String>empty(), Optional.of(start.cursor()))) {
                Unsupported no = assertInstanceOf(Unsupported.class, f.client.watchSource().groupEvents(f.supergroup, cursor).join());
                assertEquals("CHAT_ADMIN_REQUIRED", no.detail().code());
                assertTrue(no.detail().description().contains("comparing listings"), no.detail().description());
            }
        }
    }

    @Test
    void aSupergroupTheAccountDoesNotKnowOrIsNotInIsATypedFailure() {
        try (Fixture f = new Fixture()) {
            EventsResult r = f.client.watchSource().groupEvents(TelegramGroup.supergroup(CHANNEL, 1), Optional.empty()).join();
            assertEquals("CHANNEL_INVALID", assertInstanceOf(NotFound.class, r).detail().code());
            EventPage start = read(f, Optional.empty());
            f.sim.refuseCalls("channels.getAdminLog", 406, "CHANNEL_PRIVATE");
            EventsResult out = f.client.watchSource().groupEvents(f.supergroup, Optional.of(start.cursor())).join();
            assertEquals("CHANNEL_PRIVATE", assertInstanceOf(AccessDenied.class, out).detail().code());
        }
    }

    private static EventPage read(Fixture f, Optional<String> cursor) {
        return assertInstanceOf(EventPage.class, f.client.watchSource().groupEvents(f.supergroup, cursor).join());
    }

    /** Runs a change a minute after the last, and notes its second. */
    private static void step(Fixture f, List<Instant> when, Runnable change) {
        f.time.advance(Duration.ofMinutes(1));
        change.run();
        when.add(f.time.now().truncatedTo(ChronoUnit.SECONDS)); // virtual time moves only while a call waits, before its change
    }

    private static int logCalls(Fixture f) {
        return (int) f.sim.calls().stream().filter("channels.getAdminLog"::equals).count();
    }

    private static List<String> ids(EventPage page) {
        return page.events().stream().map(MembershipEvent::id).toList();
    }

    private static String row(MembershipEvent e) {
        String who = e.member().value();
        if (e instanceof Joined j) {
            return "JOINED " + who + " " + j.how() + " by=" + j.by().map(Member::value).orElse("") + " link="
                    + j.link().orElse("");
        }
        if (e instanceof Left) {
            return "LEFT " + who;
        }
        if (e instanceof Removed r) {
            return "REMOVED " + who + " by=" + r.by().map(Member::value).orElse("");
        }
        if (e instanceof JoinRequested) {
            return "JOIN_REQUESTED " + who;
        }
        return e.kind() + " " + who;
    }
}
