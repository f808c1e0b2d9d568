package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.Fault;
import io.groupkit.core.testing.ScriptedProvider;
import io.groupkit.core.testing.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ClientTest {

    @Test
    void aNumberWithoutAnAccountIsNeverSent() {
        Harness h = new Harness();
        h.fake.refuse(Harness.person(1), OutcomeKind.NOT_REGISTERED);
        assertInstanceOf(NotRegistered.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals(0, h.fake.calls(Operation.ADD).size());
    }

    @Test
    void aPrecheckThatFailsOnceIsTriedAgain() {
        Harness h = new Harness();
        h.fake.failNext(Operation.PRECHECK, 1, Fault.unavailable());
        assertInstanceOf(io.groupkit.core.Added.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals(2, h.fake.calls(Operation.PRECHECK).size());
    }

    @Test
    void aPrecheckThatCannotRunStopsTheAdd() {
        Harness h = new Harness();
        h.fake.failNext(Operation.PRECHECK, 10, Fault.unavailable());
        Unavailable r = assertInstanceOf(Unavailable.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals("PRECHECK_FAILED", r.detail().code());
        assertEquals(0, h.fake.calls(Operation.ADD).size());
    }

    @Test
    void prechecksCanBeTurnedOff() {
        Harness h = new Harness(b -> b, p -> p.prechecks(Prechecks.OFF));
        h.fake.refuse(Harness.person(1), OutcomeKind.NOT_REGISTERED);
        assertInstanceOf(NotRegistered.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertEquals(0, h.fake.calls(Operation.PRECHECK).size());
        assertEquals(1, h.fake.calls(Operation.ADD).size());
    }

    @Test
    void undeclaredKindsAndRefsAreTheCallersBug() {
        ScriptedProvider phonesOnly = ScriptedProvider.builder().memberKinds(MemberKind.PHONE).build();
        GroupMembership client = GroupMembership.create(phonesOnly);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.add(GroupRef.of("g"), Member.username("someone")));
        assertEquals("fake takes members of kind [PHONE], got USERNAME", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.addAsync(GroupRef.of("g"), Member.userId(5)));
        IllegalArgumentException inBulk = assertThrows(IllegalArgumentException.class,
                () -> client.addAll(GroupRef.of("g"), List.of(Member.phone("+79000000001"), Member.userId(5))));
        // In a bulk of thousands the message says which entry.
        assertEquals("members[1] of 2: fake takes members of kind [PHONE], got USER_ID", inBulk.getMessage());
        assertEquals(0, phonesOnly.calls().size(), "nothing was sent");
    }

    @Test
    void aNullPersonInABulkListIsRejectedBeforeAnythingIsSent() {
        Harness h = new Harness();
        List<Member> people = new ArrayList<>();
        people.add(Harness.person(1));
        people.add(null);
        assertThrows(NullPointerException.class, () -> h.client.addAll(Harness.GROUP, people));
        assertEquals(0, h.fake.calls().size());
    }

    @Test
    void concurrentCallersFromManyThreadsAllGetTheirOutcome() throws Exception {
        ScriptedProvider fake = ScriptedProvider.builder().build();
        fake.group(GroupRef.of("g"));
        GroupMembership client = GroupMembership.create(fake, Policies.builder().prechecks(Prechecks.OFF).build());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<AddResult>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Member m = Harness.person(i % 200);
                futures.add(CompletableFuture.supplyAsync(() -> client.add(GroupRef.of("g"), m), pool));
            }
            List<AddResult> results = futures.stream().map(CompletableFuture::join).toList();
            assertEquals(200, results.stream().filter(r -> r.kind() == OutcomeKind.ADDED).count());
            assertEquals(200, results.stream().filter(r -> r.kind() == OutcomeKind.ALREADY_MEMBER).count());
            assertEquals(200, fake.membersOf(GroupRef.of("g")).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void asyncBulkRunsOnTheCallersExecutor() {
        Harness h = new Harness();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            var report = h.client.addAllAsync(Harness.GROUP, List.of(Harness.person(1), Harness.person(2)),
                    io.groupkit.core.BulkOptions.defaults(), pool).join();
            assertTrue(report.allSucceeded());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theClientDescribesItselfWithoutState() {
        Harness h = new Harness();
        assertTrue(h.client.toString().startsWith("GroupMembership[fake, Policies["), h.client.toString());
        assertEquals("fake", h.client.provider());
    }
}
