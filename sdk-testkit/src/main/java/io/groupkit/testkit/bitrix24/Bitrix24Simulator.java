package io.groupkit.testkit.bitrix24;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.groupkit.core.time.TimeSource;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A stateful Bitrix24 portal on loopback, speaking its REST protocol: webhooks
 * ({@code /rest/{user}/{code}/{method}}), OAuth apps ({@code /rest/{method}} with {@code auth} in
 * the body, tokens renewed at {@code /oauth/token/}), CRM items with open-line chats, messenger
 * chats with owner, managers and members, the leaky bucket (503 {@code QUERY_LIMIT_EXCEEDED}),
 * per-method time budgets (429 {@code OPERATION_TIME_LIMIT}), {@code batch}, and a portal that
 * answers 302 after it moved. Time (token expiry, the bucket) follows the injected clock. Every
 * request is recorded. Thread-safe.
 */
public final class Bitrix24Simulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HttpServer server;
    private final TimeSource time;
    private final Object lock = new Object();
    private final Map<String, Long> webhooks = new HashMap<>(); // code -> user
    private final Map<Long, Employee> users = new HashMap<>();

    /** A portal user's state: dismissed users stay in user.get, inactive, and cannot be added. */
    private enum Employee { ACTIVE, DISMISSED }
    private final Set<Long> bots = new HashSet<>();
    private final Set<Long> crmAccess = new HashSet<>();
    private final Map<String, TreeSet<Long>> crmChats = new HashMap<>(); // "deal:42" -> chat ids
    private final Map<Long, Chat> chats = new HashMap<>();
    private final Map<String, Double> operating = new HashMap<>(); // method -> seconds used
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, ArrayDeque<Fault>> faults = new HashMap<>(); // method -> the next calls' faults
    private final List<String> refreshes = new ArrayList<>();
    private @Nullable App app; // an installed OAuth app, if any
    private boolean legacyWrongRequest;
    private int bucketLimit = 50;
    private double drainPerSecond = 2;
    private double bucketLevel;
    private long bucketAt;
    private double operatingCost;
    private @Nullable String movedTo; // a path prefix the portal moved to, or null
    private int refreshFailures;
    private boolean idsAsStrings;
    private int bucketRejections;
    private final Set<Long> subscribed = new HashSet<>(); // users whose im.v2 events are recorded
    private final Map<Long, List<Event>> events = new HashMap<>(); // user -> recorded events, oldest first
    private long nextEventId = 2001;
    private final Map<String, ArrayDeque<String>> rawAnswers = new HashMap<>(); // method -> the next calls' bodies

    /** Events are kept this long (the docs: 24 hours), then dropped unread. */
    private static final Duration EVENT_RETENTION = Duration.ofHours(24);
    /** An event's date as the docs write it: {@code 2025-01-15T10:30:00+02:00}, to the second. */
    private static final java.time.format.DateTimeFormatter EVENT_DATE = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(java.time.ZoneOffset.ofHours(2));

    /** One recorded im.v2 event: its id, type, when (the clock's nanoTime and wall time) and data. */
    private record Event(long id, String type, long atNanos, java.time.Instant at, ObjectNode data) {
    }

    /**
     * A request the simulator received.
     *
     * @param method the REST method (or {@code oauth/token})
     * @param body the body
     * @param atNanos the clock's reading on arrival
     */
    public record Request(String method, String body, long atNanos) {
    }

    private static final class Chat {
        @Nullable String title; // null: im.recent.list shows "Chat <id>"
        long owner;
        final Set<Long> managers = new HashSet<>();
        final Set<Long> members = new LinkedHashSet<>();
    }

    private static final class App {
        final String clientId;
        final String clientSecret;
        final long user;
        String access;
        String refresh;
        long expiresAt;
        int generation;

        App(long user, String clientId, String clientSecret, String access, String refresh, long expiresAt) {
            this.user = user;
            this.clientId = clientId;
            this.clientSecret = clientSecret;
            this.access = access;
            this.refresh = refresh;
            this.expiresAt = expiresAt;
        }
    }

    private Bitrix24Simulator(TimeSource time) throws IOException {
        this.time = time;
        this.bucketAt = time.nanoTime();
        server = io.groupkit.testkit.internal.LoopbackServers.create();
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a portal on a free loopback port.
     *
     * @param time the clock for token expiry and the bucket; share the client's in tests
     * @return the running simulator
     */
    public static Bitrix24Simulator start(TimeSource time) {
        try {
            return new Bitrix24Simulator(Objects.requireNonNull(time, "time must not be null"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the Bitrix24 simulator", e);
        }
    }

    /**
     * The portal's address.
     *
     * @return such as {@code http://127.0.0.1:40123}
     */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /**
     * Registers an inbound webhook.
     *
     * @param user the user it acts as
     * @param code its secret code
     * @return the webhook URL to give the client
     */
    public String webhook(long user, String code) {
        synchronized (lock) {
            webhooks.put(code, user);
            users.putIfAbsent(user, Employee.ACTIVE);
        }
        return url() + "/rest/" + user + "/" + code + "/";
    }

    /**
     * Installs an OAuth app acting as a user, with a first token pair.
     *
     * @param user the user
     * @param clientId the client id
     * @param clientSecret the client secret
     * @param accessToken the first access token
     * @param refreshToken the first refresh token
     * @param accessLifetime how long an access token lives (an hour in the cloud)
     * @return the client endpoint to give the client
     */
    public String oauthApp(long user, String clientId, String clientSecret, String accessToken, String refreshToken,
                           Duration accessLifetime) {
        synchronized (lock) {
            app = new App(user, clientId, clientSecret, accessToken, refreshToken,
                    time.nanoTime() + accessLifetime.toNanos());
            users.putIfAbsent(user, Employee.ACTIVE);
        }
        return url() + "/rest/";
    }

    /**
     * A person authorises the app again (after its refresh token died): the portal issues this
     * new pair, valid for an hour, and forgets the old one.
     *
     * @param accessToken the new access token
     * @param refreshToken the new refresh token
     */
    public void reauthorize(String accessToken, String refreshToken) {
        synchronized (lock) {
            App app = app();
            app.access = accessToken;
            app.refresh = refreshToken;
            app.expiresAt = time.nanoTime() + Duration.ofHours(1).toNanos();
        }
    }

    /**
     * Makes the current access token expire now.
     */
    public void expireAccessToken() {
        synchronized (lock) {
            app().expiresAt = time.nanoTime();
        }
    }

    /**
     * The refresh requests received, as the refresh token each one carried.
     *
     * @return a copy
     */
    public List<String> refreshRequests() {
        synchronized (lock) {
            return List.copyOf(refreshes);
        }
    }

    /**
     * The app's current refresh token.
     *
     * @return the token
     */
    public String currentRefreshToken() {
        synchronized (lock) {
            return app().refresh;
        }
    }

    /**
     * Users of the portal.
     *
     * @param ids the user ids
     * @return this simulator
     */
    public Bitrix24Simulator users(long... ids) {
        synchronized (lock) {
            for (long id : ids) {
                users.putIfAbsent(id, Employee.ACTIVE);
            }
        }
        return this;
    }

    /**
     * Marks a user inactive (dismissed).
     *
     * @param id the user
     * @return this simulator
     */
    public Bitrix24Simulator inactive(long id) {
        synchronized (lock) {
            users.put(id, Employee.DISMISSED);
        }
        return this;
    }

    /**
     * A chat's title, as im.recent.list shows it. Default {@code Chat <id>}.
     *
     * @param chat the chat id
     * @param title the title
     * @return this simulator
     */
    public Bitrix24Simulator title(long chat, String title) {
        synchronized (lock) {
            chats.computeIfAbsent(chat, k -> new Chat()).title = Objects.requireNonNull(title, "title must not be null");
        }
        return this;
    }

    /**
     * Chat bots of the portal: they can be added to chats, but are not portal users (user.get
     * does not return them).
     *
     * @param ids the bots' user ids
     * @return this simulator
     */
    public Bitrix24Simulator bots(long... ids) {
        synchronized (lock) {
            for (long id : ids) {
                bots.add(id);
            }
        }
        return this;
    }

    /**
     * Writes every id in answers as a JSON string ({@code "501"}), as many Bitrix24 methods do.
     * Off by default, except where the docs type an id as a string ({@code imopenlines.crm.chat.get}'s
     * {@code CHAT_ID}, {@code user.get}'s {@code ID}), which are always strings.
     *
     * @return this simulator
     */
    public Bitrix24Simulator idsAsStrings() {
        synchronized (lock) {
            idsAsStrings = true;
        }
        return this;
    }

    /**
     * Whether every id in answers is a JSON string, as a flag.
     *
     * @param on whether ids are strings
     * @return this simulator
     * @deprecated A bare {@code true} does not say what it means: use {@link #idsAsStrings()}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public Bitrix24Simulator idsAsStrings(boolean on) {
        synchronized (lock) {
            idsAsStrings = on;
        }
        return this;
    }

    /**
     * How many requests the portal's bucket refused with 503 {@code QUERY_LIMIT_EXCEEDED}.
     *
     * @return the count
     */
    public int bucketRejections() {
        synchronized (lock) {
            return bucketRejections;
        }
    }

    /**
     * A messenger chat.
     *
     * @param id the chat id
     * @param owner its owner
     * @param members further members
     * @return this simulator
     */
    public Bitrix24Simulator chat(long id, long owner, long... members) {
        synchronized (lock) {
            Chat c = chats.computeIfAbsent(id, k -> new Chat());
            c.owner = owner;
            c.members.add(owner);
            for (long m : members) {
                c.members.add(m);
            }
        }
        return this;
    }

    /**
     * Someone joins a chat with no call of the client's (another user of the portal adds them):
     * the next {@code im.chat.user.list} lists them, and every member of the chat who subscribed
     * with {@code im.v2.Event.subscribe} gets an {@code ONIMV2JOINCHAT} event, as for any add.
     *
     * @param chat the chat id (a CRM item's chat too)
     * @param user the person's user id
     * @return this simulator
     * @throws IllegalArgumentException if the chat is unknown
     */
    public Bitrix24Simulator joins(long chat, long user) {
        synchronized (lock) {
            users.putIfAbsent(user, Employee.ACTIVE);
            joined(chat, known(chat), user);
        }
        return this;
    }

    /**
     * Someone leaves a chat on their own (or another user removes them): Bitrix24 records no event
     * of it; the next {@code im.chat.user.list} no longer lists them.
     *
     * @param chat the chat id
     * @param user the person's user id
     * @return this simulator
     * @throws IllegalArgumentException if the chat is unknown
     */
    public Bitrix24Simulator leaves(long chat, long user) {
        synchronized (lock) {
            known(chat).members.remove(user);
        }
        return this;
    }

    /**
     * Answers the next call of a method with HTTP 200 and exactly this body (counted by the
     * bucket as any request): for garbage, a listing cut short, a result of the wrong shape.
     *
     * @param method the method, such as {@code im.chat.user.list}
     * @param body the body: entries that are not user ids, or JSON cut short
     * @return this simulator
     */
    public Bitrix24Simulator answerNext(String method, String body) {
        synchronized (lock) {
            rawAnswers.computeIfAbsent(Objects.requireNonNull(method, "method must not be null"), m -> new ArrayDeque<>())
                    .add(Objects.requireNonNull(body, "body must not be null"));
        }
        return this;
    }

    /**
     * The im.v2 events recorded for a user and not yet confirmed or dropped, as their types.
     *
     * @param user the subscribed user
     * @return a copy, oldest first
     */
    public List<String> pendingEvents(long user) {
        synchronized (lock) {
            dropExpiredEvents();
            return events.getOrDefault(user, List.of()).stream().map(Event::type).toList();
        }
    }

    /**
     * Gives a member the chat's EXTEND and KICK rights (a manager).
     *
     * @param chat the chat
     * @param user the member
     * @return this simulator
     */
    public Bitrix24Simulator manager(long chat, long user) {
        synchronized (lock) {
            Chat c = known(chat);
            c.managers.add(user);
            c.members.add(user);
        }
        return this;
    }

    /**
     * An open-line chat of a CRM item (a chat is created too).
     *
     * @param type {@code lead}, {@code deal}, {@code company} or {@code contact}
     * @param entity the item's id
     * @param chatId the chat's id
     * @param owner the chat's owner
     * @return this simulator
     */
    public Bitrix24Simulator crmChat(String type, long entity, long chatId, long owner) {
        synchronized (lock) {
            crmChats.computeIfAbsent(type + ":" + entity, k -> new TreeSet<>()).add(chatId);
            chat(chatId, owner);
        }
        return this;
    }

    /**
     * A CRM item without any chat.
     *
     * @param type the type
     * @param entity the id
     * @return this simulator
     */
    public Bitrix24Simulator crmItemWithoutChat(String type, long entity) {
        synchronized (lock) {
            crmChats.computeIfAbsent(type + ":" + entity, k -> new TreeSet<>());
        }
        return this;
    }

    /**
     * Lets a user act on CRM items' chats.
     *
     * @param user the user
     * @return this simulator
     */
    public Bitrix24Simulator crmAccess(long user) {
        synchronized (lock) {
            crmAccess.add(user);
        }
        return this;
    }

    /**
     * Answers as older builds do: every refused add answers WRONG_REQUEST.
     *
     * @return this simulator
     */
    public Bitrix24Simulator legacyWrongRequest() {
        synchronized (lock) {
            legacyWrongRequest = true;
        }
        return this;
    }

    /**
     * Whether to answer as older builds do, as a flag.
     *
     * @param on true for the older behaviour
     * @return this simulator
     * @deprecated A bare {@code true} does not say what it means: use {@link #legacyWrongRequest()}.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public Bitrix24Simulator legacyWrongRequest(boolean on) {
        synchronized (lock) {
            legacyWrongRequest = on;
        }
        return this;
    }

    /**
     * The leaky bucket. Default 50 and 2 per second.
     *
     * @param limit requests above which 503 is answered
     * @param perSecond how fast it drains
     * @return this simulator
     */
    public Bitrix24Simulator bucket(int limit, double perSecond) {
        synchronized (lock) {
            bucketLimit = limit;
            drainPerSecond = perSecond;
        }
        return this;
    }

    /**
     * Seconds of server time each call of a method costs against its 480-second budget. Default 0.
     *
     * @param seconds the cost
     * @return this simulator
     */
    public Bitrix24Simulator operatingCost(double seconds) {
        synchronized (lock) {
            operatingCost = seconds;
        }
        return this;
    }

    /**
     * The portal moved: requests to the old address get 302 to the new one (this prefix).
     *
     * @param prefix a path prefix such as {@code /moved}
     * @return this simulator
     */
    public Bitrix24Simulator moveTo(String prefix) {
        synchronized (lock) {
            movedTo = prefix;
        }
        return this;
    }

    /**
     * A scripted fault of the next call of a method (a batch's commands are not affected).
     *
     * @param status the HTTP status of the error answer, or 0 to close the connection with no answer
     * @param error the error code ({@code QUERY_LIMIT_EXCEEDED}); with status 0, unused
     * @param applied with status 0: whether the call is carried out before the connection closes
     */
    public record Fault(int status, String error, boolean applied) {
        /**
         * Closes the connection as soon as the call arrives, without carrying it out.
         *
         * @return the fault
         */
        public static Fault dropConnection() {
            return new Fault(0, "", false);
        }

        /**
         * Carries the call out, then closes the connection before the answer.
         *
         * @return the fault
         */
        public static Fault dropConnectionAfterApplying() {
            return new Fault(0, "", true);
        }

        /**
         * An error answer, as the portal gives it.
         *
         * @param status the status, such as 503
         * @param error the code, such as {@code QUERY_LIMIT_EXCEEDED}
         * @return the fault
         */
        public static Fault answer(int status, String error) {
            return new Fault(status, error, false);
        }
    }

    /**
     * Scripts the next call of a method.
     *
     * @param method the method, such as {@code im.chat.user.add}
     * @param fault what happens to it
     * @return this simulator
     */
    public Bitrix24Simulator failNext(String method, Fault fault) {
        synchronized (lock) {
            faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(fault);
        }
        return this;
    }

    /**
     * Makes the next refreshes fail with 503.
     *
     * @param times how many
     * @return this simulator
     */
    public Bitrix24Simulator failRefreshes(int times) {
        synchronized (lock) {
            refreshFailures = times;
        }
        return this;
    }

    /**
     * The members of a chat now.
     *
     * @param chat the chat id
     * @return a copy
     */
    public Set<Long> members(long chat) {
        synchronized (lock) {
            Chat c = chats.get(chat);
            return c == null ? Set.of() : Set.copyOf(c.members);
        }
    }

    /**
     * A chat's owner.
     *
     * @param chat the chat id
     * @return the owner's id
     */
    public long owner(long chat) {
        synchronized (lock) {
            return known(chat).owner;
        }
    }

    /**
     * Every request so far.
     *
     * @return a copy
     */
    public List<Request> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /**
     * The requests of one method (a batch counts as one request of {@code batch}).
     *
     * @param method the method
     * @return a copy
     */
    public List<Request> requests(String method) {
        synchronized (lock) {
            return requests.stream().filter(r -> r.method().equals(method)).toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private App app() {
        App a = app;
        if (a == null) {
            throw new IllegalStateException("no OAuth app: install one with oauthApp(...) first");
        }
        return a;
    }

    /** A chat the set-up made: an unknown id is the caller's mistake. */
    private Chat known(long chat) {
        Chat c = chats.get(chat);
        if (c == null) {
            throw new IllegalArgumentException("no chat " + chat + " in this simulator: make it with chat(...) first");
        }
        return c;
    }

    // ---- the protocol ----

    private record Answer(int status, String body, @Nullable String location) {
        Answer(int status, String body) {
            this(status, body, null);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer a;
            synchronized (lock) {
                a = route(path, query, body);
            }
            if (a.status() == 0) {
                return; // a scripted fault: the connection closes with no answer at all
            }
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            String location = a.location();
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Answer route(String path, String query, String body) {
        if (path.startsWith("/oauth/token")) {
            return refresh(query);
        }
        String movedTo = this.movedTo;
        if (movedTo != null) {
            if (!path.startsWith(movedTo + "/")) {
                // The old address answers too, and that answer counts against the bucket.
                return overBucket() ? rejectedByBucket() : new Answer(302, "", url() + movedTo + path);
            }
            path = path.substring(movedTo.length());
        }
        String[] parts = path.split("/");
        // /rest/{method} or /rest/{user}/{code}/{method}
        if (parts.length < 3 || !"rest".equals(parts[1])) {
            return error(404, "ERROR_METHOD_NOT_FOUND", "Method not found");
        }
        String method = parts[parts.length - 1].replaceAll("\\.json$", "");
        requests.add(new Request(method, body, time.nanoTime()));
        // Every request counts against the portal's bucket, one with stale credentials too.
        if (overBucket()) {
            return rejectedByBucket();
        }
        JsonNode params;
        try {
            params = body.isEmpty() ? NODES.objectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "INVALID_REQUEST", "Bad JSON");
        }
        Long caller;
        if (parts.length == 5) {
            caller = webhooks.get(parts[3]);
            if (caller == null || !caller.toString().equals(parts[2])) {
                return error(401, "NO_AUTH_FOUND", "Wrong authorization data");
            }
        } else {
            App app = this.app;
            if (app == null || !params.path("auth").isTextual()) {
                return error(401, "NO_AUTH_FOUND", "Wrong authorization data");
            }
            if (!app.access.equals(params.path("auth").asText())) {
                return error(401, "invalid_token", "The access token provided is invalid.");
            }
            if (time.nanoTime() - app.expiresAt >= 0) {
                return error(401, "expired_token", "The access token provided has expired.");
            }
            caller = app.user;
        }
        ArrayDeque<Fault> scripted = faults.get(method);
        Fault fault = scripted == null ? null : scripted.poll();
        if (fault != null && fault.status() != 0) {
            return error(fault.status(), fault.error(), "scripted fault");
        }
        ArrayDeque<String> raw = rawAnswers.get(method);
        String rawBody = raw == null ? null : raw.poll();
        if (rawBody != null) {
            return new Answer(200, rawBody);
        }
        if (fault != null && !fault.applied()) {
            return new Answer(0, "");
        }
        Answer answer = method.equals("batch") ? batch(caller, params) : call(caller, method, params);
        return fault != null ? new Answer(0, "") : answer;
    }

    private Answer rejectedByBucket() {
        bucketRejections++;
        return error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
    }

    private boolean overBucket() {
        long now = time.nanoTime();
        bucketLevel = Math.max(0, bucketLevel - (now - bucketAt) / 1e9 * drainPerSecond);
        bucketAt = now;
        if (bucketLevel + 1 > bucketLimit) {
            return true;
        }
        bucketLevel += 1;
        return false;
    }

    private Answer call(long caller, String method, JsonNode p) {
        double used = operating.merge(method, operatingCost, Double::sum);
        if (used > 480) {
            return error(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.");
        }
        Answer a = invoke(caller, method, p);
        if (a.status() == 200) {
            ObjectNode json = (ObjectNode) parse(a.body());
            long resetAt = time.now().getEpochSecond() + 600;
            json.putObject("time").put("operating", used).put("operating_reset_at", resetAt);
            return new Answer(200, json.toString());
        }
        return a;
    }

    private Answer invoke(long caller, String method, JsonNode p) {
        switch (method) {
            case "im.chat.user.add": {
                Chat c = chats.get(p.path("CHAT_ID").asLong());
                if (c == null) {
                    return error(400, "CHAT_ID_EMPTY", "Chat ID can't be empty");
                }
                List<Long> add = new ArrayList<>();
                p.path("USERS").forEach(u -> add.add(u.asLong()));
                boolean rights = c.owner == caller || c.managers.contains(caller);
                if (!rights) {
                    return legacyWrongRequest ? wrongRequest() : error(400, "ACCESS_DENIED_EXTEND",
                            "You don't have access to add users to this chat");
                }
                if (add.stream().allMatch(c.members::contains)) {
                    return wrongRequest();
                }
                // As Bitrix24 does: dismissed (inactive) and unknown users are skipped without an error.
                long chatId = p.path("CHAT_ID").asLong();
                add.stream().filter(u -> bots.contains(u) || users.get(u) == Employee.ACTIVE)
                        .forEach(u -> joined(chatId, c, u));
                return ok(NODES.booleanNode(true));
            }
            case "im.chat.user.delete": {
                Chat c = chats.get(p.path("CHAT_ID").asLong());
                if (c == null) {
                    return error(400, "CHAT_ID_EMPTY", "Chat ID can't be empty");
                }
                long user = p.path("USER_ID").asLong();
                if (!(c.owner == caller || c.managers.contains(caller))) {
                    return error(400, "ACCESS_DENIED_KICK", "You don't have access to remove users from this chat");
                }
                if (!c.members.remove(user)) {
                    return error(400, "USER_NOT_FOUND", "User not found in chat");
                }
                return ok(NODES.booleanNode(true));
            }
            case "im.chat.user.list": {
                Chat c = chats.get(p.path("CHAT_ID").asLong());
                if (c == null) {
                    return error(400, "CHAT_ID_EMPTY", "Chat ID can't be empty");
                }
                ArrayNode list = NODES.arrayNode();
                if (c != null && c.members.contains(caller)) {
                    c.members.forEach(m -> list.add(id(m)));
                }
                return ok(list);
            }
            case "im.chat.setOwner": {
                Chat c = chats.get(p.path("CHAT_ID").asLong());
                if (c == null || c.owner != caller) {
                    return wrongRequest();
                }
                c.owner = p.path("USER_ID").asLong();
                joined(p.path("CHAT_ID").asLong(), c, c.owner);
                return ok(NODES.booleanNode(true));
            }
            case "im.chat.leave": {
                Chat c = chats.get(p.path("CHAT_ID").asLong());
                if (c == null) {
                    return error(400, "CHAT_ID_EMPTY", "Chat ID can't be empty");
                }
                c.members.remove(caller);
                return ok(NODES.booleanNode(true));
            }
            case "imopenlines.crm.chat.get": {
                if (!crmAccess.contains(caller)) {
                    return error(403, "ACCESS_DENIED", "Access denied");
                }
                ArrayNode list = NODES.arrayNode();
                TreeSet<Long> ids = crmChats.get(crmKey(p));
                if (ids != null) {
                    // Documented as a string: "CHAT_ID": "9852".
                    ids.forEach(id -> list.addObject().put("CHAT_ID", String.valueOf(id)).put("CONNECTOR_ID", "whatsapp")
                            .put("CONNECTOR_TITLE", "WhatsApp"));
                }
                return ok(list);
            }
            case "im.recent.list":
                return recentList(caller, p);
            case "imopenlines.crm.chat.getLastId": {
                TreeSet<Long> ids = crmChats.get(crmKey(p));
                return ok(id(ids == null || ids.isEmpty() ? 0 : ids.last()));
            }
            case "user.get": {
                ArrayNode list = NODES.arrayNode();
                long id = p.path("ID").asLong(p.path("FILTER").path("ID").asLong(0));
                Employee user = users.get(id);
                if (user != null) {
                    list.addObject().put("ID", String.valueOf(id)).put("ACTIVE", user == Employee.ACTIVE);
                }
                return ok(list);
            }
            case "imopenlines.crm.chat.user.add":
            case "imopenlines.crm.chat.user.delete":
                return crm(caller, method.endsWith("add"), p);
            case "im.v2.Event.subscribe":
                subscribed.add(caller);
                return ok(NODES.booleanNode(true));
            case "im.v2.Event.unsubscribe":
                subscribed.remove(caller);
                return ok(NODES.booleanNode(true));
            case "im.v2.Event.get":
                return eventGet(caller, p);
            default:
                return error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
        }
    }

    /**
     * A person is in a chat now: unless they already were, every subscribed member of the chat
     * (the person too) gets an ONIMV2JOINCHAT event, with the fields the docs give.
     */
    private void joined(long chatId, Chat c, long user) {
        if (!c.members.add(user)) {
            return;
        }
        dropExpiredEvents();
        java.time.Instant at = time.now();
        for (long member : c.members) {
            if (!subscribed.contains(member)) {
                continue;
            }
            ObjectNode data = NODES.objectNode().put("dialogId", "chat" + chatId);
            String title = c.title != null ? c.title : "Chat " + chatId;
            data.putObject("chat").put("id", chatId).put("dialogId", "chat" + chatId).put("name", title)
                    .put("type", "chat").put("messageType", "C").put("owner", c.owner).put("entityType", "")
                    .put("entityId", "");
            data.putObject("user").put("id", user).put("active", users.get(user) != Employee.DISMISSED)
                    .put("name", "User " + user).put("bot", bots.contains(user)).put("externalAuthId", "default");
            data.put("language", "en");
            events.computeIfAbsent(member, k -> new ArrayList<>())
                    .add(new Event(nextEventId++, "ONIMV2JOINCHAT", time.nanoTime(), at, data));
        }
    }

    /** Events older than the retention are gone, read or not. */
    private void dropExpiredEvents() {
        long oldest = time.nanoTime() - EVENT_RETENTION.toNanos();
        events.values().forEach(list -> list.removeIf(e -> e.atNanos() - oldest < 0));
    }

    /**
     * im.v2.Event.get: {@code offset} confirms (removes) the caller's events before it and the
     * answer starts there; {@code limit} 1 to 1000, default 100; {@code nextOffset} follows the last
     * event returned; {@code hasMore}. Without a subscription nothing was recorded: an empty list.
     */
    private Answer eventGet(long caller, JsonNode p) {
        dropExpiredEvents();
        List<Event> mine = events.computeIfAbsent(caller, k -> new ArrayList<>());
        boolean hasOffset = p.hasNonNull("offset");
        long offset = p.path("offset").asLong(0);
        if (hasOffset) {
            mine.removeIf(e -> e.id() < offset);
        }
        int limit = Math.min(1000, Math.max(1, p.path("limit").asInt(100)));
        ObjectNode result = NODES.objectNode();
        ArrayNode list = result.putArray("events");
        long next = hasOffset ? offset : 0;
        int n = 0;
        for (Event e : mine) {
            if (n == limit) {
                break;
            }
            ObjectNode item = list.addObject().put("eventId", e.id()).put("type", e.type())
                    .put("date", EVENT_DATE.format(e.at()));
            item.set("data", e.data().deepCopy());
            next = e.id() + 1;
            n++;
        }
        result.put("nextOffset", next).put("hasMore", mine.size() > n);
        return ok(result);
    }

    /**
     * The caller's recent conversations, as im.recent.list pages them: its chats (newest id first),
     * a one-on-one dialog unless {@code SKIP_DIALOG=Y}, {@code OFFSET} and {@code LIMIT} (default
     * 50, at most 200), {@code hasMore}.
     */
    private Answer recentList(long caller, JsonNode p) {
        List<ObjectNode> items = new ArrayList<>();
        if (!"Y".equals(p.path("SKIP_DIALOG").asText("N"))) {
            items.add(NODES.objectNode().put("id", caller).put("chat_id", 9_000_000 + caller).put("type", "user")
                    .put("title", "Myself"));
        }
        chats.entrySet().stream().sorted(Map.Entry.<Long, Chat>comparingByKey().reversed())
                .filter(e -> e.getValue().members.contains(caller))
                .forEach(e -> {
                    Chat c = e.getValue();
                    String role = c.owner == caller ? "OWNER" : c.managers.contains(caller) ? "MANAGER" : "MEMBER";
                    String title = c.title != null ? c.title : "Chat " + e.getKey();
                    ObjectNode item = NODES.objectNode().put("id", "chat" + e.getKey()).put("chat_id", e.getKey())
                            .put("type", "chat").put("title", title);
                    ObjectNode chat = item.putObject("chat").put("id", e.getKey()).put("name", title).put("owner", c.owner)
                            .put("type", "chat").put("user_counter", c.members.size()).put("role", role);
                    chat.putObject("restrictions").put("extend", true).put("user_list", true);
                    // Only the owner and managers may add people here (as im.chat.user.add enforces).
                    chat.putObject("permissions").put("manage_users_add", "manager").put("manage_users_delete", "manager");
                    items.add(item);
                });
        int offset = Math.max(0, p.path("OFFSET").asInt(0));
        int limit = Math.min(200, Math.max(1, p.path("LIMIT").asInt(50)));
        ObjectNode result = NODES.objectNode();
        ArrayNode page = result.putArray("items");
        items.stream().skip(offset).limit(limit).forEach(page::add);
        boolean more = offset + limit < items.size();
        result.put("hasMorePages", more).put("hasMore", more);
        return ok(result);
    }

    private Answer crm(long caller, boolean add, JsonNode p) {
        TreeSet<Long> ids = crmChats.get(crmKey(p));
        if (ids == null) {
            return error(400, "ERROR_ARGUMENT", "Wrong CRM_ENTITY");
        }
        if (!crmAccess.contains(caller)) {
            return error(403, "ACCESS_DENIED", "Access denied");
        }
        if (ids.isEmpty()) {
            return ok(NODES.numberNode(0));
        }
        long chatId = p.has("CHAT_ID") ? p.path("CHAT_ID").asLong() : ids.last();
        if (!ids.contains(chatId)) {
            return error(400, "CHAT_NOT_IN_CRM", "The chat does not belong to this CRM item");
        }
        long user = p.path("USER_ID").asLong();
        Chat c = known(chatId); // a CRM item's chats are made with it (crmChat)
        if (add) {
            if (users.get(user) != Employee.ACTIVE) {
                return error(400, "CRM_CHAT_USER_NOT_ACTIVE", "The user is not active");
            }
            if (c.members.contains(user)) {
                return wrongRequest();
            }
            joined(chatId, c, user);
            return ok(id(chatId));
        }
        if (!c.members.remove(user)) {
            return error(400, "WRONG_REQUEST", "You don't have access or user already not in chat");
        }
        return ok(NODES.booleanNode(true));
    }

    private Answer batch(long caller, JsonNode params) {
        JsonNode cmd = params.path("cmd");
        if (cmd.size() > 50) {
            return error(400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded");
        }
        ObjectNode result = NODES.objectNode();
        ObjectNode errors = NODES.objectNode();
        cmd.fields().forEachRemaining(e -> {
            String line = e.getValue().asText();
            int q = line.indexOf('?');
            String method = q < 0 ? line : line.substring(0, q);
            if (method.equals("batch")) {
                errors.set(e.getKey(), NODES.objectNode().put("error", "ERROR_BATCH_METHOD_NOT_ALLOWED")
                        .put("error_description", "Nested batch"));
                return;
            }
            Answer a = call(caller, method, fromQuery(q < 0 ? "" : line.substring(q + 1)));
            JsonNode json = parse(a.body());
            if (a.status() == 200) {
                result.set(e.getKey(), json.path("result"));
            } else {
                errors.set(e.getKey(), NODES.objectNode().put("error", json.path("error").asText())
                        .put("error_description", json.path("error_description").asText()));
            }
        });
        ObjectNode outer = NODES.objectNode();
        outer.set("result", result);
        outer.set("result_error", errors.isEmpty() ? NODES.arrayNode() : errors);
        return ok(outer);
    }

    /** Parses {@code A=1&USERS[]=5&USERS[]=6} as Bitrix24 (PHP) does. */
    private static JsonNode fromQuery(String query) {
        ObjectNode p = NODES.objectNode();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (key.endsWith("[]")) {
                JsonNode existing = p.get(key.substring(0, key.length() - 2));
                ArrayNode list = existing instanceof ArrayNode a ? a : p.putArray(key.substring(0, key.length() - 2));
                list.add(value);
            } else {
                p.put(key, value);
            }
        }
        return p;
    }

    private Answer refresh(String query) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : (query == null ? "" : query).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        requests.add(new Request("oauth/token", "", time.nanoTime()));
        refreshes.add(q.getOrDefault("refresh_token", ""));
        if (refreshFailures > 0) {
            refreshFailures--;
            return new Answer(503, "{\"error\":\"temporarily_unavailable\"}");
        }
        App app = this.app;
        if (app == null || !app.clientId.equals(q.get("client_id")) || !app.clientSecret.equals(q.get("client_secret"))) {
            return new Answer(401, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}");
        }
        if (!"refresh_token".equals(q.get("grant_type")) || !app.refresh.equals(q.get("refresh_token"))) {
            return new Answer(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token\"}");
        }
        app.generation++;
        app.access = "acc" + app.generation + "x" + Long.toHexString(time.nanoTime());
        app.refresh = "ref" + app.generation + "x" + Long.toHexString(time.nanoTime());
        app.expiresAt = time.nanoTime() + Duration.ofHours(1).toNanos();
        ObjectNode json = NODES.objectNode().put("access_token", app.access).put("refresh_token", app.refresh)
                .put("expires_in", 3600).put("client_endpoint", url() + "/rest/").put("member_id", "sim")
                .put("user_id", app.user).put("scope", "im,imopenlines");
        return new Answer(200, json.toString());
    }

    private static String crmKey(JsonNode p) {
        return p.path("CRM_ENTITY_TYPE").asText("").toLowerCase(Locale.ROOT) + ":" + p.path("CRM_ENTITY").asText("");
    }

    private JsonNode id(long id) {
        return idsAsStrings ? NODES.textNode(String.valueOf(id)) : NODES.numberNode(id);
    }

    private static Answer wrongRequest() {
        return error(400, "WRONG_REQUEST", "You don't have access or user already member in chat");
    }

    private static Answer ok(JsonNode result) {
        ObjectNode json = NODES.objectNode();
        json.set("result", result);
        return new Answer(200, json.toString());
    }

    private static Answer error(int status, String code, String description) {
        return new Answer(status, NODES.objectNode().put("error", code).put("error_description", description).toString());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Bitrix24Simulator[" + url() + "]";
    }
}
