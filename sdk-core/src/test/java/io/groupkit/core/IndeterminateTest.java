package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.Fault;
import io.groupkit.core.testing.Harness;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndeterminateTest {

    @Test
    void aLostAnswerIsSettledByListingTheGroup() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 1, Fault.answerLostAfterApplying());
        Added r = assertInstanceOf(Added.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertTrue(r.verifiedByMembershipCheck());
        assertEquals("VERIFIED_BY_MEMBERSHIP_CHECK", r.detail().code());
        assertEquals(1, h.fake.calls(Operation.ADD).size(), "never resent");
        assertEquals(List.of(Operation.PRECHECK, Operation.ADD, Operation.MEMBERS),
                h.fake.calls().stream().map(c -> c.operation()).toList());
    }

    @Test
    void aLostAnswerThatDidNothingIsResentAfterTheCheck() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 1, Fault.answerLostBeforeApplying());
        Added r = assertInstanceOf(Added.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertFalse(r.verifiedByMembershipCheck());
        assertEquals(List.of(Operation.PRECHECK, Operation.ADD, Operation.MEMBERS, Operation.ADD),
                h.fake.calls().stream().map(c -> c.operation()).toList());
    }

    @Test
    void withoutAListingALostAnswerStaysIndeterminate() {
        Harness h = new Harness(b -> b.without(Operation.MEMBERS), p -> p);
        h.fake.failNext(Operation.ADD, 1, Fault.answerLostAfterApplying());
        assertInstanceOf(Indeterminate.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals(1, h.fake.calls(Operation.ADD).size(), "not resent blindly");
    }

    @Test
    void aFailedListingLeavesItIndeterminate() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 1, Fault.answerLostAfterApplying());
        h.fake.failNext(Operation.MEMBERS, 10, Fault.unavailable());
        Indeterminate r = assertInstanceOf(Indeterminate.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertFalse(r.retryable());
        assertEquals(1, h.fake.calls(Operation.ADD).size());
    }

    @Test
    void aProviderExceptionIsTreatedAsPossiblySent() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 1, Fault.providerException());
        assertInstanceOf(Added.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals(List.of(Operation.PRECHECK, Operation.ADD, Operation.MEMBERS, Operation.ADD),
                h.fake.calls().stream().map(c -> c.operation()).toList());
    }

    @Test
    void aLostRemovalIsSettledTheSameWay() {
        Harness h = new Harness();
        h.fake.group(Harness.GROUP, Harness.person(1), Harness.person(2));
        h.fake.failNext(Operation.REMOVE, 1, Fault.answerLostAfterApplying());
        Removed r = assertInstanceOf(Removed.class, h.client.remove(Harness.GROUP, Harness.person(1)));
        assertTrue(r.verifiedByMembershipCheck());
        h.fake.failNext(Operation.REMOVE, 1, Fault.answerLostBeforeApplying());
        Removed second = assertInstanceOf(Removed.class, h.client.remove(Harness.GROUP, Harness.person(2)));
        assertFalse(second.verifiedByMembershipCheck());
        assertEquals(3, h.fake.calls(Operation.REMOVE).size());
        assertTrue(h.fake.membersOf(Harness.GROUP).isEmpty());
    }

    @Test
    void whenEveryAnswerIsLostTheLastWordIsNotAdded() {
        Harness h = new Harness();
        h.fake.failNext(Operation.ADD, 10, Fault.answerLostBeforeApplying());
        Unavailable r = assertInstanceOf(Unavailable.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals("NOT_ADDED_VERIFIED", r.detail().code());
        assertTrue(h.fake.membersOf(Harness.GROUP).isEmpty());
    }
}
