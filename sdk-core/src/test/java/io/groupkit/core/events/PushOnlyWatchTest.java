package io.groupkit.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.ProviderDetail;
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
 * A watch over a provider that pushes events but cannot list members (a Telegram bot): its events
 * are all there is, so they are delivered as they are, once, from a cursor saved with them.
 */
class PushOnlyWatchTest {
    private static final Executor DIRECT = Runnable::run;
    private static final Duration TURN = Duration.ofSeconds(1);
    private static final GroupRef GROUP = Harness.GROUP;
    private static final GroupRef OTHER = GroupRef.of("other@g.us");

    private final VirtualClock time = VirtualClock.create();
    private final Pushing provider = new Pushing(ScriptedProvider.builder().time(time).without(Operation.MEMBERS).build());
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

    /** Pushes what the test scripts; a cursor is the index of the next event; it can forget the oldest. */
    final class Pushing extends ForwardingMembershipProvider {
        private final List<MembershipEvent> queue = new ArrayList<>();
        private int forgotten;
        final List<Optional<String>> reads = new CopyOnWriteArrayList<>();

        Pushing(ScriptedProvider fake) {
            super(fake);
        }

        @Override
        public Capabilities capabilities() {
            Capabilities c = super.capabilities();
            Set<Operation> ops = EnumSet.copyOf(c.operations());
            ops.add(Operation.EVENTS);
            return new Capabilities(c.memberKinds(), ops, c.groupRefTypes(), c.maxBatchSize(),
                    Set.of(EventKind.JOINED, EventKind.LEFT));
        }

        synchronized void joined(GroupRef g, Member m) {
            queue.add(new Joined("push-" + (queue.size() + 1), g, m, EventTime.at(time.now()), EventSource.PUSHED,
                    ProviderDetail.of("fake", "CHAT_MEMBER"), JoinHow.INVITE_LINK, Optional.empty(), Optional.empty(),
                    Optional.of("https://t.me/+x")));
        }

        synchronized void left(GroupRef g, Member m) {
            queue.add(new Left("push-" + (queue.size() + 1), g, m, EventTime.at(time.now()), EventSource.PUSHED,
                    ProviderDetail.of("fake", "CHAT_MEMBER")));
        }

        @Override
        public synchronized CompletionStage<EventsResult> events(AttemptContext context, Optional<String> cursor) {
            reads.add(cursor);
            ProviderDetail d = ProviderDetail.of("fake", "UPDATES");
            if (cursor.isEmpty()) {
                return CompletableFuture.completedFuture(new EventPage(d, List.of(), Integer.toString(queue.size()), false));
            }
            int from = Integer.parseInt(cursor.get());
            int start = Math.max(from, forgotten);
            return CompletableFuture.completedFuture(new EventPage(d, List.copyOf(queue.subList(start, queue.size())),
                    Integer.toString(queue.size()), from < forgotten));
        }
    }

    private MembershipWatch watch(MembershipStore store, String owner, List<MembershipEvent> into) {
        return client.watch().groups(GROUP).store(store).executor(DIRECT).interval(TURN).listener(listener)
                .owner(owner).start(into::add);
    }

    private void turns(int n) {
        for (int i = 0; i < n; i++) {
            time.advance(TURN);
        }
    }

    @Test
    void pushedEventsAreDeliveredAsTheyAreOnceInOrderFromNow() {
        provider.joined(GROUP, Harness.person(1)); // before the watch: not reported
        try (MembershipWatch w = watch(MembershipStore.inMemory(), "a", seen)) {
            turns(2);
            provider.joined(GROUP, Harness.person(2));
            provider.joined(OTHER, Harness.person(3)); // a group not watched
            provider.left(GROUP, Harness.person(2));
            turns(3);
            assertEquals(List.of("push-2", "push-4"), seen.stream().map(MembershipEvent::id).toList());
            assertEquals(Optional.of("https://t.me/+x"), ((Joined) seen.get(0)).link());
            assertTrue(w.held().contains(GROUP));
            assertEquals(List.of(), problems);
        }
    }

    @Test
    void aRestartReadsOnFromTheSavedCursor(@TempDir Path dir) {
        try (MembershipStore store = MembershipStore.directory(dir); MembershipWatch w = watch(store, "a", seen)) {
            turns(2);
            provider.joined(GROUP, Harness.person(2));
            turns(2);
        }
        provider.joined(GROUP, Harness.person(3));
        provider.left(GROUP, Harness.person(2));
        try (MembershipStore store = MembershipStore.directory(dir); MembershipWatch w = watch(store, "a", seen)) {
            turns(3);
        }
        assertEquals(List.of("push-1", "push-2", "push-3"), seen.stream().map(MembershipEvent::id).toList());
    }

