package io.groupkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.spi.WatchSource;
import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two watchers share a store: the one that holds the groups keeps them while it lives, even when
 * its listings turn slow and its pace slows down (its leases were asked for three rounds at the
 * old pace; before they were renewed on the slowdown, the other watcher took groups from a live
 * one at each slowdown).
 */
class WatchLeaseTest {
    private static final List<GroupRef> GROUPS = List.of(GroupRef.of("g1"), GroupRef.of("g2"), GroupRef.of("g3"),
            GroupRef.of("g4"));

    @Test
    void aLiveWatcherKeepsItsGroupsWhenItsListingsTurnSlow() {
        VirtualClock clock = VirtualClock.create();
        TimeSource time = steppedBy(clock);
        AtomicReference<Duration> listingTakes = new AtomicReference<>(Duration.ofMillis(1));
        WatchSource source = new SlowSource(time, listingTakes);
        MembershipStore store = MembershipStore.inMemory();
        MembershipWatch a = watch(source, store, "a");
        for (int i = 0; i < 100 && a.held().size() < GROUPS.size(); i++) {
            clock.advance(Duration.ofMillis(10));
        }
        assertEquals(Set.copyOf(GROUPS), a.held(), "a took every group");
        MembershipWatch b = watch(source, store, "b");

        // Listings now take 300 ms, above the 50 ms that says "busy": a's pause doubles listing after
        // listing, from 100 ms to 800 ms, and a round from 0.4 s to over 4 s.
        listingTakes.set(Duration.ofMillis(300));
        for (int i = 0; i < 3_000; i++) {
            clock.advance(Duration.ofMillis(10));
            assertEquals(Set.of(), b.held(), "b takes nothing from a live watcher (at " + clock.elapsed() + ")");
        }
        assertEquals(Set.copyOf(GROUPS), a.held());
        a.close();
        for (int i = 0; i < 3_000 && b.held().size() < GROUPS.size(); i++) {
            clock.advance(Duration.ofMillis(10));
        }
        assertEquals(Set.copyOf(GROUPS), b.held(), "a's groups are b's once a let them go");
        b.close();
    }

    /** The clock, its waits ending only when the test moves it (a watch's pauses and listings interleave). */
    private static TimeSource steppedBy(VirtualClock clock) {
        return new TimeSource() {
            @Override
            public long nanoTime() {
                return clock.nanoTime();
            }

            @Override
            public java.time.Instant now() {
                return clock.now();
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> delay(Duration duration) {
                return clock.alarm(duration);
            }
        };
    }

    private static MembershipWatch watch(WatchSource source, MembershipStore store, String owner) {
        // 4 groups over 400 ms: a listing every 100 ms; the lease is at least three rounds.
        return MembershipWatch.builder(source).groups(GROUPS).store(store).executor(Runnable::run)
                .interval(Duration.ofMillis(400)).lease(Duration.ofMillis(1)).owner(owner).start(e -> { });
    }

    /** Lists one member, taking as long as the test says. */
    private static final class SlowSource implements WatchSource {
        private final TimeSource time;
        private final AtomicReference<Duration> takes;

        SlowSource(TimeSource time, AtomicReference<Duration> takes) {
            this.time = time;
            this.takes = takes;
        }

        @Override
        public String accountKey() {
            return "slow:1";
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.builder().operations(Operation.MEMBERS).memberKinds(io.groupkit.core.MemberKind.USER_ID)
                    .groupRefType(GroupRef.of("g").getClass()).build();
        }

        @Override
        public TimeSource time() {
            return time;
        }

        @Override
        public CompletableFuture<MembersResult> members(GroupRef group) {
            return time.delay(takes.get()).toCompletableFuture().thenApply(v -> new Members(ProviderDetail.of("slow",
                    "OK"), List.of(new GroupMember(Member.userId("1"), MemberRole.MEMBER))));
        }
    }
}
