package io.groupkit.core.internal;

import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.NotFound;
import io.groupkit.core.events.EventPage;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipEventHandler;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;

import io.groupkit.core.spi.Operation;
import io.groupkit.core.spi.WatchSource;
import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running {@link MembershipWatch}: one turn at a time, each turn one group (claim its lease,
 * deliver what is pending, or list it, compare and deliver), with a pause between turns that holds
 * no thread. Turns run on the caller's executor; the listing itself is the client's asynchronous
 * call. {@link ListingComparison} says what changed, {@link Pace} how long to pause, and
 * {@link PushedHints} keeps what the provider pushed until a listing confirms it.
 */
public final class Watcher implements MembershipWatch {
    private static final Logger LOG = LoggerFactory.getLogger("io.groupkit.core.watch");

    private final WatchSource source;
    private final List<GroupRef> groups;
    private final MembershipStore store;
    private final Executor executor;
    private final MembershipEventHandler handler;
    private final WatchListener listener;
    private final String owner;
    private final Duration lease;
    private final TimeSource time;
    private final Pace pace;
    private final PushedHints hints = new PushedHints();
    private final ListingComparison comparison;
    private final boolean pushes;
    private final Set<GroupRef> held = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<GroupRef> due = new ArrayDeque<>(); // guarded by this
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile CompletableFuture<Void> waiting = CompletableFuture.completedFuture(null);
    private volatile @Nullable Thread turnThread;
    private int next; // only the turn in progress touches it
    private long turns;

    /**
     * A watch; {@link #start()} sets it going.
     *
     * @param source what it reads
     * @param groups the groups
     * @param store where it keeps what it saw
     * @param executor where turns run
     * @param handler the caller's handler
     * @param listener the caller's listener
     * @param owner the lease owner
     * @param lease the lease duration asked for
     * @param interval how often each group should be listed
     * @param share the part of the listing limit to use
     */
    public Watcher(WatchSource source, List<GroupRef> groups, MembershipStore store, Executor executor,
                   MembershipEventHandler handler, WatchListener listener, String owner, Duration lease, Duration interval,
                   double share) {
        this.source = source;
        this.groups = List.copyOf(groups);
        this.store = store;
        this.executor = executor;
        this.handler = handler;
        this.listener = listener;
        this.owner = owner;
        this.lease = lease;
        this.time = source.time();
        this.pace = new Pace(interval, groups.size(), share, source.listingLimits());
        this.comparison = new ListingComparison(source);
        this.pushes = source.capabilities().supports(Operation.EVENTS);
        this.next = Math.floorMod(owner.hashCode(), groups.size()); // watchers sharing a store start apart
    }

    /**
     * Sets the first turn going.
     *
     * @return this
     */
    public Watcher start() {
        LOG.info("watching {} groups of {} as {}, a listing every {} at most", groups.size(),
                io.groupkit.core.Redaction.maskDigitRuns(source.accountKey()), owner, pace.pause());
        schedule(Duration.ZERO);
        return this;
    }

    private void schedule(Duration wait) {
        if (closed.get()) {
            stopped.complete(null);
            return;
        }
        CompletableFuture<Void> delay = time.delay(wait).toCompletableFuture();
        waiting = delay;
        if (closed.get()) {
            // close() ran between the check above and this pause: it cancelled the pause before, not this one.
            delay.cancel(false);
        }
        delay.thenComposeAsync(v -> turn(), executor)
                .whenComplete((v, e) -> {
                    if (e != null && !(Stages.unwrap(e) instanceof java.util.concurrent.CancellationException)) {
                        LOG.error("a watch turn failed; the watch goes on", Stages.unwrap(e));
                    }
                    schedule(pace.pause());
                });
    }

    /** One turn, on the executor: the provider's pushed events once a round, then one group. */
    private CompletableFuture<Void> turn() {
        if (closed.get()) {
            return CompletableFuture.completedFuture(null);
        }
        boolean roundStarts = turns++ % groups.size() == 0;
        CompletableFuture<Void> feed = pushes && roundStarts ? readPushed() : CompletableFuture.completedFuture(null);
        return feed.thenCompose(v -> closed.get() ? CompletableFuture.completedFuture(null) : visit(nextGroup()));
    }

    private GroupRef nextGroup() {
        synchronized (this) {
            GroupRef hinted = due.poll();
            if (hinted != null) {
                return hinted;
            }
        }
        GroupRef g = groups.get(next);
        next = (next + 1) % groups.size();
        return g;
    }

