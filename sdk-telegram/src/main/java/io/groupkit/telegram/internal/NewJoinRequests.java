package io.groupkit.telegram.internal;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.EventsResult;
import io.groupkit.core.JoinRequest;
import io.groupkit.core.JoinRequests;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.JoinRequestsResult;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.EventTime;
import io.groupkit.core.events.JoinRequested;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.telegram.TelegramGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The join requests made to a supergroup since a cursor: the admin log has no entry for a request
 * made (only for its approval), so the pending ones are listed ({@code
 * messages.getChatInviteImporters}, newest first) and those newer than the cursor's newest are
 * new — after its date, or at its date and not among the requesters it names.
 */
final class NewJoinRequests {
    final List<MembershipEvent> events = new ArrayList<>();
    /** The cursor's request part: the newest date seen, the requesters at that date. */
    long date;
    Set<Long> ids = Set.of();
    /** Said in the page's detail. */
    String note = "";
    /** Why the requests could not be read; the read fails with it (nothing is delivered, the cursor stays). */
    @Nullable EventsResult failure;

    private NewJoinRequests() {
    }

    /**
     * Reads the new requests.
     *
     * @param pending one page of the group's pending requests
     * @param group the supergroup
     * @param c where the last read ended
     * @param pages the most pages to look through
     * @return the new requests, the cursor's next request part, or the failure
     */
    static NewJoinRequests read(SupergroupEvents.PendingRequests pending, TelegramGroup.Supergroup group,
                                SupergroupCursor c, int pages) {
        NewJoinRequests out = new NewJoinRequests();
        out.date = c.requestDate();
        out.ids = c.requestIds();
        List<JoinRequest> fresh = new ArrayList<>();
        long newestDate = c.requestDate();
        Set<Long> atNewest = new HashSet<>(c.requestIds());
        JoinRequestsPage page = JoinRequestsPage.first().limit(JoinRequestsPage.MAX_LIMIT);
        for (int i = 0; i < pages; i++) {
            JoinRequestsResult r = pending.list(group, page);
            if (r instanceof AccessDenied) {
                // The account may read the log but not manage invites: requests stay unseen, the log is still exact.
                out.note = "; the account may not see join requests";
                return out;
            }
            if (!(r instanceof JoinRequests listed)) {
                out.failure = TelegramAnswers.as(r, EventsResult.class);
                return out;
            }
            boolean older = false;
            for (JoinRequest q : listed.requests()) {
                long date = q.requestedAt().getEpochSecond();
                long user = Long.parseLong(q.member().value());
                if (date < c.requestDate() || date == c.requestDate() && c.requestIds().contains(user)) {
                    older = true; // newest first: the pages after this one hold only older requests
                    continue;
                }
                fresh.add(q);
                if (date > newestDate) {
                    newestDate = date;
                    atNewest.clear();
                }
                if (date == newestDate) {
                    atNewest.add(user);
                }
            }
            if (older || listed.next().isEmpty()) {
                break;
            }
            page = JoinRequestsPage.after(listed.next().get()).limit(JoinRequestsPage.MAX_LIMIT);
        }
        out.date = newestDate;
        out.ids = SupergroupCursor.bounded(atNewest);
        for (JoinRequest q : fresh) {
            Instant at = q.requestedAt();
            out.events.add(new JoinRequested("tg-request:" + group.channelId() + ":" + q.member().value() + ":"
                    + at.getEpochSecond(), group, q.member(), EventTime.at(at), EventSource.PUSHED,
                    TelegramProvider.detail("JOIN_REQUEST", "a pending join request")));
        }
        return out;
    }
}
