package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.events.EventKind;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipEventHandler;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A watch of the fixture's group that keeps what it was told: the events its handler got, the
 * problems and the listings its listener heard of. On virtual time the watch lists as fast as the
 * simulator answers, so a test waits for listings, not for time.
 */
final class Watching implements MembershipEventHandler, WatchListener, AutoCloseable {
    // Only a guard against a hang: every wait ends as soon as what it waits for happened.
    private static final long GUARD_SECONDS = 60;
    private static final Duration STEP = Duration.ofSeconds(1);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "watch-test"));
    private final List<MembershipEvent> events = new ArrayList<>(); // guarded by this
    private final List<WatchProblem> problems = new ArrayList<>(); // guarded by this
    private int listings; // guarded by this
    private boolean pauseWanted; // guarded by this
    private boolean paused; // guarded by this
    private long releases; // guarded by this: how many pauses ended
    final MembershipWatch watch;
    private final io.groupkit.core.time.TimeSource time;

    Watching(GroupMembership client, MembershipStore store, GroupRef... groups) {
        time = client.watchSource().time();
        watch = client.watch().groups(groups).store(store).executor(executor).interval(Duration.ofSeconds(5))
                .owner("watch-test").listener(this).start(this);
    }

    @Override
    public synchronized void handle(MembershipEvent event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public synchronized void listed(GroupRef group, int members, int changes, Duration took) {
        listings++;
        notifyAll();
        // Told on the watch's turn, after its listing came back and before the next one starts:
        // while this waits, no listing is under way.
        if (pauseWanted) {
            paused = true;
            notifyAll();
            long mine = releases; // a pause asked for next must wait for the next listing, not hold this one
            try {
                while (releases == mine) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Makes changes between two listings, none under way: several changes are seen together, and
     * calls of the test's own are not on the wire at the same time as a listing (on virtual time
     * two threads' waits would overlap, and the simulator would see the calls closer than they were paced).
     */
    void between(Changes changes) throws Exception {
        synchronized (this) {
            pauseWanted = true;
        }
        try {
            until(() -> paused, "a pause between two listings");
            changes.make();
        } finally {
            synchronized (this) {
                pauseWanted = false;
                paused = false;
                releases++;
                notifyAll();
            }
        }
    }

    /** Changes a test makes between two listings. */
    interface Changes {
        void make() throws Exception;
    }

    @Override
    public synchronized void problem(WatchProblem problem) {
        problems.add(problem);
        notifyAll();
    }

    /** Waits for the baseline, or for that many more accepted listings. */
    void listings(int more) throws InterruptedException {
        int target;
        synchronized (this) {
            target = listings + more;
        }
        until(() -> listings >= target, more + " more listings");
    }

    /** Waits until an event of this kind for this chat id was delivered, then for a few more listings. */
    MembershipEvent once(EventKind kind, String chatId) throws InterruptedException {
        return once(Set.of(kind), chatId);
    }

    /**
     * Waits until an event of one of these kinds for this chat id was delivered, then for a few
     * more listings, and checks that it was the only one.
     */
    MembershipEvent once(Set<EventKind> kinds, String chatId) throws InterruptedException {
        until(() -> count(kinds, chatId) > 0, kinds + " of a member");
        listings(3);
        assertEquals(1, count(kinds, chatId), () -> kinds + " reported " + count(kinds, chatId) + " times: " + events());
        return events().stream().filter(e -> kinds.contains(e.kind()) && e.member().value().equals(chatId)).findFirst()
                .orElseThrow();
    }

    /** Waits until a problem of this kind was reported. */
    void problem(WatchProblem.Kind kind) throws InterruptedException {
        until(() -> problems.stream().anyMatch(p -> p.kind() == kind), "a problem " + kind);
    }

    synchronized List<MembershipEvent> events() {
        return List.copyOf(events);
    }

    synchronized List<WatchProblem> problems() {
        return List.copyOf(problems);
    }

    synchronized long count(EventKind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }

    private synchronized long count(Set<EventKind> kinds, String chatId) {
        return events.stream().filter(e -> kinds.contains(e.kind()) && e.member().value().equals(chatId)).count();
    }

    /** No event was delivered twice (by id). */
    void eachOnce() {
        Set<String> ids = new HashSet<>();
        for (MembershipEvent e : events()) {
            if (!ids.add(e.id())) {
                fail("event " + e.id() + " was delivered twice: " + events());
            }
        }
    }

    private synchronized void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("waited in vain for " + what + "; events " + events + ", problems " + problems);
            }
            if (time instanceof io.groupkit.testkit.time.VirtualTime virtual && !paused) {
                // The watch's pauses are alarms that wait for the clock: while nothing happens, move it
                // on, a second at most and landing on the next alarm, so that a listing under way with
                // the simulator never sees its timeout rung by a leap.
                TimeUnit.MILLISECONDS.timedWait(this, 5);
                if (!condition.getAsBoolean()) {
                    virtual.advanceTowardNextAlarm(STEP);
                }
            } else {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    @Override
    public void close() {
        watch.close();
        executor.shutdownNow();
    }
}
