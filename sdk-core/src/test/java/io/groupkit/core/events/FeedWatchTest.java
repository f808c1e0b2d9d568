package io.groupkit.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.InviteDelivery;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unsupported;
import io.groupkit.core.internal.VirtualClock;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.ForwardingMembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.Harness;
import io.groupkit.core.testing.ScriptedProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch over a provider that keeps each group's own record of changes (a Telegram admin log):
 * every change delivered once, in the record's order, with the record's detail; the record's gaps
 * filled by listings; groups it cannot read followed by listings.
 */
class FeedWatchTest {
    private static final Executor DIRECT = Runnable::run;
    private static final Duration TURN = Duration.ofSeconds(10);
    private static final GroupRef GROUP = Harness.GROUP;

    private final VirtualClock time = VirtualClock.create();
    private final ScriptedProvider fake = ScriptedProvider.builder().time(time).build();
    private final Recorded provider = new Recorded(fake);
    private final GroupMembership client = GroupMembership.create(provider, Policies.builder().time(time)
            .jitter(() -> 0.0).retry(RetryPolicy.builder().initialBackoff(Duration.ofSeconds(1)).build()).build());
    private final List<MembershipEvent> seen = new CopyOnWriteArrayList<>();
    private final List<WatchProblem> problems = new CopyOnWriteArrayList<>();
    private final WatchListener listener = new WatchListener() {
        @Override
        public void problem(WatchProblem problem) {
            problems.add(problem);
        }
    };

    FeedWatchTest() {
        fake.group(GROUP, Harness.person(1), Harness.person(2));
    }

    /** The scripted provider, with a record of changes per group that it can forget, fail or not have. */
    final class Recorded extends ForwardingMembershipProvider {
        private final ScriptedProvider fake;
        private final List<MembershipEvent> record = new ArrayList<>();
        private long forgottenUpTo; // record entries 1..forgottenUpTo are gone (the window passed)
        private boolean unsupported;
        private int failures;
        private Runnable afterHead = () -> { };
        int reads;

        Recorded(ScriptedProvider fake) {
            super(fake);
            this.fake = fake;
        }

        @Override
        public Capabilities capabilities() {
            Capabilities c = fake.capabilities();
            Set<Operation> ops = EnumSet.copyOf(c.operations());
            ops.add(Operation.GROUP_EVENTS);
            return new Capabilities(c.memberKinds(), ops, c.groupRefTypes(), c.maxBatchSize());
        }

        synchronized void joined(Member m, JoinHow how, Optional<String> link) {
            fake.group(GROUP, m);
            String id = "rec-" + (record.size() + 1);
            record.add(new Joined(id, GROUP, m, EventTime.at(time.now()), EventSource.PUSHED, ProviderDetail.of("fake", "JOIN"),
                    how, Optional.empty(), Optional.empty(), link));
        }

        synchronized void left(Member m) {
            fake.leave(GROUP, m);
            record.add(new Left("rec-" + (record.size() + 1), GROUP, m, EventTime.at(time.now()), EventSource.PUSHED,
                    ProviderDetail.of("fake", "LEAVE")));
        }

        @Override
        public synchronized CompletionStage<EventsResult> groupEvents(AttemptContext context, GroupRef group,
                                                                      Optional<String> cursor) {
            reads++;
            ProviderDetail d = ProviderDetail.of("fake", "LOG");
            if (unsupported) {
                return CompletableFuture.completedFuture(new Unsupported(d.withDescription("not an admin")));
            }
            if (failures > 0) {
                failures--;
                return CompletableFuture.completedFuture(new Unavailable(d.withDescription("down")));
            }
            String head = Integer.toString(record.size());
            if (cursor.isEmpty()) {
                Runnable then = afterHead;
                afterHead = () -> { };
                EventPage page = new EventPage(d, List.of(), head, false);
                then.run();
                return CompletableFuture.completedFuture(page);
            }
            int from = Integer.parseInt(cursor.get());
            boolean gap = from < forgottenUpTo;
            List<MembershipEvent> after = record.subList((int) Math.max(from, forgottenUpTo), record.size());
            return CompletableFuture.completedFuture(new EventPage(d, List.copyOf(after), head, gap));
        }
    }

    private MembershipWatch watch(MembershipStore store) {
        return client.watch().groups(GROUP).store(store).executor(DIRECT).interval(TURN).listener(listener)
                .owner("test").start(seen::add);
    }

    private void turns(int n) {
        for (int i = 0; i < n; i++) {
            time.advance(TURN);
        }
    }

    private int listings() {
        return fake.calls(Operation.MEMBERS).size();
    }

