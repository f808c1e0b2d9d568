package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;

/**
 * One person added twice at once (two {@code addAsync} calls; a bulk run sends a person named twice
 * only once, {@code BulkDuplicatesTest}): WhatsApp answers the second add with a bare false, and
 * its diagnosis must see the first add's success even when the cached group data was read before it
 * and either answer may be handled first. Repeated because the interleaving changes from run to
 * run (without the wait for the other add's answer, about one run in eight failed).
 */
@Order(9)
class DuplicateAddsTest {

    @RepeatedTest(60)
    void theSecondAddOfOnePersonIsAlreadyMember() {
        try (Fixture f = new Fixture()) {
            List<Member> people = List.of(Fixture.person(100), Fixture.person(101), Fixture.person(102), Fixture.person(100));
            List<OutcomeKind> kinds = people.stream().map(p -> f.client.addAsync(Fixture.GROUP, p).toCompletableFuture())
                    .toList().stream().map(a -> a.join().kind()).toList();
            assertEquals(3, kinds.stream().filter(k -> k == OutcomeKind.ADDED).count(), kinds::toString);
            assertEquals(1, kinds.stream().filter(k -> k == OutcomeKind.ALREADY_MEMBER).count(), kinds::toString);
        }
    }
}
