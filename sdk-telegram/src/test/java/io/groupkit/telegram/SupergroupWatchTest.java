package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.GroupRef;
import io.groupkit.core.InviteLink;
import io.groupkit.core.Member;
import io.groupkit.core.events.EventKind;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A watch following a supergroup through its admin log on the fake data centre, end to end: 100
 * changes in two bursts between turns, a join and a leave of one person among them (which a
 * listing would never show), each delivered once with Telegram's time, and a join through a
 * person's link explained by the invitation that sent it. The test runs the watch's executor
 * itself; when the watch has nothing to run, it moves the virtual clock on a second at a time (the
 * watch's pauses are alarms: they wait for the clock, never move it).
 */
class SupergroupWatchTest {
    private static final long CHANNEL = Fixture.CHANNEL;
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    @Test
    void everyChangeIsDeliveredOnceAndAPersonalLinksJoinIsItsInvitations() throws Exception {
        MembershipStore store = MembershipStore.inMemory();
        try (Fixture f = new Fixture(b -> b, p -> p.invitations(store))) {
            f.sim.addedBy(CHANNEL, 101, 1000);
            String personal = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.supergroup, Fixture.person(150))).url();
            String shared = assertInstanceOf(InviteLink.class, f.client.inviteLink(f.supergroup)).url();
            List<MembershipEvent> events = Collections.synchronizedList(new ArrayList<>());
            List<WatchProblem> problems = Collections.synchronizedList(new ArrayList<>());
            List<Integer> listings = Collections.synchronizedList(new ArrayList<>());
            Steps steps = new Steps(f);
            MembershipWatch watch = f.client.watch().groups(f.supergroup).store(store).executor(steps).interval(INTERVAL)
                    .listener(new WatchListener() {
                        @Override
                        public void listed(GroupRef g, int members, int found, Duration took) {
                            listings.add(members);
                        }

                        @Override
                        public void problem(WatchProblem problem) {
                            problems.add(problem);
                        }
                    }).start(events::add);
            steps.runUntil(() -> listings.size() >= 1); // the log's head, then the baseline listing (told as a turn)

            // First burst, between two turns: 58 changes.
            for (long u = 200; u < 240; u++) {
                f.sim.addedBy(CHANNEL, u, 101);
            }
            assertTrue(f.sim.join(personal, 150));
            f.sim.addedBy(CHANNEL, 300, 101).leave(CHANNEL, 300); // in and out: no listing would show it
            for (long u = 200; u < 210; u++) {
                f.sim.leave(CHANNEL, u);
            }
            for (long u = 210; u < 215; u++) {
                f.sim.removedBy(CHANNEL, u, 101);
            }
            steps.runUntil(() -> events.size() >= 58);

            // Second burst: 42 changes.
            for (long u = 310; u < 340; u++) {
                f.sim.addedBy(CHANNEL, u, 101);
            }
            assertTrue(f.sim.join(shared, 340));
            for (long u = 310; u < 321; u++) {
                f.sim.leave(CHANNEL, u);
            }
            steps.runUntil(() -> events.size() >= 100);
            int logReads = logReads(f);
            steps.runUntil(() -> logReads(f) >= logReads + 3); // three more turns: nothing more comes

            assertEquals(100, events.size(), () -> "each change once: " + events.size());
            assertEquals(100, new HashSet<>(events.stream().map(MembershipEvent::id).toList()).size());
            assertTrue(events.stream().allMatch(e -> e.source() == EventSource.PUSHED && e.time().exact()));
            assertEquals(List.of(EventKind.JOINED, EventKind.LEFT), events.stream()
                    .filter(e -> e.member().equals(Member.userId(300))).map(MembershipEvent::kind).toList());
            Joined byLink = events.stream().filter(e -> e.member().equals(Member.userId(150))).map(Joined.class::cast)
                    .findFirst().orElseThrow();
            assertEquals(JoinHow.INVITE_LINK, byLink.how());
            assertEquals(Optional.of(personal), byLink.link());
            Invitation sent = f.client.invitations(store).toGroup(f.supergroup).stream()
                    .filter(i -> i.link().equals(personal)).findFirst().orElseThrow();
            assertEquals(Optional.of(sent.id()), byLink.invitation().map(Invitation::id), "the invitation that sent the link");
            Joined byShared = events.stream().filter(e -> e.member().equals(Member.userId(340))).map(Joined.class::cast)
                    .findFirst().orElseThrow();
            assertEquals(Optional.of(shared), byShared.link());
            assertEquals(Optional.empty(), byShared.invitation(), "a shared link is no one's invitation");
            assertEquals(1, f.sim.calls().stream().filter("channels.getParticipants"::equals).count(),
                    "followed by its log: listed once, for the baseline");
            assertEquals(List.of(), problems);
            steps.close(watch);
        }
    }

    @Test
    void aWatcherDownPastTheLogsWindowSaysSoAndEndsWithTheRightMembership() throws Exception {
        MembershipStore store = MembershipStore.inMemory();
        try (Fixture f = new Fixture(b -> b, p -> p.invitations(store))) {
            f.sim.addedBy(CHANNEL, 101, 1000).addedBy(CHANNEL, 102, 1000).addedBy(CHANNEL, 103, 1000);
            List<MembershipEvent> events = Collections.synchronizedList(new ArrayList<>());
            List<WatchProblem> problems = Collections.synchronizedList(new ArrayList<>());
            List<Integer> turns = Collections.synchronizedList(new ArrayList<>());
            WatchListener listener = new WatchListener() {
                @Override
                public void listed(GroupRef g, int members, int found, Duration took) {
                    turns.add(members);
                }

                @Override
                public void problem(WatchProblem problem) {
                    problems.add(problem);
                }
            };
            Steps steps = new Steps(f);
            MembershipWatch first = f.client.watch().groups(f.supergroup).store(store).executor(steps).interval(INTERVAL)
                    .owner("first").listener(listener).start(events::add);
            steps.runUntil(() -> turns.size() >= 1);
            steps.close(first);

            // Down for two days: the log forgets these.
            f.sim.leave(CHANNEL, 101).addedBy(CHANNEL, 201, 1000);
            f.time.advance(Duration.ofHours(49));
            // And these it still has when the watcher comes back.
            f.sim.removedBy(CHANNEL, 102, 1000).addedBy(CHANNEL, 202, 1000);

            MembershipWatch second = f.client.watch().groups(f.supergroup).store(store).executor(steps).interval(INTERVAL)
                    .owner("second").listener(listener).start(events::add);
            steps.runUntil(() -> events.size() >= 4);
            assertTrue(problems.stream().anyMatch(p -> p.kind() == WatchProblem.Kind.FEED_GAP), problems::toString);
            java.util.Map<String, EventKind> byPerson = new java.util.TreeMap<>();
            events.forEach(e -> byPerson.put(e.member().value(), e.kind()));
            assertEquals(java.util.Map.of("101", EventKind.LEFT, "102", EventKind.REMOVED, "201", EventKind.JOINED,
                    "202", EventKind.JOINED), byPerson, events::toString);
            assertEquals(EventSource.PUSHED, events.stream().filter(e -> e.member().value().equals("102")).findFirst()
                    .orElseThrow().source(), "what the log still has keeps its detail");
            assertEquals(EventSource.OBSERVED, events.stream().filter(e -> e.member().value().equals("101")).findFirst()
                    .orElseThrow().source(), "what it forgot is seen by the listing");

            // Back on the log: the next change comes from it, once.
            f.sim.addedBy(CHANNEL, 203, 1000);
            steps.runUntil(() -> events.size() >= 5);
            assertEquals(Member.userId(203), events.get(4).member());
            assertEquals(EventSource.PUSHED, events.get(4).source());
            // The baseline and the events make the fake's own members.
            java.util.Set<String> known = new java.util.TreeSet<>(List.of("1000", "101", "102", "103"));
            for (MembershipEvent e : events) {
                if (e.kind() == EventKind.JOINED) {
                    known.add(e.member().value());
                } else {
                    known.remove(e.member().value());
                }
            }
            java.util.Set<String> actual = new java.util.TreeSet<>();
            f.sim.members(CHANNEL).forEach(u -> actual.add(Long.toString(u)));
            assertEquals(actual, known);
            steps.close(second);
        }
    }

    private static int logReads(Fixture f) {
        return (int) f.sim.calls().stream().filter("channels.getAdminLog"::equals).count();
    }

    /** The watch's executor, run by the test thread. */
    private static final class Steps implements Executor {
        private static final Duration TICK = Duration.ofSeconds(1);
        private static final long MAX_IDLE_TICKS = 24 * 3600; // a day of virtual time with nothing to run
        private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        private final Fixture f;

        Steps(Fixture f) {
            this.f = f;
        }

        @Override
        public void execute(Runnable task) {
            queue.add(task);
        }

        void runUntil(BooleanSupplier done) throws InterruptedException {
            long idle = 0;
            while (!done.getAsBoolean()) {
                // An exchange with the simulator under way on another thread may still hand a task over:
                // the clock moves only once none has for a moment.
                Runnable next = queue.poll(5, TimeUnit.MILLISECONDS);
                if (next != null) {
                    idle = 0;
                    next.run();
                    continue;
                }
                // Not a timing assertion: a guard so that a watch that stopped working fails the test.
                assertTrue(++idle < MAX_IDLE_TICKS && f.time.advanceTowardNextAlarm(TICK), "the watch stopped working");
            }
        }

        /** Closes the watch on another thread while this one keeps running its tasks. */
        void close(MembershipWatch watch) throws InterruptedException {
            boolean[] closed = new boolean[1];
            Thread closer = new Thread(() -> {
                watch.close();
                execute(() -> closed[0] = true);
            }, "watch-closer");
            closer.start();
            runUntil(() -> closed[0]);
            closer.join();
        }
    }
}
