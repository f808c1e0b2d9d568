package io.groupkit.bitrix24;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.events.EventKind;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.Left;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import io.groupkit.core.GroupRef;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A watch of Bitrix24 chats on the simulator: joins come pushed ({@code ONIMV2JOINCHAT} through
 * {@code im.v2.Event.get}) and confirmed by {@code im.chat.user.list}, leaves come from the listing
 * alone. The test runs the watch's executor itself, one task at a time, so that it scripts each
 * change between two of the watch's turns; when the watch has nothing to run, the test moves the
 * virtual clock on by at most a second, to the end of its pause (the watch's pauses are alarms:
 * they wait for the clock, never move it).
 */
class WatchTest {
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    /** A watch of one group over a fixture, with what it delivered and told. */
    private static final class Watching implements AutoCloseable {
        final Steps steps;
        final List<MembershipEvent> events = Collections.synchronizedList(new ArrayList<>());
        final List<WatchProblem> problems = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> listings = Collections.synchronizedList(new ArrayList<>()); // members per good listing
        final MembershipWatch watch;

        Watching(Fixture f, GroupRef group) {
            this(f, group, MembershipStore.inMemory());
        }

        Watching(Fixture f, GroupRef group, MembershipStore store) {
            this(f, List.of(group), store);
        }

        Watching(Fixture f, List<GroupRef> groups) {
            this(f, groups, MembershipStore.inMemory());
        }

        Watching(Fixture f, List<GroupRef> groups, MembershipStore store) {
            steps = new Steps(f.time);
            watch = f.client.watch().groups(groups).store(store).executor(steps).interval(INTERVAL)
                    .listener(new WatchListener() {
                        @Override
                        public void listed(GroupRef g, int members, int found, Duration took) {
                            listings.add(members);
                        }

                        @Override
                        public void problem(WatchProblem problem) {
                            problems.add(problem);
                        }
                    })
                    .start(events::add);
        }

        /** Runs the watch until it has listed the group this many more times. */
        void listings(int more) throws InterruptedException {
            int target = listings.size() + more;
            steps.runUntil(() -> listings.size() >= target);
        }

        void until(BooleanSupplier done) throws InterruptedException {
            steps.runUntil(done);
        }

        long problems(WatchProblem.Kind kind) {
            return problems.stream().filter(p -> p.kind() == kind).count();
        }

        /** Closes the watch on a thread of the test's while this thread keeps running its tasks. */
        @Override
        public void close() throws InterruptedException {
            boolean[] closed = new boolean[1];
            Thread closer = new Thread(() -> {
                watch.close();
                steps.execute(() -> closed[0] = true);
            }, "watch-closer");
            closer.start();
            steps.runUntil(() -> closed[0]);
            closer.join();
        }
    }

    /** The watch's executor, run by the test thread. */
    private static final class Steps implements Executor {
        private static final Duration TICK = Duration.ofSeconds(1);
        private static final long MAX_IDLE_TICKS = 7 * 24 * 3600; // a week of virtual time with nothing to run
        private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        private final io.groupkit.testkit.time.VirtualTime time;

        Steps(io.groupkit.testkit.time.VirtualTime time) {
            this.time = time;
        }

        @Override
        public void execute(Runnable task) {
            queue.add(task);
        }

        void runUntil(BooleanSupplier done) throws InterruptedException {
            long idle = 0;
            while (!done.getAsBoolean()) {
                // An exchange with the simulator (or the closer) under way on another thread may still hand
                // a task over: the clock moves only once none has for a moment.
                Runnable next = queue.poll(5, TimeUnit.MILLISECONDS);
                if (next != null) {
                    idle = 0;
                    next.run();
                    continue;
                }
                // Not a timing assertion: a guard so that a watch that stopped working fails the test.
                // Steps of at most a second, landing on alarms exactly: an exchange slower than the wait
                // above must not see its timeout rung by a leap of the clock.
                assertTrue(++idle < MAX_IDLE_TICKS && time.advanceTowardNextAlarm(TICK), "the watch stopped working");
            }
        }
    }

