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
import java.util.ArrayList;
import java.util.HashMap;
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
    private final FeedReading feedReading;
    private final boolean pushes;
    private final boolean pushesOnly; // pushed events are all there is: no listing can confirm them
    private final boolean feeds;
    private final Set<GroupRef> listOnly = ConcurrentHashMap.newKeySet(); // groups whose record the provider cannot read
    private final Set<GroupRef> held = ConcurrentHashMap.newKeySet();
    private final ArrayDeque<GroupRef> due = new ArrayDeque<>(); // guarded by this
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean feedHeld; // whether this watcher took the account's events lease
    private final Object delivering = new Object();
    private final Set<String> warned = ConcurrentHashMap.newKeySet(); // "KIND|groupKey" warned of since the group last listed
    private volatile CompletableFuture<Void> waiting = CompletableFuture.completedFuture(null);
    private int next; // only the turn in progress touches it
    private volatile long turnStarted;
    private long turns;
    private long roundStartedAt; // only the turn in progress touches it
    private volatile Duration lastRound = Duration.ZERO;

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
        this.feedReading = new FeedReading(source);
        this.pushes = source.capabilities().supports(Operation.EVENTS);
        this.pushesOnly = pushes && !source.capabilities().supports(Operation.MEMBERS);
        this.feeds = source.capabilities().supports(Operation.GROUP_EVENTS);
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
            return;
        }
        // An alarm, not a delay: the pause makes no one wait, so on a virtual clock it never moves
        // time by itself (the watch follows the clock instead of racing it).
        CompletableFuture<Void> delay = time.alarm(wait).toCompletableFuture();
        waiting = delay;
        if (closed.get()) {
            // close() ran between the check above and this pause: it cancelled the pause before, not this one.
            delay.cancel(false);
        }
        delay.thenComposeAsync(v -> {
                    turnStarted = time.nanoTime();
                    return turn();
                }, executor)
                .whenComplete((v, e) -> {
                    Throwable cause = e == null ? null : Stages.unwrap(e);
                    if (cause instanceof java.util.concurrent.RejectedExecutionException) {
                        // The executor was shut down under the watch: nothing can run any more.
                        LOG.error("the executor refused the watch's turn (shut down before the watch was closed?):"
                                + " the watch stops; its leases expire by themselves");
                        closed.set(true);
                    } else if (cause != null && !(cause instanceof java.util.concurrent.CancellationException)) {
                        LOG.error("a watch turn failed; the watch goes on", cause);
                    }
                    schedule(untilNextTurn());
                });
    }

    /**
     * The pause counts from the start of the turn, so that a group is listed every interval
     * whatever the listing took; but at least a quarter of it, so that slow turns do not run back
     * to back (Pace lengthens the pause for them anyway).
     */
    private Duration untilNextTurn() {
        Duration pause = pace.pause();
        Duration left = pause.minusNanos(time.nanoTime() - turnStarted);
        Duration floor = pause.dividedBy(4);
        return left.compareTo(floor) > 0 ? left : floor;
    }

    /** One turn, on the executor: the provider's pushed events once a round, then one group. */
    private CompletableFuture<Void> turn() {
        if (closed.get()) {
            return CompletableFuture.completedFuture(null);
        }
        boolean roundStarts = turns++ % groups.size() == 0;
        if (roundStarts) {
            long now = time.nanoTime();
            if (turns > 1) {
                lastRound = Duration.ofNanos(now - roundStartedAt);
            }
            roundStartedAt = now;
        }
        if (pushesOnly) {
            return readPushedOnly();
        }
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
        Optional<Claimed> claimed = claim(group);
        if (claimed.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        WatchState state = claimed.get().state();
        if (!state.pending().isEmpty()) {
            deliver(group, state, claimed.get().at());
            return CompletableFuture.completedFuture(null);
        }
        if (feeds && !listOnly.contains(group)) {
            return follow(group, state);
        }
        return list(group, state, "");
    }

    /** Lists the group and compares; {@code feedFrom} is the record's cursor to follow from once the listing is accepted. */
    private CompletableFuture<Void> list(GroupRef group, WatchState state, String feedFrom) {
        long started = time.nanoTime();
        return source.members(group).thenAcceptAsync(r -> compare(group, state, r,
                Duration.ofNanos(time.nanoTime() - started), feedFrom), executor);
    }

    /**
     * A group whose own record of changes the provider reads: the record, from where the last read
     * ended; or, to start (or after a gap in the record), the record's newest entry first and then a
     * listing, so that nothing between the two is lost (a change both show is dropped as shown).
     */
    private CompletableFuture<Void> follow(GroupRef group, WatchState state) {
        if (!state.following()) {
            return source.groupEvents(group, Optional.empty()).thenComposeAsync(r -> {
                if (r instanceof EventPage head) {
                    return list(group, state, head.cursor());
                }
                unfollowable(group, r);
                return list(group, state, "");
            }, executor);
        }
        long started = time.nanoTime();
        return source.groupEvents(group, Optional.of(state.feed())).thenComposeAsync(r -> {
            if (r instanceof EventPage page && !page.gap()) {
                read(group, state, page, Duration.ofNanos(time.nanoTime() - started));
                return CompletableFuture.completedFuture(null);
            }
            if (r instanceof EventPage page) {
                problem(WatchProblem.Kind.FEED_GAP, group, "the provider's record of this group no longer reaches back to"
                        + " where the watch stopped (it keeps changes for a limited time): the changes since are found by"
                        + " comparing listings, with the provider's detail only where it still has it", page);
                page.events().forEach(e -> hints.add(group, e, source.identities(e.member())));
                return list(group, state, page.cursor());
            }
            if (unfollowable(group, r)) {
                return list(group, state.withFeed(""), "");
            }
            problem(WatchProblem.Kind.FEED_FAILED, group, "the group's record of changes could not be read: no event"
                    + " from it this turn", r);
            return CompletableFuture.completedFuture(null);
        }, executor);
    }

    /** A group the provider says it cannot follow by its record (not an admin of it): listings from now on. */
    private boolean unfollowable(GroupRef group, io.groupkit.core.Outcome r) {
        if (!(r instanceof io.groupkit.core.Unsupported)) {
            return false;
        }
        if (listOnly.add(group)) {
            LOG.info("watch: group {} is followed by comparing listings: {}", io.groupkit.core.Redaction.maskDigitRuns(group.key()),
                    r.detail().description());
        }
        return true;
    }

    /** A page of the group's record applied, saved with its cursor, and delivered. */
    private void read(GroupRef group, WatchState state, EventPage page, Duration took) {
        FeedReading.Result result;
        try {
            result = feedReading.apply(group, state, page, time.now(), this::invitations);
        } catch (RuntimeException e) {
            problem(WatchProblem.Kind.STORE_UNAVAILABLE, group, "the invitations could not be read: " + e, null);
            return;
        }
        if (!closeAndSave(group, result.closes(), result.state())) {
            return;
        }
        int events = result.state().pending().size();
        recovered(group);
        tell(w -> w.listed(group, result.state().members().size(), events, took));
        deliver(group, result.state(), time.nanoTime());
    }

    private record Claimed(WatchState state, long at) {
    }

    private Optional<Claimed> claim(GroupRef group) {
        if (closed.get()) { // close() gives the leases up: a turn still under way takes none again
            return Optional.empty();
        }
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

    /**
     * The lease asked for: never less than three rounds, so a watcher keeps its groups between visits.
     * A round is the pauses and the turns themselves: on a slow provider or a busy machine the
     * listings, not the pauses, make most of it, so the last round as it was counts too.
     */
    private Duration leaseNow() {
        Duration round = pace.pause().multipliedBy(groups.size());
        Duration rounds = (lastRound.compareTo(round) > 0 ? lastRound : round).multipliedBy(3);
        return rounds.compareTo(lease) > 0 ? rounds : lease;
    }

    /**
     * The pause just grew: the leases held were asked for three rounds at the old pace, and the next
     * visit to each may come after they end (another watcher would take the group while this one
     * lives). Renewed now, for three rounds at the new pace.
     */
    private void renewHeld() {
        for (GroupRef g : held) {
            try {
                if (!store.claim(scope(g), owner, time.now(), leaseNow()).held() && held.remove(g)) {
                    tell(w -> w.leaseLost(g));
                }
            } catch (RuntimeException e) {
                problem(WatchProblem.Kind.STORE_UNAVAILABLE, g, "a lease could not be renewed: " + e, null);
                return;
            }
        }
    }

    private void compare(GroupRef group, WatchState state, MembersResult r, Duration took, String feedFrom) {
        Duration before = pace.pause();
        pace.listed(took, r instanceof Members);
        if (pace.pause().compareTo(before) > 0) {
            renewHeld();
        }
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
        WatchState accepted = result.state().withFeed(feedFrom);
        if (!closeAndSave(group, result.closes(), accepted)) {
            return;
        }
        int events = accepted.pending().size();
        recovered(group);
        tell(w -> w.listed(group, listing.members().size(), events, took));
        deliver(group, accepted, time.nanoTime());
    }

    /**
     * Invitations are closed before the events are saved: a crash in between leaves them closed by
     * the event's id, which the comparison (or the record read again) recognises when it makes the
     * same event again.
     */
    private boolean closeAndSave(GroupRef group, List<ListingComparison.Close> closes, WatchState state) {
        for (ListingComparison.Close c : closes) {
            try {
                store.joined(c.invitationId(), c.at(), c.eventId());
            } catch (RuntimeException e) {
                problem(WatchProblem.Kind.STORE_UNAVAILABLE, group, "an invitation could not be closed: " + e, null);
                return false;
            }
        }
        return save(group, state);
    }

    private List<io.groupkit.core.events.Invitation> invitations(GroupRef group) {
        return store.invitations(source.accountKey(), Optional.of(group.key()));
    }

    /** Hands pending events to the handler one by one, each recorded as delivered once it returned. */
    private void deliver(GroupRef group, WatchState start, long claimedAt) {
        deliverEach(start, claimedAt, () -> claim(group).isPresent(), s -> save(group, s), "the group's next turn");
    }

    /**
     * Hands pending events to the handler one by one, each recorded as delivered ({@code save})
     * once it returned; the lease renewed ({@code renew}) when a slow handler has held it a third
     * of its time. A handler that throws gets the same event again {@code again}.
     */
    private void deliverEach(WatchState start, long claimedAt, java.util.function.BooleanSupplier renew,
                             java.util.function.Predicate<WatchState> save, String again) {
        WatchState state = start;
        long renewed = claimedAt;
        while (!state.pending().isEmpty() && !closed.get()) {
            if (time.nanoTime() - renewed > lease.toNanos() / 3) { // a slow handler must not lose the lease
                if (!renew.getAsBoolean()) {
                    return;
                }
                renewed = time.nanoTime();
            }
            MembershipEvent event = state.pending().get(0);
            // close() waits on this lock for a handler under way and its record, never for a listing.
            synchronized (delivering) {
                if (closed.get()) {
                    return;
                }
                try {
                    handler.handle(event);
                } catch (Exception e) {
                    problem(WatchProblem.Kind.HANDLER_FAILED, event.group(), "the handler threw " + e.getClass().getName()
                            + " for event " + event.id() + ": it is delivered again at " + again, null);
                    LOG.debug("the handler's exception", e);
                    return;
                }
                state = state.delivered();
                if (!save.test(state)) {
                    return;
                }
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
        if (closed.get()) {
            return CompletableFuture.completedFuture(null);
        }
        String scope = source.accountKey() + "#events";
        MembershipStore.Lease l;
        try {
            l = store.claim(scope, owner, time.now(), leaseNow());
        } catch (RuntimeException e) {
            problem(WatchProblem.Kind.STORE_UNAVAILABLE, null, "the store did not answer: " + e, null);
            return CompletableFuture.completedFuture(null);
        }
        if (!l.held()) {
            return CompletableFuture.completedFuture(null);
        }
        feedHeld = true;
        Optional<String> cursor = l.state().filter(s -> !s.isEmpty());
        return source.events(cursor).thenAcceptAsync(r -> pushed(scope, r), executor);
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


    /**
     * A provider that pushes but cannot list (a Telegram bot): its events are delivered as they are,
     * every turn, by the one watcher holding the account's events lease. The cursor and the events
     * not yet delivered are one state, saved before the first is handed over; the provider confirms
     * what it gave only when asked from the saved cursor, so a crash before the save reads the same
     * events again, and one after delivers what is pending (at most the one under way twice).
     */
    private CompletableFuture<Void> readPushedOnly() {
        if (closed.get()) {
            return CompletableFuture.completedFuture(null);
        }
        String scope = source.accountKey() + "#events";
        MembershipStore.Lease l;
        long at = time.nanoTime();
        try {
            l = store.claim(scope, owner, time.now(), leaseNow());
        } catch (RuntimeException e) {
            problem(WatchProblem.Kind.STORE_UNAVAILABLE, null, "the store did not answer: " + e, null);
            return CompletableFuture.completedFuture(null);
        }
        if (!l.held()) {
            if (feedHeld) {
                feedHeld = false;
                groups.forEach(g -> {
                    held.remove(g);
                    tell(w -> w.leaseLost(g));
                });
            }
            return CompletableFuture.completedFuture(null);
        }
        if (!feedHeld) {
            feedHeld = true;
            groups.forEach(g -> {
                held.add(g);
                tell(w -> w.leaseTaken(g));
            });
        }
        WatchState state;
        try {
            state = WatchState.decode(l.state(), groups.get(0), byKey());
        } catch (RuntimeException e) {
            problem(WatchProblem.Kind.STORE_UNAVAILABLE, null, "the saved state cannot be read: " + e.getMessage(), null);
            return CompletableFuture.completedFuture(null);
        }
        if (!state.pending().isEmpty()) {
            deliverPushed(scope, state, at);
            return CompletableFuture.completedFuture(null);
        }
        Optional<String> cursor = state.feed().isEmpty() ? Optional.empty() : Optional.of(state.feed());
        return source.events(cursor).thenAcceptAsync(r -> {
            if (!(r instanceof EventPage page)) {
                problem(WatchProblem.Kind.FEED_FAILED, null, "the provider's events could not be read: none this turn", r);
                return;
            }
            if (page.gap()) {
                problem(WatchProblem.Kind.FEED_GAP, null, "the provider lost events while the watch was away (it keeps"
                        + " them for a limited time) and cannot list its groups: those changes are not known", page);
            }
            Map<String, GroupRef> watched = byKey();
            List<MembershipEvent> mine = page.events().stream().filter(e -> watched.containsKey(e.group().key())).toList();
            List<ListingComparison.Close> closes = new ArrayList<>();
            try {
                mine = explained(mine, watched, closes);
            } catch (RuntimeException e) {
                problem(WatchProblem.Kind.STORE_UNAVAILABLE, null, "the invitations could not be read: " + e, null);
                return;
            }
            WatchState next = new WatchState(state.generation(), time.now(), Map.of(), mine, "", Map.of(), page.cursor());
            // Invitations are closed before the page is saved: read again after a crash, a join finds
            // the invitation it closed by its event id, so it is explained the same way.
            for (ListingComparison.Close c : closes) {
                try {
                    store.joined(c.invitationId(), c.at(), c.eventId());
                } catch (RuntimeException e) {
                    problem(WatchProblem.Kind.STORE_UNAVAILABLE, null, "an invitation could not be closed: " + e, null);
                    return;
                }
            }
            if (!saveScope(scope, next)) {
                return;
            }
            warned.removeIf(k -> k.startsWith(WatchProblem.Kind.FEED_FAILED + "|") || k.startsWith(WatchProblem.Kind.STORE_UNAVAILABLE + "|"));
            deliverPushed(scope, next, time.nanoTime());
        }, executor);
    }

    /**
     * Pushed joins explained by the invitations GroupKit recorded (a personal link names its
     * person), as a group's record explains them; the invitations to close are added to
     * {@code closes}.
     */
    private List<MembershipEvent> explained(List<MembershipEvent> events, Map<String, GroupRef> watched,
                                            List<ListingComparison.Close> closes) {
        Map<String, List<io.groupkit.core.events.Invitation>> open = new HashMap<>();
        List<MembershipEvent> out = new ArrayList<>(events.size());
        for (MembershipEvent e : events) {
            GroupRef g = watched.get(e.group().key());
            if (!(e instanceof io.groupkit.core.events.Joined joined) || joined.invitation().isPresent() || g == null) {
                out.add(e);
                continue;
            }
            List<io.groupkit.core.events.Invitation> known = open.computeIfAbsent(g.key(), k -> invitations(g));
            io.groupkit.core.events.Invitation invitation = ListingComparison.explaining(source, known,
                    source.identities(e.member()), joined.link(), e.id(), e.time().to());
            if (invitation == null) {
                out.add(e);
                continue;
            }
            io.groupkit.core.events.Invitation closed = invitation.joinedAt().isPresent() ? invitation
                    : invitation.joined(e.time().to(), e.id());
            out.add(joined.withInvitation(closed));
            closes.add(new ListingComparison.Close(invitation.id(), e.time().to(), e.id()));
            List<io.groupkit.core.events.Invitation> updated = new ArrayList<>(known.size());
            for (io.groupkit.core.events.Invitation i : known) {
                updated.add(i.id().equals(closed.id()) ? closed : i);
            }
            open.put(g.key(), updated);
        }
        return out;
    }

    private void deliverPushed(String scope, WatchState start, long claimedAt) {
        deliverEach(start, claimedAt, () -> renewScope(scope), s -> saveScope(scope, s), "the next turn");
    }

    private boolean renewScope(String scope) {
        try {
            return store.claim(scope, owner, time.now(), leaseNow()).held();
        } catch (RuntimeException e) {
            problem(WatchProblem.Kind.STORE_UNAVAILABLE, null, "the store did not answer: " + e, null);
            return false;
        }
    }

    private Map<String, GroupRef> byKey() {
        Map<String, GroupRef> watched = new LinkedHashMap<>();
        groups.forEach(g -> watched.put(g.key(), g));
        return watched;
    }

    private boolean saveScope(String scope, WatchState state) {
        try {
            return store.save(scope, owner, time.now(), state.encode(true));
        } catch (RuntimeException e) {
            problem(WatchProblem.Kind.STORE_UNAVAILABLE, null, "the store did not save: " + e, null);
            return false;
        }
    }

    private String scope(GroupRef group) {
        return source.accountKey() + "/" + group.key();
    }

    private void problem(WatchProblem.Kind kind, @Nullable GroupRef group, String message,
                         io.groupkit.core.@Nullable Outcome outcome) {
        WatchProblem p = new WatchProblem(kind, Optional.ofNullable(group), message, Optional.ofNullable(outcome));
        // Once per group and kind until that group lists again: an outage of an hour is one line in
        // the log, not one per pause (the listener is told every time).
        if (warned.add(kind + "|" + (group == null ? "" : group.key()))) {
            LOG.warn("watch: {} (told once until the group lists again)", p);
        } else {
            LOG.debug("watch: {}", p);
        }
        tell(w -> w.problem(p));
    }

    /** A group listed and saved: its problems are over, and the next one is worth a warning again. */
    private void recovered(GroupRef group) {
        String suffix = "|" + group.key();
        if (warned.removeIf(k -> k.endsWith(suffix))) {
            LOG.info("watch: group {} lists again", io.groupkit.core.Redaction.maskDigitRuns(group.key()));
        }
        warned.removeIf(k -> k.startsWith(WatchProblem.Kind.STORE_UNAVAILABLE + "|") || k.startsWith(WatchProblem.Kind.FEED_FAILED + "|"));
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
        waiting.cancel(false); // a pause ends now
        // A handler under way finishes and its event is recorded; no other starts (deliver checks under
        // this lock). A listing under way is not waited for: when it answers, nothing is delivered, and
        // its save fails on the lease given up below. Reentrant: a handler that closes its own watch.
        synchronized (delivering) {
            LOG.debug("watch {} closing: no handler under way", owner);
        }
        for (GroupRef g : held) {
            try {
                store.release(scope(g), owner);
            } catch (RuntimeException e) {
                LOG.warn("a lease could not be given up; it expires by itself: {}", e.toString());
            }
        }
        held.clear();
        // The feed's lease too: a watcher started in its place reads the events at once, not after the lease.
        if (feedHeld) {
            try {
                store.release(source.accountKey() + "#events", owner);
            } catch (RuntimeException e) {
                LOG.warn("the events' lease could not be given up; it expires by itself: {}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "MembershipWatch[" + io.groupkit.core.Redaction.maskDigitRuns(source.accountKey()) + ", " + groups.size()
                + " groups, owner " + owner + (closed.get() ? ", closed" : "") + "]";
    }

}