    @Test
    void everyChangeOfTheRecordIsDeliveredOnceInOrderEvenThoseAListingWouldMiss() {
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(1);
            assertEquals(List.of(), seen, "the baseline makes no events");
            assertEquals(1, listings(), "one listing for the baseline");
            Member p = Harness.person(7);
            // A join, a leave and a join again between two turns: a listing would show one join at most.
            provider.joined(p, JoinHow.INVITE_LINK, Optional.of("https://t.me/+shared"));
            provider.left(p);
            provider.joined(p, JoinHow.ADDED, Optional.empty());
            provider.left(Harness.person(1));
            turns(3);
            assertEquals(List.of(EventKind.JOINED, EventKind.LEFT, EventKind.JOINED, EventKind.LEFT),
                    seen.stream().map(MembershipEvent::kind).toList());
            assertEquals(List.of("rec-1", "rec-2", "rec-3", "rec-4"), seen.stream().map(MembershipEvent::id).toList());
            Joined first = assertInstanceOf(Joined.class, seen.get(0));
            assertEquals(EventSource.PUSHED, first.source());
            assertTrue(first.time().exact(), "the record's own time");
            assertEquals(Optional.of("https://t.me/+shared"), first.link());
            assertEquals(1, listings(), "a group followed by its record is not listed again");
        }
    }

    @Test
    void aChangeBetweenTheRecordsHeadAndTheBaselineListingIsPartOfTheBaselineNotAnEvent() {
        Member p = Harness.person(8);
        provider.afterHead = () -> provider.joined(p, JoinHow.ADDED, Optional.empty());
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(3);
            assertEquals(List.of(), seen, "the listing already showed them");
            provider.left(p);
            turns(1);
            assertEquals(List.of(EventKind.LEFT), seen.stream().map(MembershipEvent::kind).toList());
        }
    }

    @Test
    void aRecordThatNoLongerReachesBackIsFilledInByAListingAndSaysSo() {
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(1);
            provider.joined(Harness.person(3), JoinHow.ADDED, Optional.empty());
            turns(1);
            assertEquals(1, seen.size());
            // Down past the window: two changes, the record forgets the first.
            provider.joined(Harness.person(4), JoinHow.ADDED, Optional.empty());
            provider.left(Harness.person(2));
            provider.forgottenUpTo = 2;
            turns(1);
            assertTrue(problems.stream().anyMatch(x -> x.kind() == WatchProblem.Kind.FEED_GAP && x.group().isPresent()),
                    problems::toString);
            assertEquals(2, listings(), "one listing fills the gap");
            List<MembershipEvent> gapEvents = seen.subList(1, seen.size());
            assertEquals(Set.of("JOINED " + Harness.person(4), "LEFT " + Harness.person(2)),
                    Set.copyOf(gapEvents.stream().map(e -> e.kind() + " " + e.member()).toList()));
            // The leave was still in the record: the listing's event carries its detail and time.
            assertEquals(EventSource.PUSHED, gapEvents.stream().filter(e -> e.kind() == EventKind.LEFT).findFirst()
                    .orElseThrow().source());
            int before = seen.size();
            provider.joined(Harness.person(5), JoinHow.ADDED, Optional.empty());
            turns(2);
            assertEquals(before + 1, seen.size(), seen::toString);
            assertEquals("rec-4", seen.get(before).id(), "read on from the record after the gap");
            assertEquals(2, listings());
        }
    }

    @Test
    void aGroupWhoseRecordCannotBeReadIsFollowedByListings() {
        provider.unsupported = true;
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(1);
            fake.group(GROUP, Harness.person(6));
            turns(2);
            assertEquals(List.of(EventKind.JOINED), seen.stream().map(MembershipEvent::kind).toList());
            assertEquals(EventSource.OBSERVED, seen.get(0).source());
            assertEquals(1, provider.reads, "asked once; listings from then on");
        }
    }

    @Test
    void aFailedReadMakesNoEventAndTheNextReadCatchesUp() {
        try (MembershipWatch w = watch(MembershipStore.inMemory())) {
            turns(1);
            provider.joined(Harness.person(3), JoinHow.ADDED, Optional.empty());
            provider.failures = 1_000; // whatever the client's retries
            turns(1);
            assertEquals(List.of(), seen);
            assertTrue(problems.stream().anyMatch(x -> x.kind() == WatchProblem.Kind.FEED_FAILED), problems::toString);
            provider.failures = 0;
            turns(3);
            assertEquals(List.of("rec-1"), seen.stream().map(MembershipEvent::id).toList());
            assertEquals(1, listings(), "a failed read is not a gap: no listing");
        }
    }

    @Test
    void aJoinThroughALinkIsExplainedByTheInvitationThatSentItWhoeverFollowedIt() {
        MembershipStore store = MembershipStore.inMemory();
        Instant t = time.now();
        Member alice = Harness.person(20);
        Member bob = Harness.person(21);
        Member carol = Harness.person(22);
        store.record(invitation("i-alice", alice, "https://t.me/+alice", t));
        store.record(invitation("i-bob", bob, "https://t.me/+shared", t));
        store.record(invitation("i-carol", carol, "https://t.me/+shared", t));
        try (MembershipWatch w = watch(store)) {
            turns(1);
            Member friend = Harness.person(30);
            provider.joined(friend, JoinHow.INVITE_LINK, Optional.of("https://t.me/+alice")); // Alice forwarded hers
            provider.joined(carol, JoinHow.INVITE_LINK, Optional.of("https://t.me/+shared"));
            provider.joined(Harness.person(31), JoinHow.INVITE_LINK, Optional.of("https://t.me/+shared"));
            provider.joined(alice, JoinHow.ADDED, Optional.empty());
            turns(2);
            assertEquals(4, seen.size(), seen::toString);
            assertEquals(Optional.of("i-alice"), ((Joined) seen.get(0)).invitation().map(Invitation::id),
                    "a personal link explains whoever used it");
            assertEquals(Optional.of("i-carol"), ((Joined) seen.get(1)).invitation().map(Invitation::id),
                    "a shared link explains the join of the person it was sent to");
            assertEquals(Optional.empty(), ((Joined) seen.get(2)).invitation(), "nor anyone else's");
            assertEquals(Optional.empty(), ((Joined) seen.get(3)).invitation(),
                    "Alice's invitation was used by her friend; her own add is not by invitation");
            List<Invitation> after = store.invitations(provider.accountKey(), Optional.of(GROUP.key()));
            assertEquals(Optional.of("rec-1"), after.stream().filter(i -> i.id().equals("i-alice")).findFirst().orElseThrow()
                    .joinEventId());
        }
    }

    @Test
    void aJoinDatedToTheSecondOfItsInvitationIsExplainedByItAfterNoTime() {
        MembershipStore store = MembershipStore.inMemory();
        Member dora = Harness.person(23);
        try (MembershipWatch w = watch(store)) {
            turns(1);
            time.advance(Duration.ofMillis(600)); // the invitation at …:20.6, the provider's join at …:20
            store.record(invitation("i-dora", dora, "https://t.me/+dora", time.now()));
            fake.group(GROUP, dora);
            provider.record.add(new Joined("rec-1", GROUP, dora, EventTime.at(time.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                    EventSource.PUSHED, ProviderDetail.of("fake", "JOIN"), JoinHow.INVITE_LINK));
            turns(2);
            Joined joined = assertInstanceOf(Joined.class, seen.get(0));
            assertEquals(Optional.of("i-dora"), joined.invitation().map(Invitation::id), "no link named: by the person");
            assertEquals(Optional.of(Duration.ZERO), joined.afterInvitation());
        }
    }

    @Test
    void aRestartedWatcherReadsOnFromTheSavedCursorAndDeliversNothingTwice(@TempDir Path dir) {
        try (MembershipStore store = MembershipStore.directory(dir); MembershipWatch w = watch(store)) {
            turns(1);
            provider.joined(Harness.person(3), JoinHow.ADDED, Optional.empty());
            turns(1);
        }
        provider.joined(Harness.person(4), JoinHow.ADDED, Optional.empty());
        provider.left(Harness.person(3));
        try (MembershipStore store = MembershipStore.directory(dir); MembershipWatch w = watch(store)) {
            turns(3);
        }
        assertEquals(List.of("rec-1", "rec-2", "rec-3"), seen.stream().map(MembershipEvent::id).toList());
        assertEquals(1, listings(), "the restart reads on; no new baseline");
    }

    @Test
    void aHandlerThatThrowsGetsTheSameEventAgainAndTheCursorDoesNotSkipIt() {
        List<String> handled = new CopyOnWriteArrayList<>();
        boolean[] fail = {true};
        try (MembershipWatch w = client.watch().groups(GROUP).store(MembershipStore.inMemory()).executor(DIRECT)
                .interval(TURN).listener(listener).owner("test").start(e -> {
                    handled.add(e.id());
                    if (fail[0]) {
                        fail[0] = false;
                        throw new IllegalStateException("handler down");
                    }
                })) {
            turns(1);
            provider.joined(Harness.person(3), JoinHow.ADDED, Optional.empty());
            provider.joined(Harness.person(4), JoinHow.ADDED, Optional.empty());
            turns(4);
        }
        assertEquals(List.of("rec-1", "rec-1", "rec-2"), handled);
    }

    private Invitation invitation(String id, Member m, String link, Instant at) {
        return new Invitation(id, provider.accountKey(), GROUP.key(), m, link, at, InviteDelivery.SENT, Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
