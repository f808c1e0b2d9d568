package io.groupkit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.core.spi.Operation;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.testkit.fake.FakeFault;
import io.groupkit.testkit.fake.FakeProvider;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The meters and observations a client's work leaves in a registry, and that no tag names a person. */
class GroupKitMetricsTest {
    private static final GroupRef GROUP = GroupRef.of("team@g.us");
    private static final String PHONE = "79000000001";

    private final VirtualTime time = VirtualTime.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    private final ObservationRegistry observations = ObservationRegistry.create();
    private final FakeProvider fake = FakeProvider.builder().time(time)
            .rateLimit(Operation.ADD, RateLimit.perSecond("adds", 1)).build();
    private final GroupMembership client;

    GroupKitMetricsTest() {
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }
        });
        fake.group(GROUP);
        client = GroupMembership.create(fake, Policies.builder().time(time).jitter(() -> 0.0)
                .retry(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1)).build())
                .inviteFallback(InviteFallback.ATTACH_LINK)
                .listener(GroupKitMetrics.builder(meters).observations(observations).build()).build());
    }

    private double count(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }

    @Test
    void callsAttemptsWaitsAndRetriesAreCountedByOutcome() {
        client.add(GROUP, Member.phone("+" + PHONE));
        fake.failNext(Operation.ADD, 1, FakeFault.unavailable());
        client.add(GROUP, Member.phone("+79000000002"));
        client.add(GROUP, Member.phone("+" + PHONE));
        assertEquals(2, count("groupkit.calls", "provider", "fake", "operation", "ADD", "outcome", "ADDED", "success", "true"));
        assertEquals(1, count("groupkit.calls", "operation", "ADD", "outcome", "ALREADY_MEMBER"));
        assertEquals(3, meters.get("groupkit.call.duration").tags("operation", "ADD").timers().stream()
                .mapToLong(t -> t.count()).sum());
        assertEquals(1, meters.get("groupkit.attempt.duration").tags("outcome", "UNAVAILABLE").timer().count());
        assertEquals(1, count("groupkit.retries", "reason", "UNAVAILABLE"));
        assertTrue(meters.get("groupkit.pacing.wait").tags("limit", "adds").timer().count() >= 1, "the second add waited");
    }

    @Test
    void settlementsFallbacksAndBulkRunsAreCounted() {
        fake.failNext(Operation.ADD, 1, FakeFault.answerLostAfterApplying());
        client.add(GROUP, Member.phone("+" + PHONE));
        assertEquals(1, count("groupkit.settlements", "found", "PRESENT", "outcome", "ADDED"));
        fake.person(Member.phone("+79000000003")).privacyRestricted();
        client.add(GROUP, Member.phone("+79000000003"));
        assertEquals(1, count("groupkit.fallbacks", "outcome", "PRIVACY_RESTRICTED", "sent", "false"));
        List<Member> people = IntStream.range(10, 15).<Member>mapToObj(i -> Member.phone(String.format("+790000000%02d", i))).toList();
        client.addAll(GROUP, people);
        assertEquals(5, count("groupkit.bulk.outcomes", "provider", "fake", "outcome", "ADDED"));
        assertEquals(1, count("groupkit.bulk.runs", "ended", "completed"));
        assertEquals(5, count("groupkit.bulk.recorded", "provider", "fake"), "progress counted as it goes");
    }

    @Test
    void eachCallIsOneObservationWithItsOutcome() {
        client.add(GROUP, Member.phone("+" + PHONE));
        client.members(GROUP);
        assertEquals(2, stopped.size());
        Observation.Context add = stopped.get(0);
        assertEquals(GroupKitMetrics.CALL_OBSERVATION, add.getName());
        assertEquals("groupkit fake ADD", add.getContextualName());
        assertEquals("ADDED", add.getLowCardinalityKeyValue("outcome").getValue());
        assertEquals("fake", add.getLowCardinalityKeyValue("provider").getValue());
        assertNotNull(stopped.get(1).getLowCardinalityKeyValue("operation"));
        assertEquals("MEMBERS", stopped.get(1).getLowCardinalityKeyValue("operation").getValue());
    }

    @Test
    void noTagOrObservationNamesAPersonOrAGroup() {
        fake.failNext(Operation.ADD, 1, FakeFault.answerLostAfterApplying());
        client.add(GROUP, Member.phone("+" + PHONE));
        client.addAll(GROUP, List.of(Member.phone("+79000000004")));
        for (Meter m : meters.getMeters()) {
            m.getId().getTags().forEach(t -> {
                assertFalse(t.getValue().contains(PHONE) || t.getValue().contains("9000000"), m.getId().toString());
                assertFalse(t.getValue().contains("team@g.us"), m.getId().toString());
            });
        }
        for (Observation.Context c : stopped) {
            c.getAllKeyValues().forEach(kv -> assertFalse(kv.getValue().contains("9000000") || kv.getValue().contains("team@"),
                    c.toString()));
        }
    }
}
