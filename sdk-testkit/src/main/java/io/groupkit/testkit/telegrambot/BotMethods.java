package io.groupkit.testkit.telegrambot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The Bot API's methods over the simulator's state. Error descriptions are the server's exact
 * strings where the facts sheet (part B.4) gives them; the few it does not give are marked
 * "simulator's words".
 */
final class BotMethods {
    private static final String TERMINATED =
            "terminated by other getUpdates request; make sure that only one bot instance is running";
    private static final String WEBHOOK_ACTIVE =
            "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";
    private static final String LINK_RIGHTS = "not enough rights to manage chat invite link";
    private static final String REQUEST_RIGHTS = "not enough rights to manage chat join requests";
    // Simulator's words: TDLib's sentence for restricting without the right, lower-cased as TBA does.
    private static final String RESTRICT_RIGHTS = "not enough rights to restrict/unrestrict chat member";

    private final BotWorld world;

    BotMethods(BotWorld world) {
        this.world = world;
    }

    /**
     * Answers one call; the caller holds the world's lock (long polls release it while waiting).
     *
     * @return the result
     * @throws BotApiException for an answer {@code ok:false}
     */
    JsonNode call(String token, String method, Params p) throws InterruptedException {
        world.calls.add(method);
        if (!world.token.equals(token)) {
            throw new BotApiException(401, "Unauthorized", null, 0);
        }
        String name = method.toLowerCase(Locale.ROOT); // the Bot API server ignores the case of method names
        ArrayDeque<BotApiException> refused = world.refusals.get(name);
        if (refused != null && !refused.isEmpty()) {
            throw refused.poll();
        }
        return switch (name) {
            case "getme" -> getMe();
            case "getchat" -> getChat(p);
            case "getchatmember" -> getChatMember(p);
            case "getchatmembercount" -> IntNode.valueOf(memberCount(readable(p)));
            case "getchatadministrators" -> administrators(readable(p));
            case "createchatinvitelink" -> createLink(p);
            case "editchatinvitelink" -> editLink(p);
            case "revokechatinvitelink" -> revokeLink(p);
            case "exportchatinvitelink" -> exportLink(p);
            case "approvechatjoinrequest" -> decide(p, true);
            case "declinechatjoinrequest" -> decide(p, false);
            case "banchatmember" -> ban(p);
            case "unbanchatmember" -> unban(p);
            case "leavechat" -> leave(p);
            case "getupdates" -> getUpdates(p);
            case "setwebhook" -> setWebhook(p);
            case "deletewebhook" -> deleteWebhook(p);
            case "getwebhookinfo" -> webhookInfo();
            default -> throw new BotApiException(404, "Not Found", null, 0);
        };
    }

    // ---- access ----

    private SimChat chat(Params p, boolean write) {
        if (!p.has("chat_id")) {
            throw BotApiException.badRequest("chat_id is empty");
        }
        long id = p.number("chat_id", 0);
        SimChat chat = world.chats.get(id);
        if (chat == null || id == 0) {
            throw BotApiException.badRequest("chat not found");
        }
        if (write && chat.migratedTo != 0) {
            throw new BotApiException(400, "Bad Request: group chat was upgraded to a supergroup chat",
                    chat.migratedTo, 0);
        }
        if (chat.bot.status() == Member.Status.KICKED) {
            throw BotApiException.forbidden("bot was kicked from the " + chat.kind() + " chat");
        }
        if (!chat.bot.inChat()) {
            throw BotApiException.forbidden("bot is not a member of the " + chat.kind() + " chat");
        }
        return chat;
    }

    private SimChat readable(Params p) {
        return chat(p, false);
    }

    private SimChat writable(Params p, String rightsMissing) {
        SimChat chat = chat(p, true);
        if (!chat.bot.admin()) {
            throw BotApiException.badRequest(rightsMissing);
        }
        return chat;
    }

    private long userId(Params p) {
        long id = p.number("user_id", 0);
        if (id <= 0) {
            throw BotApiException.badRequest("invalid user_id specified");
        }
        if (id != world.botId && !world.people.containsKey(id)) {
            throw BotApiException.badRequest("user not found");
        }
        return id;
    }

    // ---- reads ----

    private JsonNode getMe() {
        return world.botJson().put("can_join_groups", true).put("can_read_all_group_messages", false)
                .put("supports_inline_queries", false).put("can_connect_to_business", false)
                .put("has_main_web_app", false);
    }

    private JsonNode getChat(Params p) {
        SimChat chat = readable(p);
        ObjectNode json = world.chatJson(chat).put("accent_color_id", 0).put("max_reaction_count", 11);
        if (chat.primaryLink != null && chat.bot.admin()) {
            json.put("invite_link", chat.primaryLink.url);
        }
        return json;
    }

