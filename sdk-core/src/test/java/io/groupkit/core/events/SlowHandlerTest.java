package io.groupkit.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.GroupRef;
import io.groupkit.core.testing.Harness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A handler that takes a second per event while changes come four times faster: the watch slows
 * down instead of dropping anything, and holds one group's undelivered events at a time (the rest
 * wait at the provider, to be seen by the group's next listing). Virtual time: the handler's second
 * is a wait on the watch's clock, and each change is an alarm on it.
 */
class SlowHandlerTest {
    private static final int GROUPS = 10;
    private static final int CHANGES = 1_000;

    private static GroupRef group(int g) {
        return GroupRef.of("slow-" + g + "@g.us");
    }

    @Test
    void aSlowHandlerGetsEveryChangeOnceAndTheWatchHoldsOneGroupsEventsAtATime() throws Exception {
        Harness h = new Harness();
        List<GroupRef> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            h.fake.group(group(g), Harness.person(1_000_000 + g));
            groups.add(group(g));
        }
        CountDownLatch baselines = new CountDownLatch(GROUPS);
        CountDownLatch all = new CountDownLatch(CHANGES);
        Set<String> listedOnce = ConcurrentHashMap.newKeySet();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        Set<String> people = ConcurrentHashMap.newKeySet();
        List<String> wrong = new CopyOnWriteArrayList<>();
        Held held = new Held();
        WatchListener listener = new WatchListener() {
            @Override
            public void listed(GroupRef g, int members, int events, Duration took) {
                held.listed(g, events, wrong);
                if (listedOnce.add(g.key())) {
                    baselines.countDown();
                }
            }

            @Override
            public void problem(WatchProblem problem) {
                wrong.add("problem: " + problem.kind());
            }
        };
        // The watch runs on the test's thread, which moves the clock from alarm to alarm (the watch's
        // pauses, the scripted changes); the handler's second moves it too.
        try (MembershipWatch watch = h.client.watch().groups(groups).executor(Runnable::run).listener(listener)
                .owner("slow").start(event -> {
                    held.delivered(event, wrong);
                    if (!ids.add(event.id())) {
                        wrong.add("delivered twice: " + event.id());
                    } else if (!(event instanceof Joined) || !people.add(event.member().value())) {
                        wrong.add("not a scripted join: " + event);
                    } else {
                        all.countDown();
                    }
                    h.time.delay(Duration.ofSeconds(1)).toCompletableFuture().join();
                })) {
            for (int guard = 0; baselines.getCount() > 0 && guard < 10_000; guard++) {
                assertTrue(h.time.advanceToNextAlarm(), "the watch stopped");
            }
            assertEquals(0, baselines.getCount(), "the watch never listed every group");
            for (int i = 0; i < CHANGES; i++) {
                int n = i;
                h.time.alarm(Duration.ofMillis(250L * (n + 1))).thenRun(() -> h.fake.group(group(n % GROUPS), Harness.person(n)));
            }
            for (int guard = 0; all.getCount() > 0 && guard < 1_000_000; guard++) {
                assertTrue(h.time.advanceToNextAlarm(), "the watch stopped");
            }
            assertEquals(0, all.getCount(), () -> "delivered " + (CHANGES - all.getCount()) + " of " + CHANGES);
            assertEquals(List.of(), wrong);
            assertEquals(CHANGES, people.size());
            // Changes came four times faster than the handler took them, so they piled up at the
            // provider and listings found several at once: yet never more than one group's at a time.
            assertTrue(held.most() > 1, "changes never piled up between two listings of a group: the test did not load the watch");
        }
    }

    /** What the watch holds undelivered: the events of the last listing, until the handler had them all. */
    private static final class Held {
        private @Nullable String group;
        private int left;
        private int most;

        synchronized void listed(GroupRef g, int events, List<String> wrong) {
            if (left > 0) {
                wrong.add("listed " + g.key() + " with " + left + " events of " + group + " undelivered");
            }
            group = g.key();
            left = events;
            most = Math.max(most, events);
        }

        synchronized int most() {
            return most;
        }

        synchronized void delivered(MembershipEvent e, List<String> wrong) {
            if (left == 0 || !e.group().key().equals(group)) {
                wrong.add("delivered " + e.id() + " of " + e.group().key() + " outside its group's listing");
                return;
            }
            left--;
        }
    }
}
