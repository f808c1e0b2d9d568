package io.groupkit.testkit.telegrambot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.groupkit.core.time.TimeSource;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's state: people, chats, links, the updates queue and the webhook. Every field is
 * guarded by this object's monitor, which is also what long polls and the webhook sender wait on.
 */
final class BotWorld {
    static final ObjectMapper JSON = new ObjectMapper();
    /** What the Bot API sends when allowed_updates was never given or given empty (facts sheet B.2). */
    private static final Set<String> NOT_BY_DEFAULT = Set.of("chat_member", "message_reaction", "message_reaction_count");
    /** Updates older than this on the simulator's clock are dropped, as the Bot API does (facts sheet B.2). */
    static final long RETENTION_SECONDS = 86_400;
    private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    final TimeSource time;
    final long botId;
    final String token;
    private final SecureRandom random = new SecureRandom();
    final Map<Long, Optional<String>> people = new HashMap<>();
    final Map<Long, SimChat> chats = new LinkedHashMap<>();
    final Map<String, SimLink> links = new LinkedHashMap<>();
    final ArrayDeque<Update> updates = new ArrayDeque<>();
    /** Telegram's ids start anywhere; a large start keeps an adapter from assuming small ones. */
    private long nextUpdateId = 873_000_001L;
    /** The last allowed_updates given by getUpdates or setWebhook; null or empty = the default. */
    @Nullable List<String> allowedUpdates;
    @Nullable String webhookUrl;
    @Nullable String webhookSecret;
    long webhookLastErrorDate;
    @Nullable String webhookLastError;
    int webhookDeliveries;
    /** Raised by every getUpdates: a waiting poll that sees it moved on was overtaken by a newer one. */
    long pollGeneration;
    int pollsWaiting;
    boolean closed;
    final Map<String, ArrayDeque<BotApiException>> refusals = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    /**
     * One queued update.
     *
     * @param id the update_id
     * @param date its event's date, for retention
     * @param json the Update object
     */
    record Update(long id, long date, ObjectNode json) {
    }

    BotWorld(TimeSource time) {
        this.time = time;
        this.botId = 7_000_000_000L + random.nextInt(900_000_000);
        this.token = botId + ":" + randomText(35);
    }

    long now() {
        return time.now().getEpochSecond();
    }

