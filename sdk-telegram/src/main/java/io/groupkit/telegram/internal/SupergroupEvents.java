package io.groupkit.telegram.internal;

import io.groupkit.core.EventsResult;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.JoinRequestsResult;
import io.groupkit.core.Outcome;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import io.groupkit.core.events.EventPage;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.TlException;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.internal.AdminLogTl.Entry;
import io.groupkit.telegram.internal.Requests.Peer;
import io.groupkit.telegram.internal.TelegramAnswers.Called;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A supergroup's membership changes from its admin log ({@code channels.getAdminLog}, the record
 * Telegram keeps for its admins), and its new join requests from the pending ones
 * ({@code messages.getChatInviteImporters}: the log has no entry for a request made).
 *
 * <p>A read goes down from the log's newest entry to the cursor's, 100 entries a call (the log
 * answers newest first), and answers them oldest first. Telegram keeps the log for 48 hours
 * (TDLib documents its wrapper so): a cursor read longer ago than {@link #WINDOW} may have lost
 * changes, and the page says so with {@code gap}; an entry this layer cannot read, or more
 * entries than one read takes, do too. Nothing is made up for what could not be read: the watch
 * compares listings.
 */
final class SupergroupEvents {
    /**
     * How long after a read the log surely still holds every later change: Telegram's 48 hours,
     * less an hour for the server's pruning and the two clocks (a gap reported early costs one
     * listing; one missed loses changes).
     */
    static final Duration WINDOW = Duration.ofHours(47);
    /** The most log calls one read makes (10,000 entries): beyond, the listing is cheaper. */
    static final int MAX_CALLS = 100;
    /** The most pages of pending join requests one read looks through for new ones. */
    static final int MAX_REQUEST_PAGES = 5;

    /** One call to Telegram: the connection's (a test's scripted answers). */
    interface Calls {
        RpcAnswer call(byte[] body);
    }

    /** One page of a group's pending join requests ({@link TelegramJoinRequests#list}). */
    interface PendingRequests {
        JoinRequestsResult list(TelegramGroup group, JoinRequestsPage page);
    }

    private final Calls connection;
    private final TimeSource time;
    private final AccessHashes accessHashes;
    private final PendingRequests joinRequests;

    SupergroupEvents(Calls connection, TimeSource time, AccessHashes accessHashes, PendingRequests joinRequests) {
        this.connection = connection;
        this.time = time;
        this.accessHashes = accessHashes;
        this.joinRequests = joinRequests;
    }

    /** Blocking: runs on the provider's executor. */
    EventsResult read(TelegramGroup.Supergroup group, Optional<String> cursor) {
        Optional<SupergroupCursor> from = cursor.map(SupergroupCursor::parse); // a foreign cursor is the caller's bug
        Peer channel = new Peer(group.channelId(), group.accessHash());
        Instant now = time.now();
        if (from.isEmpty()) {
            return start(group, channel, now);
        }
        SupergroupCursor c = from.get();
        Down down = new Down();
        EventsResult failed = down.read(channel, c.lastEntry());
        if (failed != null) {
            return failed;
        }
        List<MembershipEvent> events = new ArrayList<>();
        down.entries.sort(Comparator.comparingLong(Entry::id));
        for (Entry e : down.entries) {
            AdminLogEvents.event(group, e).ifPresent(events::add);
        }
        NewJoinRequests requests = NewJoinRequests.read(joinRequests, group, c, MAX_REQUEST_PAGES);
        if (requests.failure != null) {
            return requests.failure;
        }
        events.addAll(requests.events);
        // Oldest first; the log's own order where the seconds are equal (the sort is stable).
        events.sort(Comparator.comparing(ev -> ev.time().from()));
        long head = Math.max(c.lastEntry(), down.newest);
        SupergroupCursor next = new SupergroupCursor(head, now.getEpochSecond(), requests.date, requests.ids);
        String why = gap(c, now, down);
        String said = down.entries.size() + " admin-log entries and " + requests.events.size() + " new join requests"
                + requests.note;
        return new EventPage(TelegramProvider.detail(why == null ? "ADMIN_LOG" : "ADMIN_LOG_GAP",
                why == null ? said : said + "; " + why), events, next.text(), why != null);
    }

    /** Why the page may miss changes since the cursor, or null when it holds them all. */
    private static @Nullable String gap(SupergroupCursor c, Instant now, Down down) {
        Duration since = Duration.between(Instant.ofEpochSecond(c.readAt()), now);
        if (since.compareTo(WINDOW) > 0) {
            return "the last read was " + since.toHours() + " h ago, and Telegram keeps a supergroup's admin log for 48 h:"
                    + " changes in between may be gone, so the listing is compared instead";
        }
        if (down.unreadable != null) {
            return "an entry this version cannot read (" + down.unreadable + ") was left out, so the listing is"
                    + " compared instead";
        }
        if (down.stalled) {
            return "the admin log answered entries it had answered already instead of older ones, so the listing is"
                    + " compared instead";
        }
        if (down.tooMany) {
            return "more than " + MAX_CALLS * AdminLogTl.MAX_LIMIT + " entries since the last read: the listing is"
                    + " compared instead";
        }
        return null;
    }

    /** No cursor: the log's newest entry and the newest pending request, and no events. */
    private EventsResult start(TelegramGroup.Supergroup group, Peer channel, Instant now) {
        RpcAnswer answer = connection.call(AdminLogTl.getAdminLog(channel, 0, 0, 1));
        if (!(answer instanceof RpcAnswer.Result result)) {
            return outcome(answer);
        }
        AdminLogTl.Page page;
        try {
            page = AdminLogTl.read(result.body());
        } catch (TlException e) {
            return new Unrecognized(TelegramProvider.detail("UNREADABLE_RESULT", Exceptions.message(e)));
        }
        long head = page.entries().isEmpty() ? 0 : page.entries().get(0).id();
        NewJoinRequests requests = NewJoinRequests.read(joinRequests, group,
                new SupergroupCursor(head, now.getEpochSecond(), 0, Set.of()), 1);
        if (requests.failure != null) {
            return requests.failure;
        }
        // The pending requests are the baseline too: only those made after now are events.
        return new EventPage(TelegramProvider.detail("ADMIN_LOG_HEAD", "following the supergroup from admin-log entry "
                + head + requests.note), List.of(), new SupergroupCursor(head, now.getEpochSecond(), requests.date,
                requests.ids).text(), false);
    }

    /** A read down the log, newest first, to the cursor's entry. */
    private final class Down {
        final List<Entry> entries = new ArrayList<>();
        final Set<Long> seen = new HashSet<>();
        long newest;
        @Nullable String unreadable;
        boolean tooMany;
        boolean stalled;

        /** Reads; null when done, else the failure (nothing is delivered, the cursor stays). */
        @Nullable EventsResult read(Peer channel, long after) {
            long maxId = 0;
            for (int call = 0; ; call++) {
                if (call == MAX_CALLS) {
                    tooMany = true;
                    return null;
                }
                RpcAnswer answer = connection.call(AdminLogTl.getAdminLog(channel, maxId, after, AdminLogTl.MAX_LIMIT));
                if (!(answer instanceof RpcAnswer.Result result)) {
                    return outcome(answer);
                }
                AdminLogTl.Page page;
                try {
                    page = AdminLogTl.read(result.body());
                } catch (TlException e) {
                    return new Unrecognized(TelegramProvider.detail("UNREADABLE_RESULT", Exceptions.message(e)));
                }
                accessHashes.putAll(page.accessHashes());
                long lowest = Long.MAX_VALUE;
                int fresh = 0;
                for (Entry e : page.entries()) {
                    lowest = Math.min(lowest, e.id());
                    // Whether min_id and max_id are exclusive is not documented: what was seen is dropped here.
                    if (e.id() <= after || !seen.add(e.id())) {
                        continue;
                    }
                    fresh++;
                    newest = Math.max(newest, e.id());
                    if (e.action() == null) {
                        unreadable = e.unreadable();
                    } else {
                        entries.add(e);
                    }
                }
                boolean more = page.cut() || page.answered() >= AdminLogTl.MAX_LIMIT;
                if (!more || lowest <= after) {
                    return null;
                }
                if (fresh == 0) {
                    stalled = true; // a full page of entries seen already: the log does not page on
                    return null;
                }
                maxId = lowest; // a cut page goes on below its unreadable entry
            }
        }
    }

    /**
     * What an answer other than a result means here: not an admin is {@link Unsupported} (the
     * watch compares listings for this group); the rest as Telegram's answers always mean.
     *
     * @param answer an error or a failure
     * @return the outcome
     */
    static EventsResult outcome(RpcAnswer answer) {
        if (answer instanceof RpcAnswer.Error e && e.message().equals("CHAT_ADMIN_REQUIRED")) {
            return new Unsupported(ProviderDetail.of(TelegramAnswers.PROVIDER, e.message()).withStatus(e.code())
                    .withDescription("the account is not an admin of this supergroup, and Telegram shows its admin log"
                            + " to admins only: its membership is followed by comparing listings instead")
                    .withRemedy("Make the account an admin of the supergroup (any right) to follow it exactly."));
        }
        Outcome o = TelegramAnswers.outcome(answer, Called.OTHER_METHOD, Effect.SAFE_TO_REPEAT);
        return TelegramAnswers.as(o, EventsResult.class);
    }
}