    private CompletableFuture<Void> visit(GroupRef group) {
        return onTurn(() -> {
            Optional<Claimed> claimed = claim(group);
            if (claimed.isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            WatchState state = claimed.get().state();
            if (!state.pending().isEmpty()) {
                deliver(group, state, claimed.get().at());
                return CompletableFuture.<Void>completedFuture(null);
            }
            long started = time.nanoTime();
            return source.members(group).thenAcceptAsync(r -> onTurn(() -> {
                compare(group, state, r, Duration.ofNanos(time.nanoTime() - started));
                return null;
            }), executor);
        });
    }

    private record Claimed(WatchState state, long at) {
    }

    private Optional<Claimed> claim(GroupRef group) {
        MembershipStore.Lease l;
        long at = time.nanoTime();
        try {
            l = store.claim(scope(group), owner, time.now(), leaseNow());
        } catch (RuntimeException e) {
            problem(WatchProblem.Kind.STORE_UNAVAILABLE, group, "the store did not answer: " + e, null);
            return Optional.empty();
        }
        if (!l.held()) {
            if (held.remove(group)) {
                tell(w -> w.leaseLost(group));
            }
            return Optional.empty();
        }
        if (held.add(group)) {
            tell(w -> w.leaseTaken(group));
        }
        try {
            return Optional.of(new Claimed(WatchState.decode(l.state(), group), at));
        } catch (RuntimeException e) {
            problem(WatchProblem.Kind.STORE_UNAVAILABLE, group, "the saved state cannot be read: " + e.getMessage(), null);
            return Optional.empty();
        }
    }

    /** The lease asked for: never less than three rounds, so a watcher keeps its groups between visits. */
    private Duration leaseNow() {
        Duration rounds = pace.pause().multipliedBy(3L * groups.size());
        return rounds.compareTo(lease) > 0 ? rounds : lease;
    }

    private void compare(GroupRef group, WatchState state, MembersResult r, Duration took) {
        pace.listed(took, r instanceof Members);
        tell(w -> w.paceChangedIfSo(pace));
        if (!(r instanceof Members listing)) {
            boolean gone = r instanceof NotFound;
            problem(gone ? WatchProblem.Kind.GROUP_GONE : WatchProblem.Kind.LISTING_FAILED, group,
                    gone ? "the provider says the group is not there (or the account is not in it): no event until it lists again"
                            : "the listing failed: no event from it", r);
            return;
        }
        Instant now = time.now();
        ListingComparison.Result result;
        try {
            result = comparison.compare(scope(group), group, state, listing, now, hints, this::invitations);
        } catch (RuntimeException e) {
            problem(WatchProblem.Kind.STORE_UNAVAILABLE, group, "the invitations could not be read: " + e, null);
            return;
        }
        if (result.doubtful()) {
            save(group, result.state());
            problem(WatchProblem.Kind.LISTING_DOUBTFUL, group, "the listing lost " + result.lost() + " of "
                    + state.members().size() + " people at once: held back until the next listing says the same", listing);
            return;
        }
        // Invitations are closed before the events are saved: a crash in between leaves them closed by
        // this event's id, which the comparison recognises when it makes the same event again.
        for (ListingComparison.Close c : result.closes()) {
            try {
                store.joined(c.invitationId(), c.at(), c.eventId());
            } catch (RuntimeException e) {
                problem(WatchProblem.Kind.STORE_UNAVAILABLE, group, "an invitation could not be closed: " + e, null);
                return;
            }
        }
        if (!save(group, result.state())) {
            return;
        }
        int events = result.state().pending().size();
        tell(w -> w.listed(group, listing.members().size(), events, took));
        deliver(group, result.state(), time.nanoTime());
    }

    private List<io.groupkit.core.events.Invitation> invitations(GroupRef group) {
        return store.invitations(source.accountKey(), Optional.of(group.key()));
    }

    /** Hands pending events to the handler one by one, each recorded as delivered once it returned. */
    private void deliver(GroupRef group, WatchState start, long claimedAt) {
        WatchState state = start;
        long renewed = claimedAt;
        while (!state.pending().isEmpty() && !closed.get()) {
            if (time.nanoTime() - renewed > lease.toNanos() / 3) { // a slow handler must not lose the lease
                if (claim(group).isEmpty()) {
                    return;
                }
                renewed = time.nanoTime();
            }
            MembershipEvent event = state.pending().get(0);
            try {
                handler.handle(event);
            } catch (Exception e) {
                problem(WatchProblem.Kind.HANDLER_FAILED, group, "the handler threw " + e.getClass().getName()
                        + " for event " + event.id() + ": it is delivered again at the group's next turn", null);
                LOG.debug("the handler's exception", e);
                return;
            }
            state = state.delivered();
            if (!save(group, state)) {
                return;
            }
            tell(w -> w.delivered(event));
        }
    }

    private boolean save(GroupRef group, WatchState state) {
        boolean saved;
        try {
            saved = store.save(scope(group), owner, time.now(), state.encode());
        } catch (RuntimeException e) {
            problem(WatchProblem.Kind.STORE_UNAVAILABLE, group, "the store did not save: " + e, null);
            return false;
        }
        if (!saved && held.remove(group)) {
            tell(w -> w.leaseLost(group));
        }
        return saved;
    }

    /** Reads the provider's pushed events once a round, by the one watcher that holds the account's feed. */
    private CompletableFuture<Void> readPushed() {
        return onTurn(() -> {
            String scope = source.accountKey() + "#events";
            MembershipStore.Lease l;
            try {
                l = store.claim(scope, owner, time.now(), leaseNow());
            } catch (RuntimeException e) {
                problem(WatchProblem.Kind.STORE_UNAVAILABLE, null, "the store did not answer: " + e, null);
                return CompletableFuture.<Void>completedFuture(null);
            }
            if (!l.held()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            Optional<String> cursor = l.state().filter(s -> !s.isEmpty());
            return source.events(cursor).thenAcceptAsync(r -> onTurn(() -> {
                pushed(scope, r);
                return null;
            }), executor);
        });
    }

    private void pushed(String scope, EventsResult r) {
        if (!(r instanceof EventPage page)) {
            problem(WatchProblem.Kind.FEED_FAILED, null, "the provider's events could not be read; listings go on", r);
            return;
        }
        if (page.gap()) {
            problem(WatchProblem.Kind.FEED_GAP, null, "the provider lost events while the watch was away;"
                    + " listings fill in what changed, without the provider's detail", page);
        }
        Map<String, GroupRef> watched = new LinkedHashMap<>();
        groups.forEach(g -> watched.put(g.key(), g));
        for (MembershipEvent e : page.events()) {
            GroupRef g = watched.get(e.group().key());
            if (g != null) {
                hints.add(g, e, source.identities(e.member()));
                synchronized (this) {
                    if (!due.contains(g)) {
                        due.add(g); // listed next, so the change is delivered sooner than its turn
                    }
                }
            }
        }
        try {
            store.save(scope, owner, time.now(), page.cursor());
        } catch (RuntimeException e) {
            problem(WatchProblem.Kind.STORE_UNAVAILABLE, null, "the events' cursor could not be saved: " + e, null);
        }
    }

    /** Runs part of a turn, remembering its thread so that close() called from the handler does not wait for itself. */
    private <T> T onTurn(java.util.function.Supplier<T> part) {
        turnThread = Thread.currentThread();
        try {
            return part.get();
        } finally {
            turnThread = null;
        }
    }

    private String scope(GroupRef group) {
        return source.accountKey() + "/" + group.key();
    }

    private void problem(WatchProblem.Kind kind, @Nullable GroupRef group, String message,
                         io.groupkit.core.@Nullable Outcome outcome) {
        WatchProblem p = new WatchProblem(kind, Optional.ofNullable(group), message, Optional.ofNullable(outcome));
        LOG.warn("watch: {}", p);
        tell(w -> w.problem(p));
    }

    private void tell(Consumer<Telling> event) {
        try {
            event.accept(new Telling(listener));
        } catch (RuntimeException e) {
            LOG.warn("a watch listener threw; ignored", e);
        }
    }

    /** The listener, and what only the watch can decide to tell it. */
    private static final class Telling {
        private final WatchListener listener;

        Telling(WatchListener listener) {
            this.listener = listener;
        }

        void listed(GroupRef g, int members, int events, Duration took) {
            listener.listed(g, members, events, took);
        }

        void delivered(MembershipEvent e) {
            listener.delivered(e);
        }

        void problem(WatchProblem p) {
            listener.problem(p);
        }

        void leaseTaken(GroupRef g) {
            listener.leaseTaken(g);
        }

        void leaseLost(GroupRef g) {
            listener.leaseLost(g);
        }

        void paceChangedIfSo(Pace pace) {
            pace.changed().ifPresent(listener::paceChanged);
        }
    }

    @Override
    public List<GroupRef> groups() {
        return groups;
    }

    @Override
    public Set<GroupRef> held() {
        return Set.copyOf(held);
    }

    @Override
    public Duration pause() {
        return pace.pause();
    }

    @Override
    public String owner() {
        return owner;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        waiting.cancel(false); // a pause ends now; a turn under way finishes
        if (turnThread != Thread.currentThread()) {
            try {
                stopped.get(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                LOG.warn("the watch's last turn did not end within a minute; its leases are given up anyway");
            }
        }
        for (GroupRef g : held) {
            try {
                store.release(scope(g), owner);
            } catch (RuntimeException e) {
                LOG.warn("a lease could not be given up; it expires by itself: {}", e.toString());
            }
        }
        held.clear();
    }

    @Override
    public String toString() {
        return "MembershipWatch[" + io.groupkit.core.Redaction.maskDigitRuns(source.accountKey()) + ", " + groups.size()
                + " groups, owner " + owner + (closed.get() ? ", closed" : "") + "]";
    }

}