    @Test
    void declaresPushedJoinsAndListedLeavesOnly() {
        try (Fixture f = new Fixture()) {
            assertTrue(f.client.capabilities().supports(Operation.EVENTS));
            assertTrue(f.client.capabilities().reports(EventKind.JOINED));
            assertTrue(f.client.capabilities().reports(EventKind.LEFT));
            assertTrue(!f.client.capabilities().reports(EventKind.PROMOTED) && !f.client.capabilities().reports(EventKind.REMOVED),
                    "im.chat.user.list shows no roles and no event tells a removal from a leave");
        }
    }

    @Test
    void listingsOnlyLeavesTheUsersEventsToAnotherApplication() throws Exception {
        try (Fixture f = new Fixture(Bitrix24.Builder::listingsOnly)) {
            assertTrue(!f.client.capabilities().supports(Operation.EVENTS));
            Watching w = new Watching(f, Fixture.IM);
            w.listings(1);
            f.sim.joins(Fixture.CHAT, 205);
            w.until(() -> !w.events.isEmpty());
            assertEquals(EventSource.OBSERVED, w.events.get(0).source());
            assertEquals(0, f.sim.requests("im.v2.Event.subscribe").size() + f.sim.requests("im.v2.Event.get").size(),
                    "the user's event queue was not touched");
            w.close();
        }
    }

    @Test
    void aJoinIsReportedOncePushedAtItsTimeAndALeaveOnceObserved() throws Exception {
        try (Fixture f = new Fixture()) {
            f.sim.chat(Fixture.CHAT, Fixture.BOT, 100);
            Watching w = new Watching(f, Fixture.IM);
            w.listings(1); // the baseline
            assertEquals(1, f.sim.requests("im.v2.Event.subscribe").size());

            Instant joinedAt = f.time.now();
            f.sim.joins(Fixture.CHAT, 200);
            w.until(() -> !w.events.isEmpty());
            Joined joined = assertInstanceOf(Joined.class, w.events.get(0));
            assertEquals(Member.userId(200), joined.member());
            assertEquals(Fixture.IM, joined.group());
            assertEquals(EventSource.PUSHED, joined.source(), joined::toString);
            assertEquals(JoinHow.ADDED, joined.how());
            assertTrue(joined.time().exact());
            assertEquals(joinedAt.truncatedTo(ChronoUnit.SECONDS), joined.time().from(), "the event's own date");
            assertEquals("ONIMV2JOINCHAT", joined.detail().code());

            f.sim.leaves(Fixture.CHAT, 100);
            w.until(() -> w.events.size() >= 2);
            Left left = assertInstanceOf(Left.class, w.events.get(1));
            assertEquals(Member.userId(100), left.member());
            assertEquals(EventSource.OBSERVED, left.source());

            int listed = f.sim.requests("im.chat.user.list").size();
            int read = f.sim.requests("im.v2.Event.get").size();
            w.listings(5);
            assertEquals(2, w.events.size(), "each change once: " + w.events);
            assertEquals(5, f.sim.requests("im.chat.user.list").size() - listed, "one listing per turn");
            assertEquals(5, f.sim.requests("im.v2.Event.get").size() - read, "one event read per round");
            assertEquals(1, f.sim.requests("im.v2.Event.subscribe").size(), "subscribed once");
            assertEquals(0, w.problems.size(), () -> w.problems.toString());
            assertEquals(0, f.sim.bucketRejections());
            w.close();
        }
    }