    private JsonNode getChatMember(Params p) {
        SimChat chat = readable(p);
        long user = userId(p);
        return world.memberJson(user, user == world.botId ? chat.bot : chat.member(user));
    }

    private int memberCount(SimChat chat) {
        return (int) chat.people.values().stream().filter(Member::inChat).count() + (chat.bot.inChat() ? 1 : 0);
    }

    private JsonNode administrators(SimChat chat) {
        ArrayNode admins = BotWorld.JSON.createArrayNode();
        chat.people.forEach((id, m) -> {
            if (m.admin()) {
                admins.add(world.memberJson(id, m));
            }
        });
        if (chat.bot.admin()) {
            admins.add(world.memberJson(world.botId, chat.bot));
        }
        return admins;
    }

    // ---- links ----

    private JsonNode createLink(Params p) {
        SimChat chat = writable(p, LINK_RIGHTS);
        SimLink link = world.newLink(chat.id, false);
        try {
            shape(link, p);
        } catch (BotApiException e) {
            world.links.remove(link.url);
            throw e;
        }
        return world.linkJson(link);
    }

    /** Sets a link's name, expiry, limit and approval from the call, checked as the server checks them. */
    private void shape(SimLink link, Params p) {
        String name = p.text("name");
        if (name != null && name.codePointCount(0, name.length()) > 32) {
            throw BotApiException.badRequest("invite link name is too long"); // simulator's words
        }
        long limit = p.number("member_limit", 0);
        if (limit < 0 || limit > 99_999) {
            throw BotApiException.badRequest("member limit must be between 1 and 99999"); // simulator's words
        }
        boolean approval = p.flag("creates_join_request");
        if (approval && limit > 0) {
            // simulator's words (TDLib's sentence, lower-cased)
            throw BotApiException.badRequest("member limit can't be specified for links requiring administrator approval");
        }
        link.name = name == null || name.isEmpty() ? null : name;
        link.expireDate = Math.max(0, p.number("expire_date", 0));
        link.memberLimit = (int) limit;
        link.createsJoinRequest = approval;
    }

    private SimLink ownLink(SimChat chat, Params p) {
        String url = p.text("invite_link");
        SimLink link = url == null ? null : world.links.get(url);
        if (link == null || link.chatId != chat.id) {
            throw BotApiException.badRequest("INVITE_HASH_EXPIRED"); // simulator's reading of an unknown link
        }
        return link;
    }

    private JsonNode editLink(Params p) {
        SimChat chat = writable(p, LINK_RIGHTS);
        SimLink link = ownLink(chat, p);
        if (link.primary || link.revoked) {
            throw BotApiException.badRequest("INVITE_HASH_EXPIRED"); // simulator's reading
        }
        shape(link, p);
        return world.linkJson(link);
    }

    private JsonNode revokeLink(Params p) {
        SimChat chat = writable(p, LINK_RIGHTS);
        SimLink link = ownLink(chat, p);
        link.revoked = true;
        if (link == chat.primaryLink) { // revoking the primary link makes a new one (facts sheet B.1)
            chat.primaryLink = world.newLink(chat.id, true);
        }
        return world.linkJson(link);
    }

    private JsonNode exportLink(Params p) {
        SimChat chat = writable(p, LINK_RIGHTS);
        if (chat.primaryLink != null) {
            chat.primaryLink.revoked = true;
        }
        chat.primaryLink = world.newLink(chat.id, true);
        return TextNode.valueOf(chat.primaryLink.url);
    }

    // ---- requests and removals ----

    private JsonNode decide(Params p, boolean approve) {
        SimChat chat = writable(p, REQUEST_RIGHTS);
        long user = userId(p);
        if (approve && chat.member(user).inChat()) {
            throw BotApiException.badRequest("USER_ALREADY_PARTICIPANT");
        }
        if (!chat.requests.containsKey(user)) {
            throw BotApiException.badRequest("HIDE_REQUESTER_MISSING");
        }
        SimLink link = chat.requests.remove(user);
        if (approve) {
            if (link != null) {
                link.usage++;
            }
            world.change(chat, user, Member.MEMBER, world.botId, link, true);
        }
        return BooleanNode.TRUE;
    }

    private JsonNode ban(Params p) {
        SimChat chat = writable(p, RESTRICT_RIGHTS);
        long user = userId(p);
        if (user == world.botId || chat.member(user).admin()) {
            throw BotApiException.badRequest("user is an administrator of the chat");
        }
        if (chat.supergroup) {
            long until = p.number("until_date", 0);
            long now = world.now();
            // less than 30 s ahead or more than 366 days ahead is forever (facts sheet B.1)
            boolean forever = until <= now + 30 || until > now + 366L * 86_400;
            world.change(chat, user, Member.kicked(forever ? 0 : until), world.botId, null, false);
        } else {
            // A basic group has no list of the banned: the person is removed and may be added back.
            world.change(chat, user, Member.LEFT, world.botId, null, false);
        }
        return BooleanNode.TRUE;
    }

