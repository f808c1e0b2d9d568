package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.EventsResult;
import io.groupkit.core.InviteLink;
import io.groupkit.core.Member;
import io.groupkit.core.events.EventPage;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.Left;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.Removed;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A basic group's membership events from the account's updates on the fake data centre: each kind
 * of change is its event with who and when, the same id when read again; pushes answer reads
 * without a call, and what they miss (dropped pushes, lost connections) is fetched with
 * getDifference, so every change is read exactly once; a large gap comes in slices; one the server
 * no longer keeps is a gap with no event invented; a fresh client goes on from a saved cursor.
 */
class BasicGroupEventsTest {
    private static final long ADMIN = 150;

    @Test
    void eachKindOfChangeIsItsEventWithWhoAndWhenAndTheSameIdWhenReadAgain() {
        try (Fixture f = new Fixture()) {
            EventPage start = page(f.client, Optional.empty());
            assertEquals(List.of(), start.events(), "no cursor: start from now");
            assertFalse(start.gap());
            Instant t = f.time.now().truncatedTo(ChronoUnit.SECONDS);
            List<String> expected = new ArrayList<>();

            f.sim.addedBy(Fixture.CHAT, 101, ADMIN);
            expected.add("joined 101 ADDED by 150 at +0");
            f.time.advance(Duration.ofMinutes(1));
            f.client.add(f.basic, Fixture.person(102));
            expected.add("joined 102 ADDED by 1000 at +60");
            f.time.advance(Duration.ofMinutes(1));
            InviteLink link = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.basic));
            assertTrue(f.sim.join(link.url(), 103));
            expected.add("joined 103 INVITE_LINK by - at +120"); // a basic group's message names no link
            f.time.advance(Duration.ofMinutes(1));
            f.sim.requestToJoin(Fixture.CHAT, 104);
            f.client.approveJoinRequest(f.basic, Member.userId(104));
            expected.add("joined 104 JOIN_REQUEST by - at +180");
            f.time.advance(Duration.ofMinutes(1));
            f.sim.addedBy(Fixture.CHAT, 105, 105);
            expected.add("joined 105 UNKNOWN by - at +240"); // came back on their own
            f.time.advance(Duration.ofMinutes(1));
            f.sim.leave(Fixture.CHAT, 101);
            expected.add("left 101 at +300");
            f.time.advance(Duration.ofMinutes(1));
            f.sim.removedBy(Fixture.CHAT, 102, ADMIN);
            expected.add("removed 102 by 150 at +360");
            f.time.advance(Duration.ofMinutes(1));
            f.client.remove(f.basic, Fixture.person(103));
            expected.add("removed 103 by 1000 at +420");

            List<MembershipEvent> read = readAll(f, f.client, start.cursor());
            assertEquals(expected, read.stream().map(e -> summary(e, t)).toList());
            assertEquals(read.size(), read.stream().map(MembershipEvent::id).distinct().count());