    @Test
    void aHandlerThatThrowsGetsTheSameEventAgainAndNoReadSkipsIt() {
        List<String> handled = new CopyOnWriteArrayList<>();
        boolean[] fail = {true};
        try (MembershipWatch w = client.watch().groups(GROUP).store(MembershipStore.inMemory()).executor(DIRECT)
                .interval(TURN).listener(listener).owner("a").start(e -> {
                    handled.add(e.id());
                    if (fail[0]) {
                        fail[0] = false;
                        throw new IllegalStateException("down");
                    }
                })) {
            turns(2);
            provider.joined(GROUP, Harness.person(2));
            provider.joined(GROUP, Harness.person(3));
            turns(4);
        }
        assertEquals(List.of("push-1", "push-1", "push-2"), handled);
    }

    @Test
    void aWatchOnANewStoreStartsFromNow() {
        try (MembershipWatch w = watch(MembershipStore.inMemory(), "a", seen)) {
            turns(2);
            w.close();
            provider.joined(GROUP, Harness.person(2));
            provider.joined(GROUP, Harness.person(3));
            provider.forgotten = 1;
        }
        try (MembershipWatch w = watch(MembershipStore.inMemory(), "b", seen)) {
            turns(1);
        }
        assertTrue(seen.isEmpty(), "a new store starts from now");
    }

    @Test
    void aGapIsReported(@TempDir Path dir) {
        try (MembershipStore store = MembershipStore.directory(dir); MembershipWatch w = watch(store, "a", seen)) {
            turns(2);
        }
        provider.joined(GROUP, Harness.person(2));
        provider.joined(GROUP, Harness.person(3));
        provider.forgotten = 1;
        try (MembershipStore store = MembershipStore.directory(dir); MembershipWatch w = watch(store, "a", seen)) {
            turns(2);
        }
        assertTrue(problems.stream().anyMatch(p -> p.kind() == WatchProblem.Kind.FEED_GAP), problems::toString);
        assertEquals(List.of("push-2"), seen.stream().map(MembershipEvent::id).toList());
    }

    @Test
    void twoWatchersSharingAStoreReadTheEventsOneAtATimeAndDeliverEachOnce() {
        MembershipStore store = MembershipStore.inMemory();
        List<MembershipEvent> other = new CopyOnWriteArrayList<>();
        try (MembershipWatch a = watch(store, "a", seen); MembershipWatch b = watch(store, "b", other)) {
            turns(2);
            for (int i = 1; i <= 20; i++) {
                provider.joined(GROUP, Harness.person(i));
                turns(1);
            }
            turns(2);
            assertTrue(a.held().isEmpty() || b.held().isEmpty(), "one holds the events");
        }
        List<String> all = new ArrayList<>();
        seen.forEach(e -> all.add(e.id()));
        other.forEach(e -> all.add(e.id()));
        assertEquals(20, all.size(), all::toString);
        assertEquals(20, all.stream().distinct().count());
        assertTrue(seen.isEmpty() || other.isEmpty(), "one watcher read them all");
    }

    @Test
    void aPushedJoinThroughAPersonalLinkIsExplainedByItsInvitationOnceEvenWhenReadAgain() {
        MembershipStore store = MembershipStore.inMemory();
        java.time.Instant sent = time.now();
        store.record(new Invitation("inv-1", provider.accountKey(), GROUP.key(), Harness.person(7), "https://t.me/+x", sent,
                io.groupkit.core.InviteDelivery.NOT_SENT, Optional.empty(), Optional.empty(), Optional.empty()));
        try (MembershipWatch w = watch(store, "a", seen)) {
            turns(2);
            provider.joined(GROUP, Harness.person(8)); // through the same link, by someone else: still the invitation's
            turns(3);
        }
        Joined j = (Joined) seen.get(0);
        assertEquals("inv-1", j.invitation().orElseThrow().id());
        Invitation closed = store.invitations(provider.accountKey(), Optional.of(GROUP.key())).get(0);
        assertEquals(Optional.of("push-1"), closed.joinEventId());
        assertEquals(1, seen.size());
    }
}
