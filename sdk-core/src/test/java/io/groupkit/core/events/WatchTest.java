package io.groupkit.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.testing.Fault;
import io.groupkit.core.testing.Harness;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.policy.RateLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watch over a scripted provider on virtual time: what it reports, once, and what it never makes up. */
class WatchTest {
    private static final Executor DIRECT = Runnable::run;
    private static final Duration TURN = Duration.ofSeconds(10);

    private final Harness h = new Harness();
    private final List<MembershipEvent> seen = new CopyOnWriteArrayList<>();
    private final List<WatchProblem> problems = new CopyOnWriteArrayList<>();
    private final WatchListener listener = new WatchListener() {
        @Override
        public void problem(WatchProblem problem) {
            problems.add(problem);
        }
    };

    private MembershipWatch watch(MembershipStore store) {
        return h.client.watch().groups(Harness.GROUP).store(store).executor(DIRECT).interval(TURN).listener(listener)
                .owner("test").start(seen::add);
    }

    private void turns(int n) {
        for (int i = 0; i < n; i++) {
            h.time.advance(TURN);
        }
    }

    @Test
    void theFirstListingIsTheBaselineThenEachJoinAndLeaveIsReportedOnce() {
        h.fake.group(Harness.GROUP, Harness.person(1), Harness.person(2));
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(1);
            assertEquals(List.of(), seen, "people already there are the baseline, not joins");
            h.fake.group(Harness.GROUP, Harness.person(3));
            h.fake.leave(Harness.GROUP, Harness.person(2));
            turns(5);
            assertEquals(2, seen.size(), seen::toString);
            Joined joined = assertInstanceOf(Joined.class, seen.get(0));
            assertEquals(Harness.person(3), joined.member());
            assertEquals(JoinHow.UNKNOWN, joined.how());
            assertEquals(EventSource.OBSERVED, joined.source());
            assertFalse(joined.time().exact(), "an observed change happened between two listings");
            assertFalse(joined.byInvitation());
            Left left = assertInstanceOf(Left.class, seen.get(1));
            assertEquals(Harness.person(2), left.member());
            assertTrue(w.held().contains(Harness.GROUP));
        }
    }

    @Test
    void aPersonWhoLeavesAndComesBackIsTwoJoinsWithTheirOwnIds() {
        h.fake.group(Harness.GROUP, Harness.person(1));
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(1);
            h.fake.group(Harness.GROUP, Harness.person(5));
            turns(1);
            h.fake.leave(Harness.GROUP, Harness.person(5));
            turns(1);
            h.fake.group(Harness.GROUP, Harness.person(5));
            turns(1);
            assertEquals(List.of(EventKind.JOINED, EventKind.LEFT, EventKind.JOINED), seen.stream().map(MembershipEvent::kind).toList());
            assertEquals(3, seen.stream().map(MembershipEvent::id).distinct().count());
        }
    }

    @Test
    void roleChangesArePromotionsAndDemotions() {
        Member p = Harness.person(1);
        h.fake.group(Harness.GROUP, p);
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(1);
            h.fake.role(Harness.GROUP, p, MemberRole.ADMIN);
            turns(1);
            h.fake.role(Harness.GROUP, p, MemberRole.MEMBER);
            turns(1);
            assertEquals(MemberRole.ADMIN, assertInstanceOf(Promoted.class, seen.get(0)).role());
            assertEquals(MemberRole.MEMBER, assertInstanceOf(Demoted.class, seen.get(1)).role());
            assertEquals(2, seen.size());
        }
    }

    @Test
    void aFailedListingMakesNoEventAndIsReported() {
        h.fake.group(Harness.GROUP, Harness.person(1), Harness.person(2));
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(1);
            h.fake.failNext(Operation.MEMBERS, 100, Fault.unauthorized());
            turns(3);
            assertEquals(List.of(), seen, "a failed listing says nothing about who left");
            assertTrue(problems.stream().anyMatch(p -> p.kind() == WatchProblem.Kind.LISTING_FAILED), problems::toString);
        }
    }

    @Test
    void aGroupThatDisappearsIsReportedAndMakesNoLeaves() {
        h.fake.group(Harness.GROUP, Harness.person(1));
        GroupRef other = GroupRef.of("gone@g.us");
        try (MembershipWatch w = h.client.watch().groups(other).executor(DIRECT).interval(TURN).listener(listener)
                .start(seen::add)) {
            turns(2);
            assertEquals(List.of(), seen);
            assertTrue(problems.stream().anyMatch(p -> p.kind() == WatchProblem.Kind.GROUP_GONE), problems::toString);
        }
    }

    @Test
    void aListingThatLosesMostPeopleAtOnceWaitsForTheNextToConfirmIt() {
        for (int i = 1; i <= 6; i++) {
            h.fake.group(Harness.GROUP, Harness.person(i));
        }
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(1);
            for (int i = 1; i <= 4; i++) {
                h.fake.leave(Harness.GROUP, Harness.person(i));
            }
            turns(1);
            assertEquals(List.of(), seen, "held back: a listing cut short looks exactly like this");
            assertTrue(problems.stream().anyMatch(p -> p.kind() == WatchProblem.Kind.LISTING_DOUBTFUL));
            turns(1);
            assertEquals(4, seen.stream().filter(e -> e instanceof Left).count(), seen::toString);
        }
    }

    @Test
    void aDoubtfulListingThatTheNextDoesNotConfirmMakesNoEvent() {
        for (int i = 1; i <= 6; i++) {
            h.fake.group(Harness.GROUP, Harness.person(i));
        }
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(1);
            for (int i = 1; i <= 4; i++) {
                h.fake.leave(Harness.GROUP, Harness.person(i));
            }
            turns(1);
            for (int i = 1; i <= 4; i++) { // the cut-short listing was the provider's mistake
                h.fake.group(Harness.GROUP, Harness.person(i));
            }
            turns(3);
            assertEquals(List.of(), seen);
        }
    }

    @Test
    void anEmptyListingAfterAFullOneIsDoubtfulEvenForASmallGroup() {
        h.fake.group(Harness.GROUP, Harness.person(1));
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(1);
            h.fake.leave(Harness.GROUP, Harness.person(1));
            turns(1);
            assertEquals(List.of(), seen);
            turns(1);
            assertInstanceOf(Left.class, seen.get(0));
        }
    }

    @Test
    void aHandlerThatThrowsGetsTheSameEventAgainAndNothingAfterItMeanwhile() {
        h.fake.group(Harness.GROUP, Harness.person(1));
        List<String> ids = new ArrayList<>();
        int[] failures = {2};
        try (MembershipWatch w = h.client.watch().groups(Harness.GROUP).executor(DIRECT).interval(TURN).listener(listener)
                .start(e -> {
                    ids.add(e.id());
                    if (failures[0]-- > 0) {
                        throw new IllegalStateException("the application's database is down");
                    }
                })) {
            turns(1);
            h.fake.group(Harness.GROUP, Harness.person(2), Harness.person(3));
            turns(4);
            assertEquals(4, ids.size(), ids::toString); // the first twice refused, then both
            assertEquals(ids.get(0), ids.get(1));
            assertEquals(ids.get(0), ids.get(2));
            assertEquals(2, new HashSet<>(ids).size());
            assertEquals(2, problems.stream().filter(p -> p.kind() == WatchProblem.Kind.HANDLER_FAILED).count());
        }
    }

    @Test
    void aRestartedWatchResumesFromItsDirectoryWithoutRepeatingWhatWasDelivered(@TempDir Path dir) {
        h.fake.group(Harness.GROUP, Harness.person(1));
        List<String> delivered = new ArrayList<>();
        boolean[] crash = {false};
        MembershipStore store = MembershipStore.directory(dir);
        MembershipWatch first = h.client.watch().groups(Harness.GROUP).store(store).executor(DIRECT).interval(TURN)
                .owner("same").start(e -> {
                    if (crash[0]) {
                        throw new IllegalStateException("killed");
                    }
                    delivered.add(e.id());
                    crash[0] = true; // the process dies after the first of the two
                });
        turns(1);
        h.fake.group(Harness.GROUP, Harness.person(2), Harness.person(3));
        turns(1);
        first.close();
        store.close();
        assertEquals(1, delivered.size());

        MembershipStore reopened = MembershipStore.directory(dir);
        try (MembershipWatch second = h.client.watch().groups(Harness.GROUP).store(reopened).executor(DIRECT).interval(TURN)
                .owner("same").start(e -> delivered.add(e.id()))) {
            turns(3);
        } finally {
            reopened.close();
        }
        assertEquals(2, delivered.size(), delivered::toString);
        assertEquals(2, new HashSet<>(delivered).size(), "nothing delivered twice");
    }

    @Test
    void twoWatchersOfOneStoreListAGroupOnceAndTheSecondTakesOverWhenTheFirstCloses() {
        h.fake.group(Harness.GROUP, Harness.person(1));
        MembershipStore store = MembershipStore.inMemory();
        List<MembershipEvent> a = new ArrayList<>();
        List<MembershipEvent> b = new ArrayList<>();
        MembershipWatch wa = h.client.watch().groups(Harness.GROUP).store(store).executor(DIRECT).interval(TURN).owner("a")
                .start(a::add);
        turns(1);
        MembershipWatch wb = h.client.watch().groups(Harness.GROUP).store(store).executor(DIRECT).interval(TURN).owner("b")
                .start(b::add);
        int before = h.fake.calls(Operation.MEMBERS).size();
        turns(5);
        assertEquals(5, h.fake.calls(Operation.MEMBERS).size() - before, "one listing per turn, not one per watcher");
        h.fake.group(Harness.GROUP, Harness.person(2));
        turns(1);
        assertEquals(Set.of(Harness.GROUP), wa.held());
        assertEquals(Set.of(), wb.held());
        wa.close();
        h.fake.group(Harness.GROUP, Harness.person(3));
        turns(2);
        wb.close();
        assertEquals(1, a.size());
        assertEquals(1, b.size(), "the second watcher took the group over at once, from where the first left it");
        assertEquals(Harness.person(3), b.get(0).member());
    }

    @Test
    void aStoreThatIsDownDeliversNothingUntilItAnswers() {
        h.fake.group(Harness.GROUP, Harness.person(1));
        FlakyStore store = new FlakyStore();
        try (MembershipWatch w = watch(store)) {
            turns(1);
            store.down = true;
            h.fake.group(Harness.GROUP, Harness.person(2));
            turns(3);
            assertEquals(List.of(), seen);
            assertTrue(problems.stream().anyMatch(p -> p.kind() == WatchProblem.Kind.STORE_UNAVAILABLE));
            store.down = false;
            turns(2);
            assertEquals(1, seen.size());
        }
    }

    @Test
    void theWatchLeavesTheListingBudgetForEveryoneElse() {
        Harness limited = new Harness(b -> b.rateLimit(Operation.MEMBERS, RateLimit.perSecond("members", 1)), p -> p);
        limited.fake.group(Harness.GROUP);
        List<GroupRef> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(GroupRef.of("g" + i + "@g.us"));
            limited.fake.group(many.get(i));
        }
        try (MembershipWatch w = limited.client.watch().groups(many).executor(DIRECT).interval(Duration.ofSeconds(10))
                .start(e -> { })) {
            assertEquals(Duration.ofSeconds(2), w.pause(), "half of one listing a second, not 10 s / 50 groups");
        }
        try (MembershipWatch w = limited.client.watch().groups(Harness.GROUP).executor(DIRECT).interval(Duration.ofSeconds(30))
                .start(e -> { })) {
            assertEquals(Duration.ofSeconds(30), w.pause(), "one group: its interval");
        }
    }

    @Test
    void aJoinAfterTheFallbackSentTheLinkIsAJoinByInvitationWithHowLongItTook() {
        MembershipStore store = MembershipStore.inMemory();
        Harness inv = new Harness(b -> b, p -> p.inviteFallback(io.groupkit.core.policy.InviteFallback.ATTACH_AND_SEND)
                .invitations(store));
        Member refused = Harness.person(7);
        Member other = Harness.person(8);
        inv.fake.group(Harness.GROUP, Harness.person(1)).refuse(refused, io.groupkit.core.OutcomeKind.PRIVACY_RESTRICTED);
        io.groupkit.core.AddResult r = inv.client.add(Harness.GROUP, refused);
        assertTrue(r instanceof io.groupkit.core.LinkFallback lf && lf.inviteSent(), r::toString);
        inv.client.add(Harness.GROUP, refused); // a second refusal with the same link is the same invitation
        assertEquals(1, inv.client.invitations(store).toGroup(Harness.GROUP).size());

        try (MembershipWatch w = inv.client.watch().groups(Harness.GROUP).store(store).executor(DIRECT).interval(TURN)
                .start(seen::add)) {
            inv.time.advance(TURN);
            inv.fake.group(Harness.GROUP, refused, other);
            inv.time.advance(TURN);
        }
        Joined byLink = (Joined) seen.stream().filter(e -> e.member().equals(refused)).findFirst().orElseThrow();
        assertTrue(byLink.byInvitation());
        assertEquals(JoinHow.INVITE_LINK, byLink.how());
        assertEquals(java.util.Optional.of(Duration.ofSeconds(20)), byLink.afterInvitation(),
                "invited at 0 s, seen at the listing 20 s later");
        Joined unexplained = (Joined) seen.stream().filter(e -> e.member().equals(other)).findFirst().orElseThrow();
        assertFalse(unexplained.byInvitation());
        List<Invitation> invitations = inv.client.invitations(store).ofPerson(refused);
        assertEquals(InvitationState.JOINED, invitations.get(0).state(inv.time.now()));
        assertEquals(byLink.id(), invitations.get(0).joinEventId().orElseThrow());
        assertEquals(java.util.Map.of(InvitationState.PENDING, 0, InvitationState.JOINED, 1, InvitationState.EXPIRED, 0),
                Invitations.count(inv.client.invitations(store).toGroup(Harness.GROUP), inv.time.now()));
    }

    @Test
    void callersBugsThrowWithAMessage() {
        MembershipWatch.Builder b = h.client.watch();
        assertThrows(IllegalStateException.class, () -> b.executor(DIRECT).start(e -> { }));
        assertThrows(IllegalStateException.class, () -> h.client.watch().groups(Harness.GROUP).start(e -> { }));
        assertThrows(IllegalArgumentException.class, () -> b.share(0));
        assertThrows(IllegalArgumentException.class, () -> b.interval(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> b.groups((GroupRef) null));
    }

    @Test
    void closingStopsListingAndGivesTheLeaseUp() {
        h.fake.group(Harness.GROUP, Harness.person(1));
        MembershipStore store = MembershipStore.inMemory();
        MembershipWatch w = watch(store);
        turns(1);
        w.close();
        int listings = h.fake.calls(Operation.MEMBERS).size();
        turns(3);
        assertEquals(listings, h.fake.calls(Operation.MEMBERS).size());
        assertTrue(store.claim(h.client.accountKey() + "/" + Harness.GROUP.key(), "other", h.time.now(), TURN).held());
        w.close();
    }

    @Test
    void anExecutorShutDownUnderTheWatchStopsItInsteadOfSpinning() {
        h.fake.group(Harness.GROUP, Harness.person(1));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        pool.shutdown();
        MembershipWatch w = h.client.watch().groups(Harness.GROUP).executor(pool).interval(TURN).start(seen::add);
        int listings = h.fake.calls(Operation.MEMBERS).size();
        turns(3);
        assertEquals(listings, h.fake.calls(Operation.MEMBERS).size());
        w.close(); // returns at once: the watch had stopped
        assertEquals(List.of(), seen);
    }

    @Test
    void aHandlerThatClosesItsOwnWatchEndsItAfterThatEvent() {
        h.fake.group(Harness.GROUP, Harness.person(1));
        MembershipWatch[] self = new MembershipWatch[1];
        self[0] = h.client.watch().groups(Harness.GROUP).executor(DIRECT).interval(TURN).start(e -> {
            seen.add(e);
            self[0].close(); // same thread, inside the delivery: must not wait for itself
        });
        turns(1);
        h.fake.group(Harness.GROUP, Harness.person(2), Harness.person(3));
        turns(3);
        assertEquals(1, seen.size(), "the second change is never delivered after close");
        assertEquals(Set.of(), self[0].held());
    }

    @Test
    void closeWaitsForAHandlerUnderWayOnAnotherThread() throws Exception {
        h.fake.group(Harness.GROUP, Harness.person(1));
        java.util.concurrent.CountDownLatch inHandler = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean handlerDone = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.CountDownLatch baseline = new java.util.concurrent.CountDownLatch(1);
            MembershipWatch w = h.client.watch().groups(Harness.GROUP).executor(pool).interval(TURN)
                    .listener(new WatchListener() {
                        @Override
                        public void listed(GroupRef group, int members, int events, Duration took) {
                            baseline.countDown();
                        }
                    }).start(e -> {
                        inHandler.countDown();
                        release.await();
                        handlerDone.set(true);
                    });
            baseline.await(); // the baseline listing was compared and saved: a change now is a change
            h.fake.group(Harness.GROUP, Harness.person(2));
            // The watch sets its next alarm on the pool's thread, maybe after this thread moved the
            // clock: move it again until the turn that delivers has come.
            while (!inHandler.await(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                h.time.advance(TURN);
            }
            Thread closer = new Thread(w::close);
            closer.start();
            release.countDown();
            closer.join();
            assertTrue(handlerDone.get(), "close returned only after the handler under way did");
        } finally {
            pool.shutdownNow();
        }
    }

    /** A store that can be taken down. */
    private static final class FlakyStore extends io.groupkit.core.internal.MemoryMembershipStore {
        volatile boolean down;

        private void check() {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
        }

        @Override
        public synchronized Lease claim(String scope, String owner, java.time.Instant now, Duration lease) {
            check();
            return super.claim(scope, owner, now, lease);
        }

        @Override
        public synchronized boolean save(String scope, String owner, java.time.Instant now, String state) {
            check();
            return super.save(scope, owner, now, state);
        }
    }
}
