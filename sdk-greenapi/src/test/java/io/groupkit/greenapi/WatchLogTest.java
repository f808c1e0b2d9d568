package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.fake.FakeFault;
import io.groupkit.testkit.fake.FakeProvider;
import io.groupkit.testkit.logs.CapturedLogs;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An outage is one warning in the log (and every turn to the listener), and another once it is over. */
class WatchLogTest {
    private static final GroupRef GROUP = GroupRef.of("log-watch@g.us");

    @Test
    void aFailingListingIsWarnedOfOnceUntilTheGroupListsAgain() {
        VirtualTime time = VirtualTime.create();
        FakeProvider fake = FakeProvider.builder().time(time).build();
        fake.group(GROUP).with(Member.phone("+79001110001"));
        AtomicInteger told = new AtomicInteger();
        GroupMembership client = GroupMembership.create(fake, TestPolicies.onVirtualTime(time).build());
        try (MembershipWatch w = client.watch().groups(GROUP).executor(Runnable::run).interval(Duration.ofSeconds(10))
                .listener(new WatchListener() {
                    @Override
                    public void problem(WatchProblem problem) {
                        told.incrementAndGet();
                    }
                }).start(e -> { })) {
            fake.failNext(Operation.MEMBERS, 5, FakeFault.unauthorized());
            for (int i = 0; i < 40; i++) { // failed listings slow the watch down (x2 each, up to x8)
                time.advance(Duration.ofSeconds(10));
            }
            fake.failNext(Operation.MEMBERS, 1, FakeFault.unauthorized());
            for (int i = 0; i < 40; i++) {
                time.advance(Duration.ofSeconds(10));
            }
        }
        // The log is the JVM's: other tests' watches write to it too, so only this group's lines count.
        java.util.List<String> mine = CapturedLogs.lines().stream().filter(l -> l.contains("io.groupkit.core.watch")
                && l.contains(GROUP.key())).toList();
        long warnings = mine.stream().filter(l -> l.contains("LISTING_FAILED") && l.startsWith("WARN")).count();
        long recovered = mine.stream().filter(l -> l.startsWith("INFO") && l.contains("lists again")).count();
        assertEquals(6, told.get(), "the listener hears of every failed listing");
        assertEquals(2, warnings, () -> "one warning per outage: " + mine);
        assertEquals(2, recovered);
    }
}
