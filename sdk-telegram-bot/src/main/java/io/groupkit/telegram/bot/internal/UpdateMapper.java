package io.groupkit.telegram.bot.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.events.Demoted;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.EventTime;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.JoinRequested;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.Left;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.Promoted;
import io.groupkit.core.events.Removed;
import io.groupkit.telegram.bot.TelegramBotChat;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One Bot API update as membership events: the same for {@code getUpdates} and a webhook. Only
 * {@code chat_member} (another person's status) and {@code chat_join_request} become events; the
 * bot's own status ({@code my_chat_member}) and anything else become none. The event id is
 * {@code tg-bot:<botId>:<update_id>}, the same however often the update is read.
 */
public final class UpdateMapper {
    private final long botId;

    /**
     * A mapper.
     *
     * @param botId the bot's id (the digits before ':' in its token)
     */
    public UpdateMapper(long botId) {
        this.botId = botId;
    }

    /**
     * The events of one update.
     *
     * @param update the update object
     * @return none, or one event
     */
    public List<MembershipEvent> map(JsonNode update) {
        long updateId = update.path("update_id").asLong(-1);
        if (updateId < 0) {
            return List.of();
        }
        String id = "tg-bot:" + botId + ":" + updateId;
        if (update.has("chat_member")) {
            return changed(id, update.get("chat_member"));
        }
        if (update.has("chat_join_request")) {
            JsonNode r = update.get("chat_join_request");
            Optional<TelegramBotChat> chat = chat(r);
            Optional<Member> who = user(r.path("from"));
            if (chat.isEmpty() || who.isEmpty() || !r.path("date").canConvertToLong()) {
                return List.of();
            }
            return List.of(new JoinRequested(id, chat.get(), who.get(), time(r), EventSource.PUSHED,
                    detail("chat_join_request")));
        }
        return List.of();
    }

    private List<MembershipEvent> changed(String id, JsonNode u) {
        Optional<TelegramBotChat> chat = chat(u);
        Optional<Member> who = user(u.path("new_chat_member").path("user"));
        if (chat.isEmpty() || who.isEmpty() || !u.path("date").canConvertToLong()) {
            return List.of();
        }
        JsonNode before = u.path("old_chat_member");
        JsonNode after = u.path("new_chat_member");
        boolean wasIn = isMember(before);
        boolean isIn = isMember(after);
        Optional<Member> by = user(u.path("from"));
        boolean bySelf = by.isPresent() && by.get().equals(who.get());
        EventTime at = time(u);
        TelegramBotChat group = chat.get();
        if (!wasIn && isIn) {
            String link = u.path("invite_link").path("invite_link").asText("");
            if (!link.isEmpty()) {
                return List.of(new Joined(id, group, who.get(), at, EventSource.PUSHED, detail("chat_member"),
                        JoinHow.INVITE_LINK, Optional.empty(), Optional.empty(), Optional.of(link)));
            }
            if (u.path("via_join_request").asBoolean(false)) {
                // The update's performer of an approved request is the admin (or bot) who approved it.
                return List.of(new Joined(id, group, who.get(), at, EventSource.PUSHED, detail("chat_member"),
                        JoinHow.JOIN_REQUEST, bySelf ? Optional.empty() : by, Optional.empty()));
            }
            if (by.isPresent() && !bySelf) {
                return List.of(new Joined(id, group, who.get(), at, EventSource.PUSHED, detail("chat_member"),
                        JoinHow.ADDED, by, Optional.empty()));
            }
            return List.of(new Joined(id, group, who.get(), at, EventSource.PUSHED, detail("chat_member"), JoinHow.UNKNOWN));
        }
        if (wasIn && !isIn) {
            if (bySelf) {
                return List.of(new Left(id, group, who.get(), at, EventSource.PUSHED, detail("chat_member")));
            }
            return List.of(new Removed(id, group, who.get(), at, EventSource.PUSHED, detail("chat_member"), by));
        }
        if (wasIn) {
            boolean wasAdmin = isAdmin(before);
            boolean isAdmin = isAdmin(after);
            if (!wasAdmin && isAdmin) {
                return List.of(new Promoted(id, group, who.get(), at, EventSource.PUSHED, detail("chat_member"), role(after)));
            }
            if (wasAdmin && !isAdmin) {
                return List.of(new Demoted(id, group, who.get(), at, EventSource.PUSHED, detail("chat_member"), role(after)));
            }
        }
        return List.of(); // restricted, banned while out, rights edited: no membership change
    }

    /**
     * The personal link a join of this update used up, when it is one GroupKit made: a
     * {@code chat_member} update where the person came in through a link of this bot named
     * "GroupKit ·…" with a member limit of 1 ({@link BotProvider#inviteLink} makes such links).
     * Other links (shared ones, an admin's) are never touched.
     *
     * @param update the update object
     * @return the chat and the link, or empty
     */
    public Optional<UsedLink> usedPersonalLink(JsonNode update) {
        JsonNode u = update.path("chat_member");
        JsonNode link = u.path("invite_link");
        Optional<TelegramBotChat> chat = chat(u);
        if (chat.isEmpty() || !link.isObject() || isMember(u.path("old_chat_member")) || !isMember(u.path("new_chat_member"))
                || !link.path("name").asText("").startsWith(BotProvider.PERSONAL_LINK_PREFIX)
                || link.path("member_limit").asInt(0) != 1 || link.path("creator").path("id").asLong(0) != botId
                || link.path("invite_link").asText("").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UsedLink(chat.get(), link.path("invite_link").asText()));
    }

    /**
     * A personal link someone joined through.
     *
     * @param chat the chat
     * @param url the link
     */
    public record UsedLink(TelegramBotChat chat, String url) {
    }

    /**
     * The "is a member" rule: creator, administrator, member, and restricted only with {@code is_member}.
     *
     * @param chatMember a ChatMember object
     * @return whether that person is in the chat
     */
    public static boolean isMember(JsonNode chatMember) {
        return switch (chatMember.path("status").asText("")) {
            case "creator", "administrator", "member" -> true;
            case "restricted" -> chatMember.path("is_member").asBoolean(false);
            default -> false;
        };
    }

    private static boolean isAdmin(JsonNode chatMember) {
        String s = chatMember.path("status").asText("");
        return s.equals("creator") || s.equals("administrator");
    }

    private static MemberRole role(JsonNode chatMember) {
        return switch (chatMember.path("status").asText("")) {
            case "creator" -> MemberRole.OWNER;
            case "administrator" -> MemberRole.ADMIN;
            default -> MemberRole.MEMBER;
        };
    }

    private static Optional<TelegramBotChat> chat(JsonNode u) {
        JsonNode id = u.path("chat").path("id");
        return id.canConvertToLong() && id.asLong() < 0 ? Optional.of(TelegramBotChat.of(id.asLong())) : Optional.empty();
    }

    private static Optional<Member> user(JsonNode user) {
        JsonNode id = user.path("id");
        return id.isIntegralNumber() && id.asLong() > 0 ? Optional.of(Member.userId(id.asLong())) : Optional.empty();
    }

    private static EventTime time(JsonNode u) {
        return EventTime.at(Instant.ofEpochSecond(u.path("date").asLong()));
    }

    private static ProviderDetail detail(String kind) {
        return ProviderDetail.of(BotAnswers.PROVIDER, kind);
    }
}
