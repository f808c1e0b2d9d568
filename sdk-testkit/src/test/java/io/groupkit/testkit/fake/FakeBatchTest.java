package io.groupkit.testkit.fake;

import static io.groupkit.testkit.fake.FakeFixture.ANNA;
import static io.groupkit.testkit.fake.FakeFixture.BORIS;
import static io.groupkit.testkit.fake.FakeFixture.CLARA;
import static io.groupkit.testkit.fake.FakeFixture.TEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.BulkEntry;
import io.groupkit.core.BulkReport;
import io.groupkit.core.Confirmation;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.spi.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch adds, which the fake declares with {@code batches(size)} and a bulk run then uses. */
class FakeBatchTest {
    private static final Member DAN = FakeFixture.person(4);
    private static final Member EVA = FakeFixture.person(5);

    private static FakeFixture batching(int size) {
        return new FakeFixture(b -> b.batches(size), p -> p.prechecks(Prechecks.OFF));
    }

    private static List<OutcomeKind> kinds(BulkReport report) {
        return report.entries().stream().map(e -> e.outcome().kind()).toList();
    }

    @Test
    void batchesAreDeclaredAndAtLeastTwo() {
        FakeFixture f = batching(3);
        assertTrue(f.client.capabilities().supports(Operation.ADD_BATCH));
        assertEquals(3, f.client.capabilities().maxBatchSize());
        assertThrows(IllegalArgumentException.class, () -> FakeProvider.builder().batches(1));
    }

    @Test
    void aBulkRunSendsBatchesAndEachPersonGetsTheirOwnOutcome() {
        FakeFixture f = batching(3);
        f.fake.group(TEAM).with(BORIS);
        f.fake.person(CLARA).privacyRestricted();
        BulkReport report = f.client.addAll(TEAM, List.of(ANNA, BORIS, CLARA, DAN, EVA));
        assertEquals(List.of(ANNA, BORIS, CLARA, DAN, EVA), report.entries().stream().map(BulkEntry::member).toList());
        assertInstanceOf(Added.class, report.entries().get(0).outcome());
        assertInstanceOf(AlreadyMember.class, report.entries().get(1).outcome());
        assertInstanceOf(PrivacyRestricted.class, report.entries().get(2).outcome());
        assertEquals(List.of(OutcomeKind.ADDED, OutcomeKind.ADDED), kinds(report).subList(3, 5));

        List<FakeCall> batches = f.fake.calls(Operation.ADD_BATCH);
        assertEquals(List.of(List.of(ANNA, BORIS, CLARA), List.of(DAN, EVA)),
                batches.stream().map(FakeCall::members).toList(), "one call per batch, with its people");
        assertEquals(TEAM.key(), batches.get(0).groupKey());
        assertTrue(f.fake.calls(Operation.ADD).isEmpty());
        assertEquals(List.of(BORIS, ANNA, DAN, EVA), f.fake.membersOf(TEAM));
    }

    @Test
    void aFaultOnTheBatchFailsTheWholeRequestWhichIsRetriedWhole() {
        FakeFixture f = batching(3);
        f.fake.failNext(Operation.ADD_BATCH, 1, FakeFault.unavailable());
        BulkReport report = f.client.addAll(TEAM, List.of(ANNA, BORIS, CLARA));
        assertTrue(report.allSucceeded(), report.toString());
        assertEquals(List.of(1, 2), f.attempts(Operation.ADD_BATCH));
        assertEquals(List.of(ANNA, BORIS, CLARA), f.fake.membersOf(TEAM));
    }

    @Test
    void aLostBatchAnswerAfterApplyingIsSettledByOneListing() {
        FakeFixture f = batching(3);
        f.fake.failNext(Operation.ADD_BATCH, 1, FakeFault.answerLostAfterApplying());
        BulkReport report = f.client.addAll(TEAM, List.of(ANNA, BORIS, CLARA));
        for (BulkEntry e : report.entries()) {
            assertEquals(Confirmation.MEMBERSHIP_CHECK, assertInstanceOf(Added.class, e.outcome()).confirmedBy());
        }
        assertEquals(1, f.fake.calls(Operation.ADD_BATCH).size());
        assertEquals(1, f.fake.calls(Operation.MEMBERS).size());
        assertTrue(f.fake.calls(Operation.ADD).isEmpty(), "nothing sent twice");
        assertEquals(List.of(ANNA, BORIS, CLARA), f.fake.membersOf(TEAM));
    }

    @Test
    void aLostBatchAnswerBeforeApplyingSendsEachPersonAgainAlone() {
        FakeFixture f = batching(3);
        f.fake.failNext(Operation.ADD_BATCH, 1, FakeFault.answerLostBeforeApplying());
        BulkReport report = f.client.addAll(TEAM, List.of(ANNA, BORIS, CLARA));
        assertTrue(report.allSucceeded(), report.toString());
        assertEquals(1, f.fake.calls(Operation.MEMBERS).size());
        assertEquals(3, f.fake.calls(Operation.ADD).size());
        assertEquals(List.of(ANNA, BORIS, CLARA), f.fake.membersOf(TEAM));
    }

    @Test
    void faultsOfSingleAddsDoNotReachBatches() {
        FakeFixture f = batching(3);
        f.fake.failNext(Operation.ADD, 1, FakeFault.spamLimited());
        assertTrue(f.client.addAll(TEAM, List.of(ANNA, BORIS)).allSucceeded());
        assertEquals(OutcomeKind.SPAM_LIMITED, f.client.add(TEAM, CLARA).kind(), "still due for the next single add");
    }

    /**
     * "Makes the next adds of this person fail": a batch add of the person is one of their adds.
     * Until this was fixed, the fake skipped a person's faults in batches: the person was added
     * and the fault went to a later, unrelated call.
     */
    @Test
    void aPersonsFaultFailsTheBatchThatCarriesThem() {
        FakeFixture f = batching(3);
        f.fake.person(BORIS).failNext(1, FakeFault.unavailable());
        BulkReport report = f.client.addAll(TEAM, List.of(ANNA, BORIS, CLARA));
        assertTrue(report.allSucceeded(), report.toString());
        assertEquals(List.of(1, 2), f.attempts(Operation.ADD_BATCH), "Boris's add failed once and was retried");
        assertEquals(List.of(ANNA, BORIS, CLARA), f.fake.membersOf(TEAM));

        // used up: Boris's next add is not failed
        f.client.remove(TEAM, BORIS);
        assertInstanceOf(Added.class, f.client.add(TEAM, BORIS));
        assertEquals(List.of(1), f.attempts(Operation.ADD));
    }

    @Test
    void aPersonsLostAnswerInABatchIsSettled() {
        FakeFixture f = batching(3);
        f.fake.person(CLARA).failNext(1, FakeFault.answerLostAfterApplying());
        BulkReport report = f.client.addAll(TEAM, List.of(ANNA, BORIS, CLARA));
        assertTrue(report.allSucceeded(), report.toString());
        assertEquals(1, f.fake.calls(Operation.MEMBERS).size(), "the lost answer was settled by listing");
        assertEquals(1, f.fake.calls(Operation.ADD_BATCH).size());
        assertEquals(List.of(ANNA, BORIS, CLARA), f.fake.membersOf(TEAM));
    }
}