            // Read again from the same cursor by a client that saw no push: the same events, ids and all.
            try (TelegramClient fresh = fresh(f)) {
                assertEquals(read, readAll(f, fresh, start.cursor()));
            }
        }
    }

    @Test
    void everyChangeIsReadExactlyOnceThroughDroppedPushesAndLostConnections() {
        try (Fixture f = new Fixture()) {
            String cursor = page(f.client, Optional.empty()).cursor();
            SplittableRandom random = new SplittableRandom(25);
            Set<Long> members = new HashSet<>();
            List<String> expected = new ArrayList<>();
            List<MembershipEvent> read = new ArrayList<>();
            int reads = 0;
            int callsBefore = f.sim.calls().size();
            for (int i = 0; i < 160; i++) {
                if (i == 20 || i == 70 || i == 120) {
                    f.sim.dropPushes(4);
                }
                if (i == 50 || i == 110) {
                    f.sim.dropConnections();
                }
                long user = 200 + random.nextInt(40);
                if (!members.contains(user)) {
                    f.sim.addedBy(Fixture.CHAT, user, ADMIN);
                    members.add(user);
                    expected.add("joined " + user);
                } else if (random.nextBoolean()) {
                    f.sim.leave(Fixture.CHAT, user);
                    members.remove(user);
                    expected.add("left " + user);
                } else {
                    f.sim.removedBy(Fixture.CHAT, user, ADMIN);
                    members.remove(user);
                    expected.add("removed " + user);
                }
                f.time.advance(Duration.ofSeconds(5));
                if (i % 9 == 8) {
                    EventPage p = page(f.client, Optional.of(cursor));
                    reads++;
                    assertFalse(p.gap());
                    read.addAll(p.events());
                    cursor = p.cursor();
                }
            }
            read.addAll(readAll(f, f.client, cursor));
            assertEquals(expected, read.stream().map(BasicGroupEventsTest::kindAndWho).toList());
            assertEquals(160, new LinkedHashSet<>(read.stream().map(MembershipEvent::id).toList()).size());
            long differences = f.sim.calls().subList(callsBefore, f.sim.calls().size()).stream()
                    .filter("updates.getDifference"::equals).count();
            assertTrue(differences > 0, "the dropped pushes and lost connections were filled in");
            int turns = reads;
            assertTrue(differences < turns, () -> "the pushes answered some reads without a call: " + differences
                    + " differences for " + turns + " reads");
        }
    }

    @Test
    void aLargeGapComesInSlicesToAFreshClientThatOnlyAsksForTheDifference() {
        try (Fixture f = new Fixture()) {
            String cursor = page(f.client, Optional.empty()).cursor();
            for (long u = 200; u < 320; u++) {
                f.sim.addedBy(Fixture.CHAT, u, ADMIN);
            }
            int callsBefore = f.sim.calls().size();
            try (TelegramClient fresh = fresh(f)) {
                EventPage p = page(fresh, Optional.of(cursor));
                assertEquals(120, p.events().size());
                assertEquals("joined 200", "joined " + p.events().get(0).member().value());
                assertEquals("joined 319", "joined " + p.events().get(119).member().value());
                assertFalse(p.gap());
                assertEquals(List.of("updates.getDifference", "updates.getDifference", "updates.getDifference"),
                        f.sim.calls().subList(callsBefore, f.sim.calls().size()), "50 + 50 + 20, no getState");
                assertEquals(Integer.toString(f.sim.updatesPts()), p.cursor().split(":")[0]);
            }
        }
    }

    @Test
    void changesTheServerNoLongerKeepsAreAGapWithNoEventInvented() {
        try (Fixture f = new Fixture()) {
            f.sim.keepUpdates(10);
            String cursor = page(f.client, Optional.empty()).cursor();
            for (long u = 200; u < 230; u++) {
                f.sim.addedBy(Fixture.CHAT, u, ADMIN);
            }
            try (TelegramClient fresh = fresh(f)) {
                EventPage p = page(fresh, Optional.of(cursor));
                assertTrue(p.gap());
                assertEquals(List.of(), p.events());
                assertEquals(Integer.toString(f.sim.updatesPts()), p.cursor().split(":")[0], "goes on from the newest");
                f.sim.leave(Fixture.CHAT, 229);
                EventPage next = page(fresh, Optional.of(p.cursor()));
                assertFalse(next.gap());
                assertEquals(List.of("LEFT 229"), next.events().stream().map(e -> e.kind() + " " + e.member().value())
                        .toList());
            }
        }
    }

    @Test
    void aFailedReadIsItsOutcomeAndNoPage() {
        try (Fixture f = new Fixture()) {
            String cursor = page(f.client, Optional.empty()).cursor();
            f.sim.addedBy(Fixture.CHAT, 200, ADMIN);
            f.sim.refuseCalls("updates.getDifference", 400, "PERSISTENT_TIMESTAMP_INVALID");
            try (TelegramClient fresh = fresh(f)) {
                EventsResult r = fresh.watchSource().groupEvents(f.basic, Optional.of(cursor)).join();
                assertFalse(r instanceof EventPage, () -> "no page from a refused read: " + r);
            }
        }
    }

    private static EventPage page(TelegramClient client, Optional<String> cursor) {
        EventsResult r = client.watchSource().groupEvents(TelegramGroup.basic(Fixture.CHAT), cursor).join();
        return assertInstanceOf(EventPage.class, r);
    }

    /** Reads until the cursor reaches the server's pts (a push may still be on its way when a read is answered). */
    private static List<MembershipEvent> readAll(Fixture f, TelegramClient client, String cursor) {
        List<MembershipEvent> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            EventPage p = page(client, Optional.of(cursor));
            all.addAll(p.events());
            cursor = p.cursor();
            if (cursor.startsWith(f.sim.updatesPts() + ":")) {
                return all;
            }
        }
        throw new AssertionError("the reads never caught up with pts " + f.sim.updatesPts() + ": at " + cursor);
    }

    private static TelegramClient fresh(Fixture f) {
        return Telegram.builder().session(TelegramSession.fromTelethon(f.sim.sessionString())).apiId(Fixture.API_ID)
                .requestTimeout(Duration.ofSeconds(5)).policies(Fixture.policies(f.time).build()).build();
    }

    private static String summary(MembershipEvent e, Instant t0) {
        String at = " at +" + Duration.between(t0, e.time().from()).toSeconds();
        assertEquals(e.time().from(), e.time().to(), "exact time");
        if (e instanceof Joined j) {
            assertTrue(j.link().isEmpty() && j.invitation().isEmpty());
            return "joined " + j.member().value() + " " + j.how() + " by " + j.by().map(Member::value).orElse("-") + at;
        }
        if (e instanceof Removed r) {
            return "removed " + r.member().value() + " by " + r.by().map(Member::value).orElse("-") + at;
        }
        return (e instanceof Left ? "left " : e.kind() + " ") + e.member().value() + at;
    }

    private static String kindAndWho(MembershipEvent e) {
        String kind = e instanceof Joined ? "joined" : e instanceof Left ? "left" : e instanceof Removed ? "removed" : "?";
        return kind + " " + e.member().value();
    }
}
