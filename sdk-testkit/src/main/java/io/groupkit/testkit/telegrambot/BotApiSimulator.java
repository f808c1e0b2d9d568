package io.groupkit.testkit.telegrambot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.internal.LoopbackServers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A stateful Telegram Bot API on loopback, speaking its HTTP protocol:
 * {@code POST|GET {apiUrl}/bot<token>/<method>} with parameters as JSON, as a form or in the query
 * string (multipart bodies are not read: no method here takes a file); answers {@code {"ok":true,"result":…}} or {@code {"ok":false,"error_code":…,"description":…}}
 * with the server's exact descriptions (GroupKit's facts sheet, Bot API part B.4).
 *
 * <pre>{@code
 * try (BotApiSimulator sim = BotApiSimulator.start()) {
 *     sim.user(1001, "alice").supergroup(-1001234567890L, 1001);
 *     // a bot client on sim.apiUrl() with sim.token() ...
 *     sim.joinByLink(link, 1002);          // a person opens a link the bot made
 * }
 * }</pre>
 *
 * <p>What it models: the bot (an admin with every right, a plain member, or removed), supergroups
 * and basic groups with people and their ChatMember statuses, invite links (primary and
 * additional; name, expiry on the simulator's clock, member limit, approval, revocation, usage),
 * join requests, bans, upgrades of basic groups, and the updates the bot is sent:
 * {@code chat_member} (only where the bot is an admin and the last {@code allowed_updates} listed
 * it), {@code chat_join_request} and {@code my_chat_member}, kept 24 hours on the simulator's
 * clock. They are read by {@code getUpdates} (offset, limit, long polls on real time; a second
 * poller overtakes the first with a 409) or posted to a webhook with the secret header from one
 * daemon thread, in order, retried after 50 ms doubling to 1 s until answered 2xx.
 *
 * <p>Readings where the facts sheet is silent: a basic group's ban removes the person
 * ({@code left}, no ban list); a removal by an admin in a supergroup bans ({@code kicked}); an
 * upgrade queues no update; the bot is counted in {@code getChatMemberCount} but not in
 * {@link #members(long)}; links the bot does not know answer {@code INVITE_HASH_EXPIRED}.
 * Thread-safe; the server runs on a few daemon threads so that several long polls can wait at once.
 */
public final class BotApiSimulator implements AutoCloseable {
    /** Threads for HTTP exchanges: enough for a few long polls waiting while other calls are answered. */
    private static final int HTTP_THREADS = 8;

    private final BotWorld world;
    private final BotMethods methods;
    private final HttpServer server;
    private final ExecutorService httpThreads;
    private final Thread webhookSender;

    /**
     * What the simulator knows of one invite link.
     *
     * @param url the link
     * @param chatId the chat it leads to (the supergroup, once a basic group was upgraded)
     * @param name its name, if it has one
     * @param memberLimit how many may join through it, 0 for no limit
     * @param expireDate when it expires (Unix seconds on the simulator's clock), 0 for never
     * @param revoked whether it was revoked
     * @param createsJoinRequest whether opening it sends a join request instead of joining
     * @param usage how many joined through it
     */
    public record LinkInfo(String url, long chatId, Optional<String> name, int memberLimit, int expireDate,
            boolean revoked, boolean createsJoinRequest, int usage) {
    }

    private BotApiSimulator(TimeSource time) throws IOException {
        this.world = new BotWorld(time);
        this.methods = new BotMethods(world);
        AtomicInteger threadNumber = new AtomicInteger();
        this.httpThreads = Executors.newFixedThreadPool(HTTP_THREADS, r -> {
            Thread t = new Thread(r, "groupkit-bot-api-simulator-http-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = LoopbackServers.create();
        server.setExecutor(httpThreads);
        server.createContext("/", this::handle);
        this.webhookSender = new Thread(new WebhookSender(world), "groupkit-bot-api-simulator-webhook");
        webhookSender.setDaemon(true);
        webhookSender.start();
        server.start();
    }

    /**
     * Starts a simulator on a free loopback port, on real time.
     *
     * @return the running simulator
     */
    public static BotApiSimulator start() {
        return start(TimeSource.system());
    }

    /**
     * Starts a simulator on a free loopback port.
     *
     * @param time the clock for dates, link expiry and update retention; share the client's
     *     {@link io.groupkit.testkit.time.VirtualTime} in tests (long polls and webhook retries
     *     still wait on real time)
     * @return the running simulator
     */
    public static BotApiSimulator start(TimeSource time) {
        try {
            return new BotApiSimulator(Objects.requireNonNull(time, "time must not be null"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the Bot API simulator", e);
        }
    }

    /**
     * The base address a bot client calls: {@code apiUrl() + "/bot" + token() + "/" + method}.
     *
     * @return {@code http://127.0.0.1:PORT}
     */
    public String apiUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /**
     * The bot's token; a call with any other answers 401 {@code Unauthorized}.
     *
     * @return {@code <botId>:<35 URL-safe characters>}
     */
    public String token() {
        return world.token;
    }

    /**
     * The bot's user id.
     *
     * @return the id
     */
    public long botId() {
        return world.botId;
    }

    // ---- the script: people and chats ----

    /**
     * Declares a person (first name {@code "Person <id>"}).
     *
     * @param id the user id, above zero
     * @param username the username, or null for none
     * @return this
     */
    public BotApiSimulator user(long id, @Nullable String username) {
        if (id <= 0) {
            throw new IllegalArgumentException("expected a user id above zero, got " + id);
        }
        synchronized (world) {
            world.people.put(id, Optional.ofNullable(username));
        }
        return this;
    }

    /**
     * A supergroup the bot is an admin of, with every right; queues the bot's {@code my_chat_member}.
     *
     * @param chatId the chat id, like {@code -1001234567890}
     * @param members the people in it (declared if not yet)
     * @return this
     */
    public BotApiSimulator supergroup(long chatId, long... members) {
        return group(chatId, true, members);
    }

    /**
     * A basic group the bot is an admin of; queues the bot's {@code my_chat_member}.
     *
     * @param chatId the chat id, like {@code -4001}
     * @param members the people in it (declared if not yet)
     * @return this
     */
    public BotApiSimulator basicGroup(long chatId, long... members) {
        return group(chatId, false, members);
    }

    private BotApiSimulator group(long chatId, boolean supergroup, long... members) {
        if (chatId >= 0) {
            throw new IllegalArgumentException("expected a group's chat id below zero (like -1001234567890), got " + chatId);
        }
        synchronized (world) {
            if (world.chats.containsKey(chatId)) {
                throw new IllegalArgumentException("chat " + chatId + " is declared already");
            }
            SimChat chat = new SimChat(chatId, supergroup);
            chat.bot = Member.LEFT;
            world.chats.put(chatId, chat);
            for (long m : members) {
                declare(m);
                chat.people.put(m, Member.MEMBER);
            }
            world.change(chat, world.botId, Member.ADMINISTRATOR, members.length > 0 ? members[0] : world.botId, null, false);
        }
        return this;
    }

    /**
     * Makes a person the chat's owner ({@code creator}), without an update: how the chat was made.
     *
     * @param chatId the chat
     * @param userId the person (declared if not yet)
     * @return this
     */
    public BotApiSimulator owner(long chatId, long userId) {
        synchronized (world) {
            declare(userId);
            chatOf(chatId).people.put(userId, Member.CREATOR);
        }
        return this;
    }

    /**
     * Restricts a person ({@code restricted}), in the chat or not, queuing the update.
     *
     * @param chatId the chat
     * @param userId the person
     * @param isMember whether the person is in the chat
     * @return this
     */
    public BotApiSimulator restricted(long chatId, long userId, boolean isMember) {
        synchronized (world) {
            declare(userId);
            world.change(chatOf(chatId), userId, new Member(Member.Status.RESTRICTED, isMember, 0), world.botId, null, false);
        }
        return this;
    }

    /**
     * The bot becomes a plain member: link, join-request and ban calls answer the rights errors.
     *
     * @param chatId the chat
     * @return this
     */
    public BotApiSimulator botNotAdmin(long chatId) {
        synchronized (world) {
            SimChat chat = chatOf(chatId);
            world.change(chat, world.botId, Member.MEMBER, performer(chat), null, false);
        }
        return this;
    }

    /**
     * The bot is removed from the chat: every call answers 403 {@code bot was kicked from the … chat}.
     *
     * @param chatId the chat
     * @return this
     */
    public BotApiSimulator botRemoved(long chatId) {
        synchronized (world) {
            SimChat chat = chatOf(chatId);
            world.change(chat, world.botId, Member.kicked(0), performer(chat), null, false);
        }
        return this;
    }

    // ---- the script: people's doings ----

    /**
     * A person opens an invite link.
     *
     * @param link the link
     * @param userId the person (declared if not yet)
     * @return empty when the person joined; else Telegram's error: {@code INVITE_HASH_INVALID} (no
     *     such link), {@code INVITE_HASH_EXPIRED} (revoked, expired or used up),
     *     {@code USER_ALREADY_PARTICIPANT}, {@code USER_BANNED_IN_CHANNEL} (banned there), or
     *     {@code INVITE_REQUEST_SENT} (a link that needs approval: a join request is now pending)
     */
    public Optional<String> joinByLink(String link, long userId) {
        synchronized (world) {
            declare(userId);
            SimLink l = world.links.get(link);
            if (l == null) {
                return Optional.of("INVITE_HASH_INVALID");
            }
            if (l.spent(world.now())) {
                return Optional.of("INVITE_HASH_EXPIRED");
            }
            SimChat chat = chatOf(l.chatId);
            Member m = chat.member(userId);
            if (m.inChat()) {
                return Optional.of("USER_ALREADY_PARTICIPANT");
            }
            if (m.status() == Member.Status.KICKED) {
                return Optional.of("USER_BANNED_IN_CHANNEL");
            }
            if (l.createsJoinRequest) {
                world.joinRequest(chat, userId, l);
                return Optional.of("INVITE_REQUEST_SENT");
            }
            l.usage++;
            world.change(chat, userId, Member.MEMBER, userId, l, false);
            return Optional.empty();
        }
    }

    /**
     * A person asks to join without a link; queues {@code chat_join_request}.
     *
     * @param chatId the chat
     * @param userId the person (declared if not yet), not in the chat
     * @return this
     */
    public BotApiSimulator requestToJoin(long chatId, long userId) {
        synchronized (world) {
            declare(userId);
            SimChat chat = chatOf(chatId);
            if (chat.member(userId).inChat()) {
                throw new IllegalArgumentException("person " + userId + " is in chat " + chatId + " already");
            }
            world.joinRequest(chat, userId, null);
        }
        return this;
    }

    /**
     * A person leaves.
     *
     * @param chatId the chat
     * @param userId a person in it
     * @return this
     */
    public BotApiSimulator leave(long chatId, long userId) {
        synchronized (world) {
            world.change(inChat(chatId, userId), userId, Member.LEFT, userId, null, false);
        }
        return this;
    }

    /**
     * An admin adds a person.
     *
     * @param chatId the chat
     * @param userId the person (declared if not yet)
     * @param adminId who added them (the update's {@code from})
     * @return this
     */
    public BotApiSimulator addedBy(long chatId, long userId, long adminId) {
        synchronized (world) {
            declare(userId);
            declare(adminId);
            world.change(chatOf(chatId), userId, Member.MEMBER, adminId, null, false);
        }
        return this;
    }

    /**
     * An admin removes a person: banned ({@code kicked}) in a supergroup, as Telegram's apps do;
     * {@code left} in a basic group.
     *
     * @param chatId the chat
     * @param userId a person in it
     * @param adminId who removed them (the update's {@code from})
     * @return this
     */
    public BotApiSimulator removedBy(long chatId, long userId, long adminId) {
        synchronized (world) {
            declare(adminId);
            SimChat chat = inChat(chatId, userId);
            world.change(chat, userId, chat.supergroup ? Member.kicked(0) : Member.LEFT, adminId, null, false);
        }
        return this;
    }

    /**
     * The bot makes a person an admin.
     *
     * @param chatId the chat
     * @param userId a person in it
     * @return this
     */
    public BotApiSimulator promote(long chatId, long userId) {
        synchronized (world) {
            world.change(inChat(chatId, userId), userId, Member.ADMINISTRATOR, world.botId, null, false);
        }
        return this;
    }

    /**
     * The bot makes an admin a plain member.
     *
     * @param chatId the chat
     * @param userId a person in it
     * @return this
     */
    public BotApiSimulator demote(long chatId, long userId) {
        synchronized (world) {
            world.change(inChat(chatId, userId), userId, Member.MEMBER, world.botId, null, false);
        }
        return this;
    }

    /**
     * A basic group is upgraded to a supergroup with the same people and links; calls that change
     * the old chat then answer 400 with {@code migrate_to_chat_id}. Pending requests are dropped
     * and no update is queued.
     *
     * @param basicChatId a basic group
     * @param supergroupId the new supergroup's id, not declared yet
     * @return this
     */
    public BotApiSimulator migrate(long basicChatId, long supergroupId) {
        synchronized (world) {
            SimChat old = chatOf(basicChatId);
            if (old.supergroup || old.migratedTo != 0) {
                throw new IllegalArgumentException("chat " + basicChatId + " is not a basic group that can be upgraded");
            }
            if (supergroupId >= 0 || world.chats.containsKey(supergroupId)) {
                throw new IllegalArgumentException("expected a new supergroup id below zero, got " + supergroupId);
            }
            SimChat chat = new SimChat(supergroupId, true);
            chat.people.putAll(old.people);
            chat.bot = old.bot;
            chat.primaryLink = old.primaryLink;
            world.links.values().stream().filter(l -> l.chatId == basicChatId).forEach(l -> l.chatId = supergroupId);
            old.requests.clear();
            old.migratedTo = supergroupId;
            world.chats.put(supergroupId, chat);
        }
        return this;
    }

    // ---- the script: the server ----

    /**
     * The next {@code times} calls of a method answer 429 {@code Too Many Requests: retry after N}
     * with {@code parameters.retry_after}.
     *
     * @param method the method name
     * @param retryAfterSeconds N
     * @param times how many calls
     * @return this
     */
    public BotApiSimulator rateLimit(String method, int retryAfterSeconds, int times) {
        return refuseWith(method, BotApiException.tooManyRequests(retryAfterSeconds), times);
    }

    /**
     * The next {@code times} calls of a method answer {@code ok:false} with this code and description.
     *
     * @param method the method name
     * @param code the error_code (also the HTTP status)
     * @param description the description, e.g. {@code "Bad Request: USER_CHANNELS_TOO_MUCH"}
     * @param times how many calls
     * @return this
     */
    public BotApiSimulator refuse(String method, int code, String description, int times) {
        return refuseWith(method, new BotApiException(code, Objects.requireNonNull(description), null, 0), times);
    }

    private BotApiSimulator refuseWith(String method, BotApiException answer, int times) {
        if (times < 0) {
            throw new IllegalArgumentException("expected a number of calls, not below zero, got " + times);
        }
        synchronized (world) {
            ArrayDeque<BotApiException> queue =
                    world.refusals.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(answer);
            }
        }
        return this;
    }

    // ---- readings ----

    /**
     * The people in a chat now (the "is a member" rule; the bot is not counted).
     *
     * @param chatId the chat
     * @return their ids, in the order they came
     */
    public Set<Long> members(long chatId) {
        synchronized (world) {
            Set<Long> in = new LinkedHashSet<>();
            chatOf(chatId).people.forEach((id, m) -> {
                if (m.inChat()) {
                    in.add(id);
                }
            });
            return Set.copyOf(in);
        }
    }

    /**
     * The people waiting for approval, in the order they asked.
     *
     * @param chatId the chat
     * @return their ids
     */
    public List<Long> pendingRequests(long chatId) {
        synchronized (world) {
            return List.copyOf(chatOf(chatId).requests.keySet());
        }
    }

    /**
     * What the simulator knows of a link.
     *
     * @param url the link
     * @return its state, or empty for a link never made
     */
    public Optional<LinkInfo> link(String url) {
        synchronized (world) {
            SimLink l = world.links.get(url);
            return l == null ? Optional.empty() : Optional.of(new LinkInfo(l.url, l.chatId, Optional.ofNullable(l.name),
                    l.memberLimit, (int) l.expireDate, l.revoked, l.createsJoinRequest, l.usage));
        }
    }

    /**
     * The method names received, in order, whatever the answer (never the token).
     *
     * @return the names as sent
     */
    public List<String> calls() {
        synchronized (world) {
            return List.copyOf(world.calls);
        }
    }

    /**
     * How many updates wait to be confirmed (past ones older than 24 hours dropped).
     *
     * @return the count
     */
    public int updatesQueued() {
        synchronized (world) {
            world.prune();
            return world.updates.size();
        }
    }

    /**
     * How many updates the webhook confirmed with a 2xx answer.
     *
     * @return the count
     */
    public int webhookDeliveries() {
        synchronized (world) {
            return world.webhookDeliveries;
        }
    }

    /**
     * How many getUpdates calls are waiting in a long poll now: a test waits for its poll to be
     * waiting before it makes the change that should wake it.
     *
     * @return the count
     */
    public int longPollsWaiting() {
        synchronized (world) {
            return world.pollsWaiting;
        }
    }

    /** Stops the server, ends waiting long polls and the webhook sender. */
    @Override
    public void close() {
        synchronized (world) {
            world.closed = true;
            world.notifyAll();
        }
        server.stop(0);
        httpThreads.shutdownNow();
        webhookSender.interrupt();
    }

    @Override
    public String toString() {
        return "BotApiSimulator[" + apiUrl() + "]"; // never the token
    }

    // ---- helpers (callers hold the lock) ----

    private void declare(long userId) {
        if (userId <= 0) {
            throw new IllegalArgumentException("expected a user id above zero, got " + userId);
        }
        world.people.putIfAbsent(userId, Optional.empty());
    }

    private SimChat chatOf(long chatId) {
        SimChat chat = world.chats.get(chatId);
        if (chat == null) {
            throw new IllegalArgumentException("no chat " + chatId + ": declare it with supergroup(...) or basicGroup(...)");
        }
        return chat;
    }

    private SimChat inChat(long chatId, long userId) {
        SimChat chat = chatOf(chatId);
        if (!chat.member(userId).inChat()) {
            throw new IllegalArgumentException("person " + userId + " is not in chat " + chatId);
        }
        return chat;
    }

    /** Who changes the bot's standing in a scripted change: the owner, else an admin, else the bot. */
    private long performer(SimChat chat) {
        long admin = world.botId;
        for (Map.Entry<Long, Member> e : chat.people.entrySet()) {
            if (e.getValue().status() == Member.Status.CREATOR) {
                return e.getKey();
            }
            if (e.getValue().admin() && admin == world.botId) {
                admin = e.getKey();
            }
        }
        return admin;
    }

    // ---- the protocol ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            int slash = path.indexOf('/', 4);
            if (!path.startsWith("/bot") || slash < 0 || slash == path.length() - 1 || path.indexOf('/', slash + 1) >= 0) {
                send(exchange, 404, error(new BotApiException(404, "Not Found", null, 0)));
                return;
            }
            String token = path.substring(4, slash);
            String method = path.substring(slash + 1);
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            ObjectNode answer;
            try {
                Params params = Params.parse(exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body);
                JsonNode result;
                synchronized (world) {
                    result = methods.call(token, method, params);
                }
                answer = BotWorld.JSON.createObjectNode().put("ok", true);
                answer.set("result", result);
                status = 200;
            } catch (BotApiException e) {
                answer = error(e);
                status = e.code;
            } catch (RuntimeException e) {
                // a simulator bug answers as the real server does when it fails, not with a reset
                answer = error(new BotApiException(500, "Internal Server Error", null, 0));
                status = 500;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the simulator is closing: no answer
                return;
            }
            send(exchange, status, answer);
        }
    }

    private static ObjectNode error(BotApiException e) {
        ObjectNode json = BotWorld.JSON.createObjectNode().put("ok", false).put("error_code", e.code)
                .put("description", e.description);
        if (e.retryAfter > 0 || e.migrateToChatId != null) {
            ObjectNode parameters = json.putObject("parameters");
            if (e.migrateToChatId != null) {
                parameters.put("migrate_to_chat_id", e.migrateToChatId);
            }
            if (e.retryAfter > 0) {
                parameters.put("retry_after", e.retryAfter);
            }
        }
        return json;
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** For a test of the simulator itself: the queued updates (kept in this package). */
    List<JsonNode> queued() {
        synchronized (world) {
            List<JsonNode> out = new ArrayList<>();
            world.updates.forEach(u -> out.add(u.json()));
            return out;
        }
    }
}
