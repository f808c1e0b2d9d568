package io.groupkit.testkit.conformance;


import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.events.EventKind;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipEventHandler;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.spi.WatchSource;
import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;

/**
 * What the kit's watch check was told: the events and the accepted listings. A test waits for
 * listings, not for time. On a {@link VirtualTime} the watch's pauses are alarms that wait for the
 * clock, so while nothing happens the record moves it on, at most a second at a time and landing
 * on the next alarm exactly (an exchange under way with a simulator must not see its timeout rung
 * by a leap).
 */
final class WatchRecord implements MembershipEventHandler, WatchListener {
    private static final Duration STEP = Duration.ofSeconds(1);
    private final TimeSource time;
    // Only a guard against a hang: each wait ends as soon as what it waits for happened.
    private static final long GUARD_SECONDS = 60;

    private final List<MembershipEvent> events = new ArrayList<>(); // guarded by this
    private int listings; // guarded by this

    WatchRecord(TimeSource time) {
        this.time = time;
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
    }

    synchronized List<MembershipEvent> events() {
        return List.copyOf(events);
    }

    /** How many events of these kinds are about the person, matched by every name the provider has for them. */
    synchronized long about(WatchSource source, Member person, EventKind... kinds) {
        Set<String> ids = source.identities(person);
        Set<EventKind> wanted = Set.of(kinds);
        return events.stream().filter(e -> wanted.contains(e.kind())
                && !Collections.disjoint(ids, source.identities(e.member()))).count();
    }

    /** Waits for that many more accepted listings (the first is the baseline). */
    void listings(int more) throws InterruptedException {
        int target;
        synchronized (this) {
            target = listings + more;
        }
        until(() -> listings >= target, more + " more listings");
    }

    synchronized void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                Assertions.fail("the watch never showed " + what + "; events: " + events);
            }
            if (time instanceof VirtualTime virtual) {
                TimeUnit.MILLISECONDS.timedWait(this, 5);
                if (!condition.getAsBoolean()) {
                    virtual.advanceTowardNextAlarm(STEP);
                }
            } else {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
