package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.MembershipCheck;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.Fault;
import io.groupkit.core.testing.Harness;
import io.groupkit.core.testing.HeldClock;
import io.groupkit.core.testing.ScriptedProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the listener is told: every call, attempt, wait, retry, settlement, fallback and bulk run, in order. */
class ListenerTest {

    /** Writes each event as one line, such as "attemptEnded ADD 1 UNAVAILABLE". */
    private static final class Recorder implements GroupKitListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Call> calls = new CopyOnWriteArrayList<>();

        @Override
        public void callStarted(Call call) {
            calls.add(call);
            events.add("callStarted " + call.operation());
        }

        @Override
        public void callEnded(Call call, Outcome outcome, Duration took) {
            events.add("callEnded " + call.operation() + " " + outcome.kind());
        }

        @Override
        public void callDropped(Call call) {
            events.add("callDropped " + call.operation());
        }

        @Override
        public void attemptStarted(Call call, int attempt) {
            events.add("attemptStarted " + call.operation() + " " + attempt);
        }

        @Override
        public void attemptEnded(Call call, int attempt, Outcome outcome, Duration took) {
            events.add("attemptEnded " + call.operation() + " " + attempt + " " + outcome.kind());
        }

        @Override
        public void waited(Call call, String limit, Duration wait) {
            events.add("waited " + call.operation() + " " + limit + " " + wait.toMillis() + "ms");
        }

        @Override
        public void retried(Call call, int nextAttempt, Outcome because, Duration after) {
            events.add("retried " + call.operation() + " " + nextAttempt + " " + because.kind() + " " + after.toMillis() + "ms");
        }

        @Override
        public void settled(Call call, Outcome lost, MembershipCheck found, Outcome settled) {
            events.add("settled " + call.operation() + " " + lost.kind() + " " + found + " " + settled.kind());
        }

        @Override
        public void fallback(Call call, LinkFallback refusal) {
            events.add("fallback " + call.operation() + " " + refusal.kind() + " sent=" + refusal.inviteSent());
        }

        @Override
        public void bulkProgress(String provider, BulkProgress progress) {
            events.add("bulkProgress " + progress.done() + "/" + progress.total());
        }