    @Test
    void eachWatchedChatCostsOneListingPerIntervalAndAllShareOneEventRead() throws Exception {
        try (Fixture f = new Fixture()) {
            List<GroupRef> chats = new ArrayList<>();
            for (long c = 601; c <= 605; c++) {
                f.sim.chat(c, Fixture.BOT);
                chats.add(ImChat.of(c));
            }
            Watching w = new Watching(f, chats);
            w.listings(5); // the baselines
            int listed = f.sim.requests("im.chat.user.list").size();
            int read = f.sim.requests("im.v2.Event.get").size();
            Duration start = f.time.elapsed();
            w.listings(50);
            Duration took = f.time.elapsed().minus(start);
            assertEquals(50, f.sim.requests("im.chat.user.list").size() - listed);
            assertEquals(10, f.sim.requests("im.v2.Event.get").size() - read, "one event read per round of 5 chats");
            // 50 listings of 5 chats, an interval of 1 minute: each chat listed once a minute. The
            // clock also moves while an exchange is under way (a second at a time), so a turn may end
            // late by the seconds its listing took: at most one per listing here. The start is read
            // after the baselines return, while the watch's thread may already have moved the clock a
            // step (seen once under load: 9 min 59 s): a few seconds of slack below, none of pace.
            assertTrue(took.compareTo(INTERVAL.multipliedBy(10).minusSeconds(5)) >= 0
                    && took.compareTo(INTERVAL.multipliedBy(10).plusSeconds(50)) <= 0, took::toString);
            assertEquals(0, f.sim.bucketRejections());
            w.close();
        }
    }

    @Test
    void anAddThroughTheClientIsReportedOnce() throws Exception {
        try (Fixture f = new Fixture()) {
            Watching w = new Watching(f, Fixture.IM);
            w.listings(1);
            assertEquals(OutcomeKind.ADDED, f.client.add(Fixture.IM, Fixture.user(300)).kind());
            w.until(() -> !w.events.isEmpty());
            w.listings(3);
            assertEquals(1, w.events.size(), () -> w.events.toString());
            Joined joined = assertInstanceOf(Joined.class, w.events.get(0));
            assertEquals(Member.userId(300), joined.member());
            assertEquals(EventSource.PUSHED, joined.source());
            assertEquals(JoinHow.ADDED, joined.how());
            w.close();
        }
    }

    @Test
    void aJoinToACrmItemsChatComesUnderTheCrmItemsKey() throws Exception {
        try (Fixture f = new Fixture()) {
            Watching w = new Watching(f, Fixture.DEAL);
            w.listings(1);
            f.sim.joins(Fixture.DEAL_CHAT, 201);
            w.until(() -> !w.events.isEmpty());
            w.listings(2);
            assertEquals(1, w.events.size(), () -> w.events.toString());
            Joined joined = assertInstanceOf(Joined.class, w.events.get(0));
            assertEquals(Fixture.DEAL, joined.group());
            assertEquals(EventSource.PUSHED, joined.source(), "the chat's event reached the CRM item's watch");
            w.close();
        }
    }

    @Test
    void aFailedEventReadIsAProblemAndTheListingStillReportsTheJoin() throws Exception {
        try (Fixture f = new Fixture()) {
            Watching w = new Watching(f, Fixture.IM);
            w.listings(1);
            f.sim.answerNext("im.v2.Event.get", "{\"result\":{\"events\":\"not a list\"}}");
            f.sim.joins(Fixture.CHAT, 202);
            w.until(() -> !w.events.isEmpty());
            assertEquals(1, w.problems(WatchProblem.Kind.FEED_FAILED), () -> w.problems.toString());
            Joined joined = assertInstanceOf(Joined.class, w.events.get(0));
            assertEquals(Member.userId(202), joined.member());
            assertEquals(EventSource.OBSERVED, joined.source(), "seen by the listing, in its window");
            w.listings(3);
            assertEquals(1, w.events.size(), "the event read late makes no second join: " + w.events);
            w.close();
        }
    }

    @Test
    void eventsOlderThanTheRetentionAreAGapAndTheListingStillReportsTheJoin() throws Exception {
        try (Fixture f = new Fixture()) {
            Watching w = new Watching(f, Fixture.IM);
            w.listings(1);
            f.sim.joins(Fixture.CHAT, 203);
            f.time.advance(Duration.ofHours(25)); // the watch was away longer than the portal keeps events
            assertEquals(List.of(), f.sim.pendingEvents(Fixture.BOT), "the portal dropped the event unread");
            w.until(() -> !w.events.isEmpty());
            assertEquals(1, w.problems(WatchProblem.Kind.FEED_GAP), () -> w.problems.toString());
            Joined joined = assertInstanceOf(Joined.class, w.events.get(0));
            assertEquals(Member.userId(203), joined.member());
            assertEquals(EventSource.OBSERVED, joined.source());
            w.listings(2);
            assertEquals(1, w.events.size());
            assertEquals(1, w.problems(WatchProblem.Kind.FEED_GAP), "the gap is told once");
            w.close();
        }
    }

