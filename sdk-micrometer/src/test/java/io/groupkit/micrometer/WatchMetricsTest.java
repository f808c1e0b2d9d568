package io.groupkit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.fake.FakeFault;
import io.groupkit.testkit.fake.FakeProvider;
import io.groupkit.testkit.time.VirtualTime;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A watch's meters: events by kind and source, problems by kind, and no tag that names a group or a person. */
class WatchMetricsTest {
    private static final GroupRef GROUP = GroupRef.of("79001234567-1581234567@g.us"); // an old-style id holds a phone

    @Test
    void eventsAndProblemsAreCountedAndNoTagNamesAGroupOrAPerson() {
        VirtualTime time = VirtualTime.create();
        FakeProvider fake = FakeProvider.builder().time(time).build();
        Member alice = Member.phone("+79001234568");
        fake.group(GROUP).with(alice);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        GroupMembership client = GroupMembership.create(fake, Policies.builder().time(time).jitter(() -> 0.0).build());
        try (MembershipWatch w = client.watch().groups(GROUP).executor(Runnable::run).interval(Duration.ofSeconds(10))
                .listener(WatchMetrics.of(meters, "orders")).start(e -> { })) {
            time.advance(Duration.ofSeconds(10));
            fake.group(GROUP).join(Member.phone("+79001234569")).leave(alice);
            time.advance(Duration.ofSeconds(10));
            fake.failNext(Operation.MEMBERS, 10, FakeFault.unauthorized());
            time.advance(Duration.ofSeconds(10));
        }
        assertEquals(1.0, meters.get("groupkit.watch.events").tags("kind", "JOINED", "source", "OBSERVED").counter().count());
        assertEquals(1.0, meters.get("groupkit.watch.events").tags("kind", "LEFT").counter().count());
        assertEquals(1.0, meters.get("groupkit.watch.problems").tags("kind", "LISTING_FAILED").counter().count());
        assertEquals(1.0, meters.get("groupkit.watch.leases").tags("change", "taken").counter().count());
        assertEquals(3, meters.get("groupkit.watch.listing").timer().count(), "at 0 s (the baseline), 10 s and 20 s");
        for (Meter m : meters.getMeters()) {
            String tags = m.getId().getTags().toString();
            assertFalse(tags.contains("7900123"), () -> m.getId() + " names a group or a person");
        }
    }
}