        @Override
        public void bulkEnded(String provider, BulkReport report) {
            events.add("bulkEnded " + report.entries().size() + " " + report.notAttempted().size());
        }
    }

    private final Recorder recorder = new Recorder();

    @Test
    void aRetriedAddTellsEachAttemptTheWaitAndTheRetry() {
        Harness h = new Harness(b -> b.rateLimit(Operation.ADD, RateLimit.perSecond("adds", 1)),
                p -> p.listener(recorder).prechecks(Prechecks.OFF));
        h.client.add(Harness.GROUP, Harness.person(1));
        recorder.events.clear();
        h.fake.failNext(Operation.ADD, 1, Fault.unavailable());
        assertInstanceOf(Added.class, h.client.add(Harness.GROUP, Harness.person(2)));
        assertEquals(List.of("callStarted ADD", "waited ADD adds 1000ms", "attemptStarted ADD 1", "attemptEnded ADD 1 UNAVAILABLE",
                "retried ADD 2 UNAVAILABLE 1000ms", "attemptStarted ADD 2", "attemptEnded ADD 2 ADDED", "callEnded ADD ADDED"),
                recorder.events);
        assertEquals("fake", recorder.calls.get(recorder.calls.size() - 1).provider());
    }

    @Test
    void aLostAnswerIsToldAsSettled() {
        Harness h = new Harness(b -> b, p -> p.listener(recorder).prechecks(Prechecks.OFF));
        h.fake.failNext(Operation.ADD, 1, Fault.answerLostAfterApplying());
        Added a = assertInstanceOf(Added.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertTrue(a.verifiedByMembershipCheck());
        assertTrue(recorder.events.contains("settled ADD INDETERMINATE PRESENT ADDED"), recorder.events::toString);
        assertTrue(recorder.events.contains("attemptEnded MEMBERS 1 MEMBERS"), "the settling listing's attempts are told too");
        assertEquals(1, recorder.events.stream().filter(e -> e.startsWith("callStarted")).count(),
                "the listing is part of the add, not a call of the caller's");
    }

    @Test
    void anInviteLinkFallbackIsTold() {
        Harness h = new Harness(b -> b, p -> p.listener(recorder).inviteFallback(InviteFallback.ATTACH_AND_SEND));
        h.fake.refuse(Harness.person(1), OutcomeKind.PRIVACY_RESTRICTED);
        assertInstanceOf(PrivacyRestricted.class, h.client.add(Harness.GROUP, Harness.person(1)));
        assertTrue(recorder.events.contains("fallback ADD PRIVACY_RESTRICTED sent=true"), recorder.events::toString);
        assertEquals("callEnded ADD PRIVACY_RESTRICTED", recorder.events.get(recorder.events.size() - 1));
    }

    @Test
    void aBulkRunTellsEachPersonItsProgressAndItsEnd() {
        Harness h = new Harness(b -> b, p -> p.listener(recorder));
        List<Member> people = IntStream.range(0, 3).mapToObj(Harness::person).toList();
        h.client.addAll(Harness.GROUP, people, BulkOptions.defaults().concurrency(1));
        assertEquals(3, recorder.events.stream().filter(e -> e.equals("callEnded ADD ADDED")).count());
        assertEquals(List.of("bulkProgress 1/3", "bulkProgress 2/3", "bulkProgress 3/3", "bulkEnded 3 0"),
                recorder.events.stream().filter(e -> e.startsWith("bulk")).toList());
    }

    @Test
    void aBatchTellsEachPersonAsACall() {
        Harness h = new Harness(b -> b.batches(10), p -> p.listener(recorder));
        List<Member> people = IntStream.range(0, 4).mapToObj(Harness::person).toList();
        h.client.addAll(Harness.GROUP, people);
        assertEquals(4, recorder.events.stream().filter(e -> e.equals("callStarted ADD")).count());
        assertEquals(4, recorder.events.stream().filter(e -> e.equals("callEnded ADD ADDED")).count());
    }

    @Test
    void aCallOfACancelledRunThatWasNeverSentIsDropped() throws Exception {
        // Pacing waits that only end when the run is halted: the second and third adds are started
        // and wait for their permits when the run is cancelled.
        HeldClock held = new HeldClock();
        ScriptedProvider fake = ScriptedProvider.builder().time(held)
                .rateLimit(Operation.ADD, RateLimit.of("slow", 1, Duration.ofHours(1))).build();
        fake.group(Harness.GROUP);
        io.groupkit.core.GroupMembership client = io.groupkit.core.GroupMembership.create(fake, io.groupkit.core.Policies
                .builder().time(held).listener(recorder).prechecks(Prechecks.OFF)
                .rateLimiter(new io.groupkit.core.policy.TokenBucketRateLimiter()).build());
        Cancellation token = new Cancellation();
        List<Member> people = IntStream.range(0, 3).mapToObj(Harness::person).toList();
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.CompletableFuture<BulkReport> run = client.addAllAsync(Harness.GROUP, people,
                    BulkOptions.defaults().concurrency(3).cancellation(token), caller);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (recorder.events.stream().filter(e -> e.equals("callStarted ADD")).count() < 3) {
                assertTrue(System.nanoTime() < deadline, recorder.events::toString);
                Thread.sleep(5);
            }
            token.cancel();
            BulkReport r = run.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(1, r.entries().size());
            assertEquals(2, recorder.events.stream().filter(e -> e.equals("callDropped ADD")).count(), recorder.events::toString);
            assertEquals("bulkEnded 1 2", recorder.events.get(recorder.events.size() - 1));
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aListenerThatThrowsNeverChangesACall() {
        GroupKitListener broken = new GroupKitListener() {
            @Override
            public void callStarted(Call call) {
                throw new IllegalStateException("broken listener");
            }

            @Override
            public void attemptEnded(Call call, int attempt, Outcome outcome, Duration took) {
                throw new AssertionError("broken listener");
            }
        };
        Harness h = new Harness(b -> b, p -> p.listener(broken));
        assertEquals(OutcomeKind.ADDED, h.client.add(Harness.GROUP, Harness.person(1)).kind());
        assertEquals(OutcomeKind.ADDED, h.client.addAll(Harness.GROUP, List.of(Harness.person(2))).entries().get(0).outcome().kind());
        assertEquals(OutcomeKind.MEMBERS, h.client.members(Harness.GROUP).kind());
    }
}
