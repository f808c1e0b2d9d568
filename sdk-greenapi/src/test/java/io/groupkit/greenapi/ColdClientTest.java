package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupkit.core.AddResult;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A client's first calls arrive together (a burst of {@code addAsync}, a bulk run's workers):
 * each cached look-up is asked once, not once per caller — every extra one spends a permit of a
 * one-a-second limit that the adds then wait behind.
 */
class ColdClientTest {

    @Test
    void manyConcurrentFirstAddsAskTheInstanceStateOnce() {
        try (Fixture f = new Fixture()) {
            List<CompletableFuture<AddResult>> adds = IntStream.range(0, 12)
                    .mapToObj(i -> f.client.addAsync(Fixture.GROUP, Fixture.person(i)).toCompletableFuture()).toList();
            adds.forEach(a -> assertEquals(OutcomeKind.ADDED, a.join().kind(), () -> a.join().toString()));
            assertEquals(1, f.sim.requests("getStateInstance").size(), "one state read shared by 12 first adds");
        }
    }

    @Test
    void aBulkRunsWorkersShareTheStateRead() {
        try (Fixture f = new Fixture()) {
            List<Member> people = IntStream.range(0, 40).<Member>mapToObj(Fixture::person).toList();
            BulkReport report = f.client.addAll(Fixture.GROUP, people, BulkOptions.defaults().concurrency(8));
            assertEquals(40, report.count(OutcomeKind.ADDED), () -> report.counts().toString());
            assertEquals(1, f.sim.requests("getStateInstance").size());
        }
    }

    @Test
    void oneNumberAddedToSeveralGroupsAtOnceIsCheckedOnce() {
        try (Fixture f = new Fixture()) {
            List<GroupRef> groups = IntStream.range(0, 6).mapToObj(i -> "12036304396806656" + i + "@g.us")
                    .peek(id -> f.instance.group(id, "79005550001@c.us")).<GroupRef>map(GroupRef::of).toList();
            List<CompletableFuture<AddResult>> adds = groups.stream()
                    .map(g -> f.client.addAsync(g, Fixture.person(7)).toCompletableFuture()).toList();
            adds.forEach(a -> assertEquals(OutcomeKind.ADDED, a.join().kind(), () -> a.join().toString()));
            assertEquals(1, f.sim.requests("checkWhatsapp").size(), "one pre-check shared by 6 adds of one number");
        }
    }

    @Test
    void aSharedRefusalReachesEveryCaller() {
        try (Fixture f = new Fixture()) {
            f.instance.state("notAuthorized");
            List<CompletableFuture<AddResult>> adds = IntStream.range(0, 5)
                    .mapToObj(i -> f.client.addAsync(Fixture.GROUP, Fixture.person(i)).toCompletableFuture()).toList();
            adds.forEach(a -> assertEquals(OutcomeKind.UNAUTHORIZED, a.join().kind(), () -> a.join().toString()));
            assertEquals(0, f.sim.requests("addGroupParticipant").size());
        }
    }
}