    String randomText(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(URL_SAFE.charAt(random.nextInt(URL_SAFE.length())));
        }
        return s.toString();
    }

    SimLink newLink(long chatId, boolean primary) {
        String url;
        do {
            url = "https://t.me/+" + randomText(16);
        } while (links.containsKey(url));
        SimLink link = new SimLink(url, chatId, primary);
        links.put(url, link);
        return link;
    }

    // ---- the Bot API's objects ----

    ObjectNode botJson() {
        return JSON.createObjectNode().put("id", botId).put("is_bot", true)
                .put("first_name", "GroupKit Simulator").put("username", "groupkit_simulator_bot");
    }

    ObjectNode userJson(long userId) {
        if (userId == botId) {
            return botJson();
        }
        ObjectNode user = JSON.createObjectNode().put("id", userId).put("is_bot", false)
                .put("first_name", "Person " + userId);
        people.getOrDefault(userId, Optional.empty()).ifPresent(name -> user.put("username", name));
        return user;
    }

    ObjectNode chatJson(SimChat chat) {
        return JSON.createObjectNode().put("id", chat.id).put("title", chat.title).put("type", chat.type());
    }

    ObjectNode memberJson(long userId, Member m) {
        ObjectNode json = JSON.createObjectNode().put("status", m.status().wire);
        json.set("user", userJson(userId));
        switch (m.status()) {
            case CREATOR -> json.put("is_anonymous", false);
            case ADMINISTRATOR -> {
                json.put("can_be_edited", false).put("is_anonymous", false);
                for (String right : List.of("can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                        "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users",
                        "can_post_stories", "can_edit_stories", "can_delete_stories", "can_pin_messages")) {
                    json.put(right, true);
                }
                json.put("can_manage_topics", false);
            }
            case RESTRICTED -> {
                json.put("is_member", m.isMember());
                for (String right : List.of("can_send_messages", "can_send_audios", "can_send_documents",
                        "can_send_photos", "can_send_videos", "can_send_video_notes", "can_send_voice_notes",
                        "can_send_polls", "can_send_other_messages", "can_add_web_page_previews",
                        "can_change_info", "can_invite_users", "can_pin_messages", "can_manage_topics")) {
                    json.put(right, false);
                }
                json.put("until_date", m.untilDate());
            }
            case KICKED -> json.put("until_date", m.untilDate());
            case MEMBER, LEFT -> {
                // no more fields
            }
        }
        return json;
    }

    ObjectNode linkJson(SimLink link) {
        ObjectNode json = JSON.createObjectNode().put("invite_link", link.url);
        json.set("creator", botJson());
        json.put("creates_join_request", link.createsJoinRequest).put("is_primary", link.primary)
                .put("is_revoked", link.revoked);
        if (link.name != null) {
            json.put("name", link.name);
        }
        if (link.expireDate != 0) {
            json.put("expire_date", link.expireDate);
        }
        if (link.memberLimit != 0) {
            json.put("member_limit", link.memberLimit);
        }
        if (link.createsJoinRequest) {
            SimChat chat = chats.get(link.chatId);
            long pending = chat == null ? 0 : chat.requests.values().stream().filter(l -> l == link).count();
            json.put("pending_join_request_count", pending);
        }
        return json;
    }

    // ---- changes and the updates they make ----

    /**
     * Sets someone's standing and queues the update Telegram would send for it: my_chat_member for
     * the bot, chat_member for a person (only where the bot is an admin and chat_member is allowed).
     */
    void change(SimChat chat, long userId, Member next, long performer, @Nullable SimLink link, boolean viaRequest) {
        Member before = userId == botId ? chat.bot : chat.member(userId);
        if (userId == botId) {
            chat.bot = next;
        } else if (next.status() == Member.Status.LEFT) {
            chat.people.remove(userId);
        } else {
            chat.people.put(userId, next);
        }
        if (next.inChat()) { // joining in any way ends a pending request
            chat.requests.remove(userId);
        }
        if (before.equals(next)) {
            return;
        }
        boolean own = userId == botId;
        String type = own ? "my_chat_member" : "chat_member";
        // Whether the bot hears of others' changes is decided when they happen (facts sheet B.2).
        if (!allowed(type) || !own && !chat.bot.admin()) {
            return;
        }
        ObjectNode updated = JSON.createObjectNode();
        updated.set("chat", chatJson(chat));
        updated.set("from", userJson(performer));
        updated.put("date", now());
        updated.set("old_chat_member", memberJson(userId, before));
        updated.set("new_chat_member", memberJson(userId, next));
        if (link != null) {
            updated.set("invite_link", linkJson(link));
        }
        if (viaRequest && link == null) {
            updated.put("via_join_request", true);
        }
        enqueue(type, updated);
    }

    /** A person asks to join; the bot hears of it where it may approve (an admin) and it is allowed. */
    void joinRequest(SimChat chat, long userId, @Nullable SimLink link) {
        chat.requests.put(userId, link);
        if (!chat.bot.admin() || !allowed("chat_join_request")) {
            return;
        }
        ObjectNode request = JSON.createObjectNode();
        request.set("chat", chatJson(chat));
        request.set("from", userJson(userId));
        request.put("user_chat_id", userId).put("date", now());
        if (link != null) {
            request.set("invite_link", linkJson(link));
        }
        enqueue("chat_join_request", request);
    }

    boolean allowed(String type) {
        List<String> listed = allowedUpdates;
        return listed == null || listed.isEmpty() ? !NOT_BY_DEFAULT.contains(type) : listed.contains(type);
    }

    private void enqueue(String type, ObjectNode payload) {
        long id = nextUpdateId++;
        ObjectNode update = JSON.createObjectNode().put("update_id", id);
        update.set(type, payload);
        updates.add(new Update(id, payload.path("date").asLong(), update));
        notifyAll(); // wakes a long poll and the webhook sender
    }

    /** Drops what the Bot API would have dropped by now: updates older than 24 h. */
    void prune() {
        long now = now();
        updates.removeIf(u -> u.date() + RETENTION_SECONDS <= now);
    }

    ArrayNode toArray(List<Update> list) {
        ArrayNode array = JSON.createArrayNode();
        list.forEach(u -> array.add(u.json()));
        return array;
    }
}
