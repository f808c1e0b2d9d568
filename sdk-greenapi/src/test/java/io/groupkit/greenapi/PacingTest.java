package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** On virtual time, against a simulator that answers 429 above Green-API's documented rates. */
@Order(5)
class PacingTest {

    private static int busiestSecond(List<GreenApiSimulator.Request> requests) {
        List<Long> t = requests.stream().map(GreenApiSimulator.Request::atNanos).sorted().toList();
        int max = 0;
        int j = 0;
        for (int i = 0; i < t.size(); i++) {
            while (j < t.size() && t.get(j) < t.get(i) + 1_000_000_000L) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return max;
    }

    @Test
    void aThousandAddsNeverExceedTenPerSecondAndEarnNo429() {
        try (Fixture f = new Fixture()) {
            List<Member> people = IntStream.range(0, 1000).<Member>mapToObj(Fixture::person).toList();
            // One call at a time: on virtual time, calls under way on other threads would move the
            // shared clock before a request is stamped (the limiter's own thread safety is tested in core).
            BulkReport report = f.client.addAll(Fixture.GROUP, people, BulkOptions.defaults().concurrency(1));
            assertEquals(1000, report.count(OutcomeKind.ADDED), () -> report.counts().toString());
            assertTrue(busiestSecond(f.sim.requests("addGroupParticipant")) <= 10);
            assertTrue(busiestSecond(f.sim.requests("checkWhatsapp")) <= 10);
            assertEquals(1000, f.sim.requests("addGroupParticipant").size(), "no retries: no 429 was earned");
        }
    }

    @Test
    void diagnosisLookupsNeverExceedOnePerSecond() {
        try (Fixture f = new Fixture(b -> b.cacheTtls(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1),
                java.time.Duration.ofHours(1)), p -> p.prechecks(Prechecks.OFF))) {
            String[] refusing = IntStream.range(0, 30).mapToObj(Fixture::digits).toArray(String[]::new);
            f.instance.refusing(refusing).contacts(refusing);
            for (int i = 0; i < 30; i++) {
                assertEquals(OutcomeKind.NOT_ADDED, f.client.add(Fixture.GROUP, Fixture.person(i)).kind());
            }
            // Data fetched at the same virtual instant as the next add is still fresh, so not every diagnosis looks up.
            assertTrue(f.sim.requests("getGroupData").size() >= 10, "enough look-ups to test their pace");
            assertTrue(busiestSecond(f.sim.requests("getGroupData")) <= 1);
            assertTrue(busiestSecond(f.sim.requests("getContacts")) <= 1);
        }
    }
}
