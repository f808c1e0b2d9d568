package io.groupkit.testkit.fake;

import static io.groupkit.testkit.fake.FakeFixture.TEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.groupkit.core.AddResult;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.core.spi.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Deterministic and thread-safe": many callers at once lose no one and add no one twice. */
class FakeConcurrencyTest {
    private static final int THREADS = 8;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopThePool() {
        pool.shutdownNow();
    }

    /** Runs the tasks on the pool, all released at once; results in task order. */
    private <T> List<T> together(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(10, TimeUnit.SECONDS));   // a bound against a hang, not a wait
        }
        return results;
    }

    @Test
    void concurrentAddsLoseNoOneAndAddNoOneTwice() throws Exception {
        FakeFixture f = new FakeFixture(b -> b, p -> p.prechecks(Prechecks.OFF));
        List<Member> people = IntStream.range(0, 200).mapToObj(FakeFixture::person).toList();
        List<Callable<AddResult>> adds = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (Member m : people) {
                adds.add(() -> f.client.add(TEAM, m));
            }
        }
        List<AddResult> results = together(adds);

        Map<OutcomeKind, Long> kinds = results.stream().collect(Collectors.groupingBy(AddResult::kind, Collectors.counting()));
        assertEquals(Map.of(OutcomeKind.ADDED, 200L, OutcomeKind.ALREADY_MEMBER, 200L), kinds);
        List<Member> members = f.fake.membersOf(TEAM);
        assertEquals(200, members.size());
        assertEquals(new HashSet<>(people), new HashSet<>(members));
        assertEquals(400, f.fake.calls(Operation.ADD).size(), "every call recorded");
    }

    /** Enough calls that an unguarded record loses some even on two cores (a few in 24,000 did). */
    private static final int CALLS_EACH = 4000;

    @Test
    void everyCallIsRecordedWhenManyArriveAtOnce() throws Exception {
        FakeFixture f = new FakeFixture(b -> b, p -> p);
        f.fake.group(TEAM).with(FakeFixture.ANNA);
        List<Callable<Integer>> readers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            readers.add(() -> {
                int listed = 0;
                for (int i = 0; i < CALLS_EACH; i++) {
                    if (f.client.members(TEAM) instanceof Members) {
                        listed++;
                    }
                }
                return listed;
            });
        }
        assertEquals(java.util.Collections.nCopies(THREADS, CALLS_EACH), together(readers));
        assertEquals(THREADS * CALLS_EACH, f.fake.calls().size(), "no call lost from the record");
        assertEquals(THREADS * CALLS_EACH, f.fake.calls(Operation.MEMBERS).size());
    }

    @Test
    void listingsDuringConcurrentAddsNeverShowAnyoneTwice() throws Exception {
        FakeFixture f = new FakeFixture(b -> b, p -> p.prechecks(Prechecks.OFF));
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            Member m = FakeFixture.person(i);
            tasks.add(() -> f.client.add(TEAM, m));
            if (i % 4 == 0) {
                tasks.add(() -> f.client.members(TEAM));
            }
        }
        for (Object r : together(tasks)) {
            if (r instanceof Members listed) {
                List<Member> seen = listed.members().stream().map(GroupMember::member).toList();
                assertEquals(seen.size(), new HashSet<>(seen).size(), "no one listed twice");
            } else {
                assertEquals(OutcomeKind.ADDED, ((AddResult) r).kind());
            }
        }
        assertEquals(160, f.fake.membersOf(TEAM).size());
    }

    @Test
    void eachPersonsFaultIsUsedExactlyOnceUnderConcurrency() throws Exception {
        FakeFixture f = new FakeFixture(b -> b, p -> p.prechecks(Prechecks.OFF));
        List<Member> people = IntStream.range(0, 100).mapToObj(FakeFixture::person).toList();
        people.forEach(m -> f.fake.person(m).failNext(1, FakeFault.unavailable()));
        List<AddResult> results = together(people.stream().<Callable<AddResult>>map(m -> () -> f.client.add(TEAM, m)).toList());

        results.forEach(r -> assertEquals(OutcomeKind.ADDED, r.kind()));
        Map<Member, Long> callsPerPerson = f.fake.calls(Operation.ADD).stream()
                .collect(Collectors.groupingBy(c -> c.members().get(0), Collectors.counting()));
        assertEquals(people.stream().collect(Collectors.toMap(Function.identity(), m -> 2L)), callsPerPerson,
                "one failed call and one retry each");
        assertEquals(100, f.fake.membersOf(TEAM).size());
    }

    @Test
    void operationFaultsAreEachUsedOnceUnderConcurrency() throws Exception {
        // enough attempts that no caller can meet all 50 faults and give up
        FakeFixture f = new FakeFixture(b -> b, p -> p.prechecks(Prechecks.OFF).retry(RetryPolicy.builder().maxAttempts(51).build()));
        f.fake.failNext(Operation.ADD, 50, FakeFault.unavailable());
        List<Member> people = IntStream.range(0, 100).mapToObj(FakeFixture::person).toList();
        List<AddResult> results = together(people.stream().<Callable<AddResult>>map(m -> () -> f.client.add(TEAM, m)).toList());
        results.forEach(r -> assertEquals(OutcomeKind.ADDED, r.kind()));
        assertEquals(150, f.fake.calls(Operation.ADD).size(), "100 adds and the 50 failed calls' retries");
        assertEquals(100, f.fake.membersOf(TEAM).size());
    }

    @Test
    void scriptingFromSeveralThreadsIsSafe() throws Exception {
        FakeFixture f = new FakeFixture(b -> b, p -> p.prechecks(Prechecks.OFF));
        GroupRef shared = GroupRef.of("shared@g.us");
        List<Callable<FakeProvider.Group>> tasks = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            Member m = FakeFixture.person(i);
            tasks.add(() -> {
                f.fake.person(m).privacyRestricted();
                return f.fake.group(shared).with(m);
            });
        }
        List<FakeProvider.Group> groups = together(tasks);
        assertEquals(1, new HashSet<>(groups).size(), "one group, made once");
        assertEquals(80, f.fake.membersOf(shared).size());
        assertInstanceOf(io.groupkit.core.PrivacyRestricted.class, f.client.add(TEAM, FakeFixture.person(79)));
        assertEquals(1, f.fake.calls(Operation.ADD).size());
    }
}
