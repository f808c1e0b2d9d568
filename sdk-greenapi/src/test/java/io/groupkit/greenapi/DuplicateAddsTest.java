package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupkit.core.BulkReport;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;

/**
 * One person twice in a concurrent bulk run: WhatsApp answers the second add with a bare false, and
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
            BulkReport r = f.client.addAll(Fixture.GROUP, people);
            assertEquals(3, r.count(OutcomeKind.ADDED), r.counts()::toString);
            assertEquals(1, r.count(OutcomeKind.ALREADY_MEMBER), r.counts()::toString);
        }
    }
}
