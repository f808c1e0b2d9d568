package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.GroupRef;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.Left;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.Removed;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A watch following a basic group on the fake data centre through its updates: a hundred changes,
 * among them a join and a leave of the same person between two turns (a listing would show
 * neither), each delivered once, in order, as Telegram told it. The test runs the watch's executor
 * itself and moves the virtual clock only when the watch has nothing to run.
 */
class BasicGroupWatchTest {
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    @Test
    void everyChangeOfABasicGroupIsDeliveredOnceEvenAJoinAndLeaveBetweenTwoTurns() throws Exception {
        try (Fixture f = new Fixture()) {
            Steps steps = new Steps(f.time);
            List<MembershipEvent> events = Collections.synchronizedList(new ArrayList<>());
            List<WatchProblem> problems = Collections.synchronizedList(new ArrayList<>());
            List<Integer> listings = Collections.synchronizedList(new ArrayList<>());
            GroupRef group = f.basic;
            MembershipWatch watch = f.client.watch().groups(group).store(MembershipStore.inMemory()).executor(steps)
                    .interval(INTERVAL).listener(new WatchListener() {
                        @Override
                        public void listed(GroupRef g, int members, int found, Duration took) {
                            listings.add(members);
                        }

                        @Override
                        public void problem(WatchProblem problem) {
                            problems.add(problem);
                        }
                    }).start(events::add);
            steps.runUntil(() -> !listings.isEmpty()); // the head of the updates, then the baseline listing (a turn)

            SplittableRandom random = new SplittableRandom(2025);
            Set<Long> members = new HashSet<>();
            List<String> expected = new ArrayList<>();
            for (int batch = 0; batch < 10; batch++) {
                if (batch == 4) {
                    // Between two turns: someone comes and goes again.
                    f.sim.addedBy(Fixture.CHAT, 399, 150);
                    f.sim.leave(Fixture.CHAT, 399);
                    expected.add("joined 399");
                    expected.add("left 399");
                }
                while (expected.size() < (batch + 1) * 10) {
                    long user = 200 + random.nextInt(30);
                    if (!members.contains(user)) {
                        f.sim.addedBy(Fixture.CHAT, user, 150);
                        members.add(user);
                        expected.add("joined " + user);
                    } else if (random.nextBoolean()) {
                        f.sim.leave(Fixture.CHAT, user);
                        members.remove(user);
                        expected.add("left " + user);
                    } else {
                        f.sim.removedBy(Fixture.CHAT, user, 150);
                        members.remove(user);
                        expected.add("removed " + user);
                    }
                    f.time.advance(Duration.ofSeconds(1));
                }
                if (batch == 6) {
                    f.sim.dropConnections();
                }
                int target = expected.size();
                steps.runUntil(() -> events.size() >= target);
            }
            // More turns: nothing is delivered twice.
            java.time.Instant later = f.time.now().plus(INTERVAL.multipliedBy(5));
            steps.runUntil(() -> !f.time.now().isBefore(later));

            assertEquals(100, expected.size());
            assertEquals(expected, events.stream().map(BasicGroupWatchTest::kindAndWho).toList());
            assertEquals(100, events.stream().map(MembershipEvent::id).distinct().count());
            assertTrue(events.stream().allMatch(e -> e.source() == EventSource.PUSHED), "all from the updates");
            assertEquals(1, f.sim.calls().stream().filter("messages.getFullChat"::equals).count(),
                    () -> "followed by its updates, listed only for the baseline: " + problems);
            assertEquals(List.of(), problems);
            steps.close(watch);
        }
    }

    private static String kindAndWho(MembershipEvent e) {
        String kind = e instanceof Joined ? "joined" : e instanceof Left ? "left" : e instanceof Removed ? "removed" : "?";
        return kind + " " + e.member().value();
    }

    /** The watch's executor, run by the test thread (as the Bitrix24 watch test runs it). */
    private static final class Steps implements Executor {
        private static final Duration TICK = Duration.ofSeconds(1);
        private static final Duration MAX_WAIT = Duration.ofMinutes(10); // of virtual time: sixty turns
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
            java.time.Instant giveUp = time.now().plus(MAX_WAIT);
            while (!done.getAsBoolean()) {
                // Not a timing assertion: a guard on virtual time, so that a watch that stopped working fails the test.
                assertTrue(time.now().isBefore(giveUp), "the watch stopped working");
                // An exchange with the simulator on the client's thread may still hand a task over: the
                // clock moves only once none has for a moment.
                Runnable next = queue.poll(5, TimeUnit.MILLISECONDS);
                if (next != null) {
                    next.run();
                    continue;
                }
                assertTrue(time.advanceTowardNextAlarm(TICK), "the watch set no alarm: it stopped");
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
