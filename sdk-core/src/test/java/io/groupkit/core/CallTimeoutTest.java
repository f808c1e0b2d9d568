package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.Fault;
import io.groupkit.core.testing.Harness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bound on the whole call (waits and retries included) beside the attempt's, and closing a client. */
class CallTimeoutTest {

    @Test
    void aCallThatOutlivesItsBoundEndsWithoutWaitingForTheRest() {
        Harness h = new Harness(b -> b, p -> p.callTimeout(Duration.ofSeconds(10)).prechecks(Prechecks.OFF));
        // The provider asks for 30 s between attempts: the call's bound comes first.
        h.fake.failNext(Operation.ADD, 5, Fault.rateLimited(Duration.ofSeconds(30)));
        Indeterminate add = assertInstanceOf(Indeterminate.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals("CALL_TIMEOUT", add.detail().code());
        assertTrue(add.detail().description().contains("may still be under way"), add.detail().description());
        h.fake.failNext(Operation.MEMBERS, 5, Fault.rateLimited(Duration.ofSeconds(30)));
        Unavailable read = assertInstanceOf(Unavailable.class, h.client.members(Harness.GROUP));
        assertEquals("CALL_TIMEOUT", read.detail().code(), "a read that ran out of time changed nothing");
    }

    @Test
    void withinItsBoundACallIsUntouched() {
        Harness h = new Harness(b -> b, p -> p.callTimeout(Duration.ofSeconds(10)).prechecks(Prechecks.OFF));
        h.fake.failNext(Operation.ADD, 1, Fault.rateLimited(Duration.ofSeconds(3)));
        assertInstanceOf(Added.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals(Duration.ofSeconds(3), h.time.elapsed());
    }

    @Test
    void byDefaultOnlyTheAttemptsAreBounded() {
        Harness h = new Harness(b -> b, p -> p.prechecks(Prechecks.OFF));
        h.fake.failNext(Operation.ADD, 1, Fault.rateLimited(Duration.ofSeconds(45)));
        assertInstanceOf(Added.class, h.client.add(Harness.GROUP, Harness.person(1)));
    }

    @Test
    void aClosedClientRefusesEveryCall() {
        Harness h = new Harness();
        h.client.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.client.add(Harness.GROUP, Harness.person(1)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> h.client.membersAsync(Harness.GROUP));
        assertThrows(IllegalStateException.class, () -> h.client.addAll(Harness.GROUP, List.of(Harness.person(2))));
        h.client.close();
        assertEquals(0, h.fake.calls().size(), "nothing was sent");
        assertEquals(OutcomeKind.ADDED, new Harness().client.add(Harness.GROUP, Harness.person(3)).kind());
    }
}