    @Test
    void garbageTruncatedOrCutShortListingsAreProblemsAndNoOneLeaves() throws Exception {
        try (Fixture f = new Fixture()) {
            f.sim.chat(Fixture.CHAT, Fixture.BOT, 100, 101, 102, 103);
            Watching w = new Watching(f, Fixture.IM);
            w.listings(1);
            f.sim.answerNext("im.chat.user.list", "{\"result\":[1,100,\"Ivan\",{\"id\":101}]}");
            w.until(() -> w.problems(WatchProblem.Kind.LISTING_FAILED) >= 1);
            for (int i = 0; i < 4; i++) { // as many as a listing's attempts
                f.sim.answerNext("im.chat.user.list", "{\"result\":[1,100,10");
            }
            w.until(() -> w.problems(WatchProblem.Kind.LISTING_FAILED) >= 2);
            f.sim.answerNext("im.chat.user.list", "{\"result\":[1]}");
            w.until(() -> w.problems(WatchProblem.Kind.LISTING_DOUBTFUL) >= 1);
            w.listings(3);
            assertEquals(List.of(), w.events, "no one left");

            f.sim.leaves(Fixture.CHAT, 103);
            w.until(() -> !w.events.isEmpty());
            assertEquals(Member.userId(103), assertInstanceOf(Left.class, w.events.get(0)).member());
            w.close();
        }
    }

    @Test
    void aWatchStartedAgainGoesOnFromItsSavedOffset() throws Exception {
        try (Fixture f = new Fixture()) {
            MembershipStore store = MembershipStore.inMemory();
            Watching first = new Watching(f, Fixture.IM, store);
            first.listings(1);
            first.close();
            assertTrue(!f.sim.requests("im.v2.Event.get").get(0).body().contains("offset"), "the first read starts from now");

            f.sim.joins(Fixture.CHAT, 204); // while nobody watches
            Watching again = new Watching(f, Fixture.IM, store);
            again.until(() -> !again.events.isEmpty());
            Joined joined = assertInstanceOf(Joined.class, again.events.get(0));
            assertEquals(Member.userId(204), joined.member());
            assertEquals(EventSource.PUSHED, joined.source(), "the event recorded while away was read from the offset");
            List<Bitrix24Simulator.Request> reads = f.sim.requests("im.v2.Event.get");
            assertTrue(reads.get(1).body().contains("\"offset\""), reads.get(1).body());
            again.listings(2);
            assertEquals(1, again.events.size());
            again.close();
        }
    }

    @Test
    void anUnreadableSavedCursorIsAGapAndTheSubscriptionIsRenewed() throws Exception {
        try (Fixture f = new Fixture()) {
            MembershipStore store = MembershipStore.inMemory();
            String feed = f.client.accountKey() + "#events";
            store.claim(feed, "earlier", f.time.now(), Duration.ofSeconds(1));
            store.save(feed, "earlier", f.time.now(), "not a cursor of ours");
            store.release(feed, "earlier");
            Watching w = new Watching(f, Fixture.IM, store);
            w.listings(1);
            assertEquals(1, w.problems(WatchProblem.Kind.FEED_GAP), () -> w.problems.toString());
            assertTrue(!f.sim.requests("im.v2.Event.get").get(0).body().contains("offset"), "read from the start of the queue");
            f.sim.joins(Fixture.CHAT, 206);
            w.until(() -> !w.events.isEmpty());
            assertEquals(EventSource.PUSHED, w.events.get(0).source(), "the feed goes on from the new cursor");
            assertEquals(1, w.problems(WatchProblem.Kind.FEED_GAP));
            w.close();
        }
    }
}
