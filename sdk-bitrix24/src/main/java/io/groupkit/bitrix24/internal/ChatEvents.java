package io.groupkit.bitrix24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.RateLimited;
import io.groupkit.core.events.EventPage;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.EventTime;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The messenger events of the user behind the webhook or app, polled: {@code im.v2.Event.subscribe}
 * once (nothing is recorded without it; it is idempotent), then {@code im.v2.Event.get} with the
 * offset of the last read, which also confirms (removes) what was read before it. Of the events, only
 * {@code ONIMV2JOINCHAT} ("a participant was added to the chat") is a membership event; no event
 * exists for a leave.
 *
 * <p>The cursor is {@code <offset>@<epoch second>}: the offset to pass next, and the date of the
 * oldest event that may still be unread (the read's own time when nothing was left unread). The
 * portal keeps events 24 hours: a cursor older than that may have lost events, a gap.
 */
final class ChatEvents {
    static final String SUBSCRIBE = "im.v2.Event.subscribe";
    static final String GET = "im.v2.Event.get";
    static final String JOIN = "ONIMV2JOINCHAT";
    /** im.v2.Event.get's largest page: the user's other events (messages) come in the same queue. */
    static final int PAGE = 1000;
    /** Chat types (the docs' {@code chat.type}) a person can join with nobody adding them. */
    private static final java.util.Set<String> SELF_JOINABLE = java.util.Set.of("open", "openChannel", "generalChannel");
    /** How long the portal keeps recorded events. */
    static final Duration RETENTION = Duration.ofHours(24);

    private final BitrixTransport transport;
    private final BitrixAnswers answers;
    private final TimeBudgets budgets;
    private final CrmChats crmChats;
    private final TimeSource time;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    ChatEvents(BitrixTransport transport, BitrixAnswers answers, TimeBudgets budgets, CrmChats crmChats, TimeSource time) {
        this.transport = transport;
        this.answers = answers;
        this.budgets = budgets;
        this.crmChats = crmChats;
        this.time = time;
    }

    /** Where a read starts, read from a saved cursor. */
    private record Cursor(long offset, Instant oldestUnread) {
        /** Seconds of the latest date a cursor may name (year 5138): a larger one is not a cursor of ours. */
        private static final long LATEST = 100_000_000_000L;

        static Optional<Cursor> parse(String text) {
            int at = text.indexOf('@');
            try {
                long offset = Long.parseLong(text.substring(0, Math.max(0, at)));
                long seconds = Long.parseLong(text.substring(at + 1));
                if (offset < 0 || seconds < 0 || seconds > LATEST) {
                    return Optional.empty();
                }
                return Optional.of(new Cursor(offset, Instant.ofEpochSecond(seconds)));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                return Optional.empty();
            }
        }

        String text() {
            return offset + "@" + oldestUnread.getEpochSecond();
        }
    }

    /** One read: subscribes first if this process has not yet, then one page after the cursor. */
    CompletionStage<EventsResult> read(PortalPermits permits, Optional<String> cursor) {
        Optional<Cursor> from = cursor.flatMap(Cursor::parse);
        Instant now = time.now();
        // A saved cursor that cannot be read, or one older than the portal keeps events: some may be lost.
        boolean gap = cursor.isPresent() && (from.isEmpty() || now.isAfter(from.get().oldestUnread().plus(RETENTION)));
        if (gap) {
            subscribed.set(false); // after so long the subscription itself may have been dropped: renewing it is harmless
        }
        CompletionStage<Optional<EventsResult>> ready = subscribed.get() ? CompletableFuture.completedStage(Optional.empty())
                : send(SUBSCRIBE, Map.of(), permits).thenApply(read -> {
                    if (read instanceof BitrixAnswers.Result r && r.result().asBoolean(false)) {
                        subscribed.set(true);
                        return Optional.empty();
                    }
                    return Optional.of(failure(read, SUBSCRIBE));
                });
        return ready.thenCompose(failed -> {
            if (failed.isPresent()) {
                return CompletableFuture.completedStage(failed.get());
            }
            Map<String, Object> p = new LinkedHashMap<>();
            from.ifPresent(c -> p.put("offset", c.offset()));
            p.put("limit", PAGE);
            return send(GET, p, permits).thenApply(read -> page(read, from, cursor.isEmpty(), gap));
        });
    }

    private EventsResult page(BitrixAnswers.Read read, Optional<Cursor> from, boolean startFromNow, boolean gap) {
        if (!(read instanceof BitrixAnswers.Result r)) {
            return failure(read, GET);
        }
        JsonNode result = r.result();
        JsonNode list = result.path("events");
        OptionalLong next = BitrixAnswers.id(result.path("nextOffset"));
        if (!list.isArray() || next.isEmpty() || next.getAsLong() < 0) {
            return answers.unexpectedResult(result);
        }
        Instant now = time.now();
        // The portal's offsets went back: its queue was started over, and what was in it is lost.
        boolean restarted = from.isPresent() && next.getAsLong() < from.get().offset();
        List<MembershipEvent> events = new ArrayList<>();
        Instant lastDate = now;
        int joins = 0;
        for (JsonNode e : list) {
            Optional<Instant> date = date(e.path("date"));
            if (date.isPresent()) {
                lastDate = date.get();
            }
            if (!JOIN.equals(e.path("type").asText(""))) {
                continue;
            }
            joins++;
            if (!startFromNow) { // the first read skips what was recorded before the watch began
                joined(e, date).forEach(events::add);
            }
        }
        boolean more = result.path("hasMore").asBoolean(false);
        Instant oldestUnread = more && lastDate.isBefore(now) ? lastDate : now;
        String description = list.size() + " events, " + joins + " " + JOIN + (more ? ", more to read" : "");
        return new EventPage(answers.detail("result", description), events,
                new Cursor(next.getAsLong(), oldestUnread).text(), gap || restarted);
    }

    /**
     * The joins one ONIMV2JOINCHAT event reports: under the chat's id, and under every CRM item's
     * reference last listed as that chat, so a watch gets it under the key it was given. An event
     * without a chat, a user or a date reports nothing (the listing still shows the join).
     */
    private List<Joined> joined(JsonNode e, Optional<Instant> date) {
        JsonNode data = e.path("data");
        OptionalLong chat = BitrixAnswers.positiveId(data.path("chat").path("id"));
        if (chat.isEmpty()) {
            chat = dialogChat(data.path("dialogId").asText(""));
        }
        OptionalLong user = BitrixAnswers.positiveId(data.path("user").path("id"));
        OptionalLong eventId = BitrixAnswers.id(e.path("eventId"));
        if (chat.isEmpty() || user.isEmpty() || date.isEmpty() || eventId.isEmpty()) {
            return List.of();
        }
        List<GroupRef> groups = new ArrayList<>();
        groups.add(ImChat.of(chat.getAsLong()));
        groups.addAll(crmChats.refsOf(chat.getAsLong()));
        // The docs: "a new participant has been added to the chat", without saying by whom. Open
        // chats and channels can also be joined without anyone adding: there the event does not tell.
        JoinHow how = SELF_JOINABLE.contains(data.path("chat").path("type").asText("")) ? JoinHow.UNKNOWN : JoinHow.ADDED;
        List<Joined> joins = new ArrayList<>();
        for (GroupRef g : groups) {
            joins.add(new Joined("bitrix24:" + eventId.getAsLong() + ":" + g.key(), g, Member.userId(user.getAsLong()),
                    EventTime.at(date.get()), EventSource.PUSHED,
                    answers.detail(JOIN, "event " + eventId.getAsLong() + " in chat " + chat.getAsLong()), how));
        }
        return joins;
    }

    /** A dialog id names a group chat as {@code chat5}. */
    private static OptionalLong dialogChat(String dialogId) {
        if (!dialogId.startsWith("chat")) {
            return OptionalLong.empty();
        }
        return BitrixAnswers.positiveId(com.fasterxml.jackson.databind.node.TextNode.valueOf(dialogId.substring(4)));
    }

    private static Optional<Instant> date(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(node.asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private EventsResult failure(BitrixAnswers.Read read, String method) {
        if (read instanceof BitrixAnswers.Result r) {
            return answers.unexpectedResult(r.result());
        }
        return answers.outcome(EventsResult.class, read, method, Effect.SAFE_TO_REPEAT);
    }

    /** One request, unless the method has spent its time budget (then nothing is sent). */
    private CompletionStage<BitrixAnswers.Read> send(String method, Map<String, ?> params, PortalPermits permits) {
        Optional<RateLimited> paused = budgets.paused(method);
        if (paused.isPresent()) {
            return CompletableFuture.completedStage(new BitrixAnswers.Failed(paused.get()));
        }
        return transport.call(method, params, permits)
                .thenApply(reply -> budgets.observe(method, answers.read(method, reply, Effect.SAFE_TO_REPEAT)));
    }
}