    private JsonNode unban(Params p) {
        SimChat chat = writable(p, RESTRICT_RIGHTS);
        long user = userId(p);
        if (!chat.supergroup) {
            throw BotApiException.badRequest("method is available for supergroup and channel chats only");
        }
        Member m = chat.member(user);
        if (m.status() == Member.Status.KICKED) {
            world.change(chat, user, Member.LEFT, world.botId, null, false);
        } else if (!p.flag("only_if_banned") && m.inChat()) {
            // by default an unban also removes a current member: "not a member, but may join" (facts sheet B.1)
            if (m.admin()) {
                throw BotApiException.badRequest("user is an administrator of the chat");
            }
            world.change(chat, user, Member.LEFT, world.botId, null, false);
        }
        return BooleanNode.TRUE;
    }

    private JsonNode leave(Params p) {
        SimChat chat = chat(p, true);
        world.change(chat, world.botId, Member.LEFT, world.botId, null, false);
        return BooleanNode.TRUE;
    }

    // ---- updates ----

    private JsonNode getUpdates(Params p) throws InterruptedException {
        long generation = ++world.pollGeneration;
        world.notifyAll(); // an older poll still waiting is overtaken: it answers 409
        if (world.webhookUrl != null) {
            throw BotApiException.conflict(WEBHOOK_ACTIVE);
        }
        List<String> allowed = p.strings("allowed_updates");
        if (allowed != null) {
            world.allowedUpdates = List.copyOf(allowed);
        }
        long offset = p.number("offset", 0);
        world.prune();
        if (offset > 0) {
            world.updates.removeIf(u -> u.id() < offset); // confirmed
        } else if (offset < 0) {
            while (world.updates.size() > -offset) {
                world.updates.poll();
            }
        }
        int limit = (int) Math.min(100, Math.max(1, p.number("limit", 100)));
        long timeout = Math.max(0, p.number("timeout", 0));
        // The long poll waits on real time, as a client's read timeout does, whatever the simulator's clock.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        world.pollsWaiting++;
        try {
            while (world.updates.isEmpty() && !world.closed && generation == world.pollGeneration
                    && world.webhookUrl == null) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                world.wait(left);
                world.prune();
            }
        } finally {
            world.pollsWaiting--;
        }
        if (generation != world.pollGeneration) {
            throw BotApiException.conflict(TERMINATED);
        }
        List<BotWorld.Update> out = new ArrayList<>();
        for (BotWorld.Update u : world.updates) {
            if (out.size() == limit) {
                break;
            }
            out.add(u);
        }
        return world.toArray(out);
    }

    private JsonNode setWebhook(Params p) {
        String url = p.text("url");
        if (url == null || url.isEmpty()) {
            world.webhookUrl = null;
            return BooleanNode.TRUE;
        }
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            throw BotApiException.badRequest("bad webhook: Wrong HTTP URL"); // simulator's words
        }
        String scheme = parsed.getScheme();
        if (scheme == null || !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")
                || parsed.getHost() == null) {
            throw BotApiException.badRequest("bad webhook: Wrong HTTP URL"); // simulator's words
        }
        String secret = p.text("secret_token");
        if (secret != null && !secret.matches("[A-Za-z0-9_-]{1,256}")) {
            throw BotApiException.badRequest("secret token contains unallowed characters"); // simulator's words
        }
        List<String> allowed = p.strings("allowed_updates");
        if (allowed != null) {
            world.allowedUpdates = List.copyOf(allowed);
        }
        if (p.flag("drop_pending_updates")) {
            world.updates.clear();
        }
        world.webhookUrl = url;
        world.webhookSecret = secret == null || secret.isEmpty() ? null : secret;
        world.notifyAll(); // the sender starts; a waiting poll ends
        return BooleanNode.TRUE;
    }

    private JsonNode deleteWebhook(Params p) {
        world.webhookUrl = null;
        world.webhookSecret = null;
        if (p.flag("drop_pending_updates")) {
            world.updates.clear();
        }
        return BooleanNode.TRUE;
    }

    private JsonNode webhookInfo() {
        world.prune();
        ObjectNode info = BotWorld.JSON.createObjectNode()
                .put("url", world.webhookUrl == null ? "" : world.webhookUrl)
                .put("has_custom_certificate", false)
                .put("pending_update_count", world.updates.size());
        if (world.webhookUrl != null) {
            info.put("max_connections", 40);
            if (world.webhookLastError != null) {
                info.put("last_error_date", world.webhookLastErrorDate).put("last_error_message", world.webhookLastError);
            }
            if (world.allowedUpdates != null && !world.allowedUpdates.isEmpty()) {
                ArrayNode allowed = info.putArray("allowed_updates");
                world.allowedUpdates.forEach(allowed::add);
            }
        }
        return info;
    }
}
