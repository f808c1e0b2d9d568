package io.groupkit.testkit.greenapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.groupkit.core.time.TimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A stateful Green-API on loopback, speaking its HTTP protocol:
 * {@code /waInstance{id}/{method}/{token}}.
 *
 * <pre>{@code
 * try (GreenApiSimulator sim = GreenApiSimulator.start()) {
 *     GreenApiSimulator.Instance i = sim.instance("1101000001", "secret-token");
 *     i.group("120363000000000001@g.us");
 *     GreenApiClient client = GreenApi.builder().apiUrl(sim.url()).instance("1101000001", "secret-token").build();
 * }
 * }</pre>
 *
 * <p>What it models: instance state (authorized, yellowCard, ...), the instance's own number,
 * groups with participants and admins, the phone's contacts, which numbers have WhatsApp, people
 * who refuse to be added, per-method rate limits (429 above them, on the injected clock), quotas
 * (466), and scripted faults (any status and body, a dropped connection). Every request is
 * recorded. Thread-safe; requests are handled one at a time on the server's own thread.
 *
 * <p>Each instance speaks one {@link Product}: WhatsApp by default, or MAX (under {@code /v3/} or
 * without it), Telegram or Instagram, with that product's group field, id shapes, account check,
 * answers, states, invite links and rates. State is kept per instance: an instance never sees
 * another's groups, people or requests.
 */
public final class GreenApiSimulator implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** WhatsApp's documented rates (https://green-api.com/en/docs/api/ratelimiter); 10 for a method not listed. */
    private static final Map<String, Integer> WHATSAPP_RATES = Map.ofEntries(
            Map.entry("createGroup", 1), Map.entry("updateGroupName", 1), Map.entry("getGroupData", 1),
            Map.entry("getContacts", 1), Map.entry("getStateInstance", 1), Map.entry("getSettings", 1),
            Map.entry("addGroupParticipant", 10), Map.entry("removeGroupParticipant", 10),
            Map.entry("setGroupAdmin", 10), Map.entry("removeAdmin", 10), Map.entry("leaveGroup", 10),
            Map.entry("checkWhatsapp", 10), Map.entry("sendMessage", 50), Map.entry("addContact", 1), Map.entry("getChats", 1));

    private final HttpServer server;
    private final TimeSource time;
    private final Rates rates;
    private final Object lock = new Object();
    private int rateRejections; // guarded by lock
    private final Map<String, Instance> instances = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();

    /**
     * A request the simulator received.
     *
     * @param instance the instance id in the path
     * @param method the method in the path
     * @param body the body as sent
     * @param atNanos the time source's reading on arrival
     */
    public record Request(String instance, String method, String body, long atNanos) {
    }

    /**
     * A scripted fault: answer with a status and body, or drop the connection without answering.
     *
     * @param status the status, or 0 to drop the connection
     * @param body the body
     * @param appliedFirst whether the call is carried out before the fault is answered (a proxy's
     *     502 after WhatsApp made the change)
     */
    public record Fault(int status, String body, boolean appliedFirst) {
        /**
         * A fault answered instead of carrying the call out.
         *
         * @param status the status, or 0 to drop the connection
         * @param body the body
         */
        public Fault(int status, String body) {
            this(status, body, false);
        }

        /** The status of {@link #dropConnectionAfterApplying()}: no HTTP status, a marker. */
        static final int AFTER_APPLYING = -1;

        /**
         * Closes the connection before any answer: to the client, a lost answer.
         *
         * @return the fault
         */
        public static Fault dropConnection() {
            return new Fault(0, "");
        }

        /**
         * Carries the call out, then closes the connection before the answer: to the client, a
         * lost answer of a change that was made.
         *
         * @return the fault
         */
        public static Fault dropConnectionAfterApplying() {
            return new Fault(AFTER_APPLYING, "");
        }

        /**
         * An answer with any status and body.
         *
         * @param status the status
         * @param body the body
         * @return the fault
         */
        public static Fault answer(int status, String body) {
            return new Fault(status, body);
        }

        /**
         * Carries the call out, then answers with any status and body instead of its answer: a
         * gateway's 502 page for a change that was made.
         *
         * @param status the status
         * @param body the body
         * @return the fault
         */
        public static Fault answerAfterApplying(int status, String body) {
            return new Fault(status, body, true);
        }
    }

    /** Whether the simulator keeps Green-API's per-method rates. */
    public enum Rates {
        /** Calls above Green-API's per-method rates are answered 429, as Green-API does. */
        ENFORCED,
        /** Every call is answered, however fast they come (for tests of something else than pacing). */
        IGNORED
    }

    private GreenApiSimulator(TimeSource time, Rates rates) throws IOException {
        this.time = time;
        this.rates = rates;
        this.server = io.groupkit.testkit.internal.LoopbackServers.create();
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a simulator on a free loopback port, on real time, enforcing rate limits.
     *
     * @return the running simulator
     */
    public static GreenApiSimulator start() {
        return start(TimeSource.system());
    }

    /**
     * Starts a simulator on a free loopback port, enforcing rate limits.
     *
     * @param time the clock for rate limits; share the client's {@link io.groupkit.testkit.time.VirtualTime} in tests
     * @return the running simulator
     */
    public static GreenApiSimulator start(TimeSource time) {
        return start(time, Rates.ENFORCED);
    }

    /**
     * Starts a simulator on a free loopback port.
     *
     * @param time the clock for rate limits; share the client's {@link io.groupkit.testkit.time.VirtualTime} in tests
     * @param rates {@link Rates#IGNORED} to answer every call however fast they come
     * @return the running simulator
     */
    public static GreenApiSimulator start(TimeSource time, Rates rates) {
        try {
            return new GreenApiSimulator(Objects.requireNonNull(time, "time must not be null"),
                    Objects.requireNonNull(rates, "rates must not be null"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the Green-API simulator", e);
        }
    }

    /**
     * Starts a simulator, whether it enforces rate limits given as a flag.
     *
     * @param time the clock for rate limits
     * @param enforceRates true for {@link Rates#ENFORCED}
     * @return the running simulator
     * @deprecated A bare {@code true} does not say what it means: use {@link #start(TimeSource)} or
     *     {@link #start(TimeSource, Rates)}, to which this delegates.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public static GreenApiSimulator start(TimeSource time, boolean enforceRates) {
        return start(time, enforceRates ? Rates.ENFORCED : Rates.IGNORED);
    }

    /**
     * The base URL to give the client as apiUrl.
     *
     * @return such as {@code http://127.0.0.1:40123}
     */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /**
     * An instance, created authorized if new.
     *
     * @param id the idInstance
     * @param token its apiTokenInstance
     * @return the instance's script
     */
    public Instance instance(String id, String token) {
        return instance(id, token, Product.WHATSAPP);
    }

    /**
     * An instance of a product, created authorized if new.
     *
     * @param id the idInstance
     * @param token its apiTokenInstance
     * @param product the messenger it speaks
     * @return the instance's script
     * @throws IllegalArgumentException if the id is already an instance of another product
     */
    public Instance instance(String id, String token, Product product) {
        Objects.requireNonNull(product, "product must not be null");
        synchronized (lock) {
            Instance inst = instances.computeIfAbsent(id, k -> new Instance(token, product));
            if (inst.product != product) {
                throw new IllegalArgumentException("expected the product instance " + id + " was made with ("
                        + inst.product + "), got " + product);
            }
            return inst;
        }
    }

    /**
     * How many requests the simulator refused with 429 for going over a method's rate (only when
     * rates are enforced).
     *
     * @return the count
     */
    public int rateRejections() {
        synchronized (lock) {
            return rateRejections;
        }
    }

    /**
     * Every request so far, in order of arrival.
     *
     * @return a copy
     */
    public List<Request> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /**
     * The requests of one method.
     *
     * @param method the method
     * @return a copy
     */
    public List<Request> requests(String method) {
        synchronized (lock) {
            return requests.stream().filter(r -> r.method().equals(method)).toList();
        }
    }

    private List<Request> requestsOf(String instance) {
        return requests.stream().filter(r -> r.instance().equals(instance)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- the protocol ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] parts = exchange.getRequestURI().getPath().split("/");
            // "", ["v3",] "waInstance{id}", method, token
            boolean v3 = parts.length == 5 && "v3".equals(parts[1]);
            int at = v3 ? 2 : 1;
            if (parts.length != at + 3 || !parts[at].startsWith("waInstance") || v3 && !onMax(parts[at])) {
                send(exchange, 404, "{\"message\":\"not found\"}");
                return;
            }
            String id = parts[at].substring("waInstance".length());
            String method = parts[at + 1];
            String token = parts[at + 2];
            byte[] raw = readAll(exchange.getRequestBody());
            String body = new String(raw, StandardCharsets.UTF_8);
            Answer answer;
            synchronized (lock) {
                requests.add(new Request(id, method, body, time.nanoTime()));
                Instance reached = instances.get(id);
                if (v3 && reached != null) {
                    reached.underV3++;
                }
                answer = answer(id, method, token, exchange.getRequestMethod(), body);
            }
            if (answer.status() == 0) {
                return; // the connection closes with no answer at all
            }
            send(exchange, answer.status(), answer.body());
        }
    }

    /** Only MAX's paths may carry {@code /v3/} (https://green-api.com/v3/docs/request-format: optional there). */
    private boolean onMax(String instanceSegment) {
        synchronized (lock) {
            Instance inst = instances.get(instanceSegment.substring("waInstance".length()));
            return inst != null && inst.product == Product.MAX;
        }
    }

    private record Answer(int status, String body) {
    }

    private Answer answer(String id, String method, String token, String verb, String body) {
        Instance inst = instances.get(id);
        if (inst != null && inst.token.equals(token)) {
            ArrayDeque<Fault> faults = inst.faults.get(method);
            if (faults != null && !faults.isEmpty() && faults.peek().status() == Fault.AFTER_APPLYING) {
                faults.poll();
                answerNow(id, method, token, verb, body);
                return new Answer(0, "");
            }
            if (faults != null && !faults.isEmpty() && faults.peek().appliedFirst()) {
                Fault f = faults.poll();
                answerNow(id, method, token, verb, body);
                return new Answer(f.status(), f.body());
            }
        }
        return answerNow(id, method, token, verb, body);
    }

    private Answer answerNow(String id, String method, String token, String verb, String body) {
        Instance inst = instances.get(id);
        if (inst == null) {
            return new Answer(403, "Forbidden");
        }
        if (!inst.token.equals(token)) {
            return new Answer(401, "Unauthorized");
        }
        ArrayDeque<Fault> faults = inst.faults.get(method);
        if (faults != null && !faults.isEmpty()) {
            Fault f = faults.poll();
            return new Answer(f.status(), f.body());
        }
        if (rates == Rates.ENFORCED && overRate(inst, method)) {
            rateRejections++;
            return new Answer(429, "{\"message\":\"Too Many Requests\"}");
        }
        Integer quota = inst.quotas.get(method);
        if (quota != null) {
            int used = inst.used.merge(method, 1, Integer::sum);
            if (used > quota) {
                return new Answer(466, "{\"invokeStatus\":{\"method\":\"" + method + "\",\"used\":" + (used - 1)
                        + ",\"total\":" + quota + ",\"status\":\"QUOTE_EXCEEDED\",\"description\":\"Monthly quota has been exceeded.\"}}");
            }
        }
        if ("starting".equals(inst.state) && !"getStateInstance".equals(method)) {
            return new Answer(400, "instance in starting process try later");
        }
        if (("notAuthorized".equals(inst.state) || "pendingPassword".equals(inst.state)) && !"getStateInstance".equals(method)) {
            return new Answer(400, "instance account not authorized");
        }
        if (!inst.product.has(method)) {
            // A method the product lacks (Instagram's setGroupPicture, checkWhatsapp outside WhatsApp):
            // the simulator's reading is Green-API's answer to any unknown path, 404.
            return new Answer(404, "{\"message\":\"unknown method\"}");
        }
        if ("setGroupPicture".equals(method)) {
            return setGroupPicture(inst, body);
        }
        JsonNode parsed = null;
        if ("POST".equals(verb)) {
            try {
                parsed = JSON.readTree(body);
            } catch (IOException e) {
                return new Answer(400, "bad request data");
            }
            if (parsed == null || !parsed.isObject()) {
                return new Answer(400, "bad request data");
            }
        }
        JsonNode json = parsed == null ? JSON.createObjectNode() : parsed; // a GET has no body: no fields
        return switch (method) {
            case "getStateInstance" -> ok(JSON.createObjectNode().put("stateInstance", inst.state));
            case "getSettings" -> ok(JSON.createObjectNode().put("wid", inst.product == Product.INSTAGRAM
                    ? inst.ownId : inst.ownKey()).put("typeInstance", inst.product.typeInstance));
            case "getAccountSettings" -> accountSettings(inst);
            case "getContacts" -> contacts(inst);
            case "getChats" -> chats(inst);
            case "checkWhatsapp" -> checkWhatsapp(inst, json);
            case "checkAccount" -> checkAccount(inst, json);
            // A group that does not exist or that the instance is not in: 200 with a JSON string.
            case "getGroupData" -> getGroupData(inst, json);
            case "addContact" -> addContact(inst, json);
            case "addGroupParticipant" -> withGroup(inst, json, g -> addParticipant(inst, g, json));
            case "removeGroupParticipant" -> withGroup(inst, json, g -> flag("removeParticipant",
                    g.admin(inst) && g.members.remove(g.numberOf(inst.resolve(text(json, "participantChatId")))) != null));
            case "setGroupAdmin", "removeAdmin" -> withGroup(inst, json, g -> setAdmin(inst, g, json, method));
            case "updateGroupName" -> withGroup(inst, json, g -> {
                g.subject = text(json, "groupName");
                return flag("updateGroupName", true);
            });
            case "leaveGroup" -> withGroup(inst, json, g -> {
                g.members.remove(inst.ownKey());
                return flag("leaveGroup", true);
            });
            case "createGroup" -> createGroup(inst, json);
            case "sendMessage" -> {
                if (inst.product == Product.MAX && "suspended".equals(inst.state)
                        && !inst.contactIds().contains(text(json, "chatId"))) {
                    // https://green-api.com/v3/docs/api/account/GetStateInstance: contacts only while suspended
                    yield new Answer(403, "{\"message\":\"Your account is suspended\"}");
                }
                inst.sent.add(text(json, "chatId") + " " + text(json, "message"));
                yield ok(JSON.createObjectNode().put("idMessage", "BAE5" + Integer.toHexString(inst.sent.size())));
            }
            default -> new Answer(404, "{\"message\":\"unknown method\"}");
        };
    }

    private boolean overRate(Instance inst, String method) {
        int rate = inst.product.rate(method);
        ArrayDeque<Long> window = inst.calls.computeIfAbsent(method, m -> new ArrayDeque<>());
        long now = time.nanoTime();
        while (!window.isEmpty() && now - window.peekFirst() >= Duration.ofSeconds(1).toNanos()) {
            window.pollFirst();
        }
        if (window.size() >= rate) {
            return true;
        }
        window.addLast(now);
        return false;
    }

    private Answer contacts(Instance inst) {
        ArrayNode list = JSON.createArrayNode();
        for (String number : inst.contacts) {
            ObjectNode c = list.addObject();
            if (inst.product == Product.WHATSAPP) {
                c.put("id", number + "@c.us");
            } else {
                c.put("chatId", inst.accountId("phone:" + number)).put("phoneNumber", Long.parseLong(number));
            }
            c.put("name", "").put("contactName", "Contact " + number).put("type", "user");
        }
        return ok(list);
    }

    /** The instance's chats, as getChats lists them: its groups (type group) and its contacts (type user). */
    private Answer chats(Instance inst) {
        ArrayNode list = JSON.createArrayNode();
        if (inst.product != Product.WHATSAPP) {
            return ok(otherChats(inst, list));
        }
        for (Group g : inst.groups.values()) {
            if (g.members.containsKey(inst.ownKey())) {
                list.addObject().put("archive", false).put("id", g.id).put("ephemeralExpiration", 0)
                        .put("ephemeralSettingTimestamp", 0).put("name", g.subject).put("type", "group");
            }
        }
        for (String number : inst.contacts) {
            list.addObject().put("archive", false).put("id", number + "@c.us").put("ephemeralExpiration", 0)
                    .put("ephemeralSettingTimestamp", 0).put("name", "Contact " + number).put("type", "user");
        }
        return ok(list);
    }

    /** getChats outside WhatsApp: {@code chatId}, {@code name}, {@code type} (and Instagram's {@code username}). */
    private ArrayNode otherChats(Instance inst, ArrayNode list) {
        for (Group g : inst.groups.values()) {
            if (g.members.containsKey(inst.ownKey())) {
                ObjectNode c = list.addObject().put("chatId", g.id).put("name", g.subject).put("type", "group");
                if (inst.product == Product.INSTAGRAM) {
                    c.put("username", "");
                }
            }
        }
        for (String number : inst.contacts) {
            list.addObject().put("chatId", inst.accountId("phone:" + number)).put("name", "Contact " + number)
                    .put("type", "user");
        }
        return list;
    }

    private Answer getGroupData(Instance inst, JsonNode json) {
        String id = text(json, inst.product.groupField);
        if (inst.product == Product.INSTAGRAM && Product.digits(id, 1, 20)) {
            // A personal chat's id (https://green-api.com/en/instagram/docs/api/groups/GetGroupData).
            return new Answer(400, "Bad Request Validation failed");
        }
        Group g = inst.groups.get(id);
        // The answer for a group the instance is not in is documented for WhatsApp only; the
        // simulator gives it on every product.
        return g != null && g.members.containsKey(inst.ownKey())
                ? ok(inst.product == Product.WHATSAPP ? groupData(inst, g) : otherGroupData(inst, g))
                : new Answer(200, "\"Error: item-not-found\"");
    }

    /**
     * getGroupData outside WhatsApp: {@code chatId} and participants by {@code chatId} (the
     * element's field names are not documented; Instagram's also carry {@code username}).
     */
    private ObjectNode otherGroupData(Instance inst, Group g) {
        ObjectNode data = JSON.createObjectNode().put("chatId", g.id).put("owner", g.owner).put("subject", g.subject)
                .put("description", "").put("creation", 1_700_000_000L)
                .put("groupInviteLink", g.admin(inst) ? g.inviteLink : "")
                .put("allowParticipantsAddMembers", g.participantsMayAdd);
        switch (inst.product) {
            case TELEGRAM -> data.put("isSupergroup", false).put("isChannel", false);
            case INSTAGRAM -> data.put("type", "group").put("size", g.members.size());
            default -> data.put("allowParticipantsEditGroupSettings", false);
        }
        ArrayNode people = data.putArray("participants");
        g.members.forEach((chatId, role) -> {
            ObjectNode p = people.addObject().put("chatId", chatId);
            String username = inst.usernames.get(chatId);
            if (inst.product == Product.INSTAGRAM && username != null) {
                p.put("username", username);
            }
            p.put("isAdmin", !"member".equals(role)).put("isSuperAdmin", "owner".equals(role));
        });
        return data;
    }

    private Answer accountSettings(Instance inst) {
        ObjectNode a = JSON.createObjectNode().put("avatar", "").put("stateInstance", inst.state).put("chatId", inst.ownId);
        if (inst.product == Product.INSTAGRAM) {
            a.put("username", "@sim_account");
        } else {
            a.put("phone", inst.ownNumber);
        }
        return ok(a);
    }

    /**
     * checkAccount: MAX by a Russian or Belarusian phone, Telegram by phone or {@code @username},
     * Instagram by {@code chatId} (an id or {@code @username}) or {@code username}
     * (https://green-api.com/v3/docs/api/service/CheckAccount,
     * https://green-api.com/en/telegram/docs/api/service/CheckAccount,
     * https://green-api.com/en/instagram/docs/api/service/CheckAccount).
     */
    private Answer checkAccount(Instance inst, JsonNode json) {
        String key;
        JsonNode phone = json.path("phoneNumber");
        if (inst.product == Product.INSTAGRAM) {
            String given = json.path("chatId").isTextual() ? text(json, "chatId") : text(json, "username");
            if (given.isEmpty()) {
                return new Answer(400, "Bad Request Validation failed");
            }
            boolean byName = !json.path("chatId").isTextual() || given.startsWith("@");
            key = byName ? "username:" + Product.bare(given) : "id:" + given;
            if (!byName && !Product.digits(given, 1, 20)) {
                return new Answer(400, "Bad Request Validation failed");
            }
        } else if (phone.isIntegralNumber()) {
            String digits = phone.asText();
            if (inst.product == Product.MAX && !(digits.startsWith("7") && digits.length() == 11
                    || digits.startsWith("375") && digits.length() == 12)) {
                return new Answer(400, "bad phone number, valid 11 or 12 digits");
            }
            key = "phone:" + digits;
        } else if (inst.product == Product.TELEGRAM && text(json, "username").startsWith("@")) {
            key = "username:" + Product.bare(text(json, "username"));
        } else {
            return new Answer(400, "Bad Request Validation failed");
        }
        if (inst.lacksAccount(key)) {
            ObjectNode no = JSON.createObjectNode().put("exist", false).put("chatId", "");
            return ok(inst.product == Product.INSTAGRAM ? no.put("username", "") : no);
        }
        String id = key.startsWith("id:") ? key.substring(3) : inst.accountId(key);
        ObjectNode yes = JSON.createObjectNode().put("exist", true).put("chatId", id);
        return ok(inst.product == Product.INSTAGRAM ? yes.put("username", inst.usernames.getOrDefault(id, "")) : yes);
    }

    private Answer checkWhatsapp(Instance inst, JsonNode json) {
        JsonNode phone = json.path("phoneNumber");
        if (!phone.isIntegralNumber()) {
            return new Answer(400, "bad request data");
        }
        String digits = phone.asText();
        if (digits.length() < 11 || digits.length() > 12) {
            return new Answer(400, "bad phone number, valid 11 or 12 digits");
        }
        return ok(JSON.createObjectNode().put("existsWhatsapp", !inst.withoutWhatsapp.contains(digits)));
    }

    private Answer withGroup(Instance inst, JsonNode json, java.util.function.Function<Group, Answer> action) {
        Group g = inst.groups.get(text(json, inst.product.groupField));
        return g == null ? new Answer(400, "bad request data") : action.apply(g);
    }

    private ObjectNode groupData(Instance inst, Group g) {
        ObjectNode data = JSON.createObjectNode().put("groupId", g.id).put("owner", g.owner).put("subject", g.subject)
                .put("creation", 1_700_000_000L).put("subjectTime", 1_700_000_000L).put("subjectOwner", g.owner)
                .put("groupInviteLink", g.admin(inst) ? g.inviteLink : "")
                .put("allowParticipantsAddMembers", g.participantsMayAdd)
                .put("isCommunity", g.kind == GroupKind.COMMUNITY)
                .put("isCommunityAnnounce", g.kind == GroupKind.ANNOUNCEMENTS)
                .put("size", g.members.size());
        ArrayNode people = data.putArray("participants");
        g.members.forEach((chatId, role) -> {
            ObjectNode p = people.addObject();
            String lid = g.lids.get(chatId);
            // A member whose number WhatsApp hides is listed by lid alone; others may carry one beside the number.
            p.put("id", g.hiddenNumbers.contains(chatId) && lid != null ? lid : chatId);
            if (lid != null && !g.hiddenNumbers.contains(chatId)) {
                p.put("lid", lid);
            }
            p.put("isAdmin", !"member".equals(role)).put("isSuperAdmin", "owner".equals(role));
        });
        return data;
    }

    private Answer addContact(Instance inst, JsonNode json) {
        String chatId = text(json, "chatId");
        String digits = chatId.replace("@c.us", "");
        if (!chatId.endsWith("@c.us") || text(json, "firstName").isEmpty()) {
            return new Answer(400, "bad request data");
        }
        if (inst.withoutWhatsapp.contains(digits)) {
            return new Answer(404, JSON.createObjectNode().put("message", digits + " is not on WhatsApp").toString());
        }
        if (!inst.contacts.add(digits)) {
            return new Answer(400, JSON.createObjectNode().put("message", "Contact " + digits + " already exists").toString());
        }
        return flag("addContact", true);
    }

    private Answer addParticipant(Instance inst, Group g, JsonNode json) {
        if (inst.product != Product.WHATSAPP) {
            return addOther(inst, g, json);
        }
        String chatId;
        if (json.path("participantPhone").isIntegralNumber()) {
            chatId = json.path("participantPhone").asText() + "@c.us";
        } else if (json.path("participantChatId").isTextual()) {
            chatId = g.numberOf(json.path("participantChatId").asText());
        } else {
            return new Answer(400, "bad request data");
        }
        String digits = chatId.replace("@c.us", "");
        boolean suspended = "yellowCard".equals(inst.state) || "blocked".equals(inst.state);
        boolean refused = suspended || !(g.admin(inst) || g.participantsMayAdd) || g.kind != GroupKind.GROUP
                || g.members.size() >= MAX_MEMBERS || g.members.containsKey(chatId) || inst.withoutWhatsapp.contains(digits)
                || inst.refusing.contains(digits) || (inst.contactsRequired && !inst.contacts.contains(digits));
        if (!refused) {
            g.members.put(chatId, "member");
            g.added.add(chatId);
        }
        return flag("addParticipant", !refused);
    }

    /**
     * addGroupParticipant outside WhatsApp: {@code participantChatId} only; Telegram answers an id it
     * cannot take with 400 and {@code addParticipant: false}, and a {@code reason} on false (its
     * strings are not documented: these are the simulator's); Instagram answers true for a member
     * and adds nobody again.
     */
    private Answer addOther(Instance inst, Group g, JsonNode json) {
        if (!json.path("participantChatId").isTextual()) {
            return new Answer(400, "Bad Request Validation failed");
        }
        String given = json.path("participantChatId").asText();
        boolean wellFormed = inst.product == Product.INSTAGRAM
                ? Product.digits(given, 1, 20) || given.startsWith("@") && given.length() > 1
                : Product.digits(given, 1, 20);
        if (!wellFormed || inst.lacksAccount(given.startsWith("@") ? "username:" + Product.bare(given) : "id:" + given)) {
            return switch (inst.product) {
                case TELEGRAM -> new Answer(400, JSON.createObjectNode().put("addParticipant", false).toString());
                case INSTAGRAM -> wellFormed ? flag("addParticipant", false) : new Answer(400, "Bad Request Validation failed");
                default -> flag("addParticipant", false);
            };
        }
        String chatId = inst.resolve(given);
        if (g.members.containsKey(chatId)) {
            return inst.product == Product.INSTAGRAM ? flag("addParticipant", true)
                    : refusedOther(inst, "USER_ALREADY_PARTICIPANT");
        }
        boolean restricted = "suspended".equals(inst.state) || "blocked".equals(inst.state);
        if (restricted || !(g.admin(inst) || g.participantsMayAdd) || g.members.size() >= MAX_MEMBERS) {
            return refusedOther(inst, "CHAT_ADMIN_REQUIRED");
        }
        if (inst.refusing.contains(chatId) || inst.contactsRequired && !inst.contactIds().contains(chatId)) {
            return refusedOther(inst, "USER_PRIVACY_RESTRICTED");
        }
        g.members.put(chatId, "member");
        g.added.add(chatId);
        return flag("addParticipant", true);
    }

    private static Answer refusedOther(Instance inst, String reason) {
        ObjectNode no = JSON.createObjectNode().put("addParticipant", false);
        return ok(inst.product == Product.TELEGRAM ? no.put("reason", reason) : no);
    }

    private Answer setAdmin(Instance inst, Group g, JsonNode json, String method) {
        String chatId = inst.resolve(text(json, "participantChatId"));
        ObjectNode answer = JSON.createObjectNode();
        if (!g.members.containsKey(chatId)) {
            return ok(answer.put(method, true).put("error", "participant not found"));
        }
        if (!g.admin(inst)) {
            return ok(answer.put(method, false));
        }
        g.members.put(chatId, "setGroupAdmin".equals(method) ? "admin" : "member");
        return ok(answer.put(method, true));
    }

    /** Reads just enough of the multipart form: the groupId field and whether a file came. */
    private Answer setGroupPicture(Instance inst, String body) {
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("name=\"" + inst.product.groupField + "\"\r\n\r\n([^\r]*)\r\n").matcher(body);
        java.util.regex.Matcher file = java.util.regex.Pattern.compile("filename=\"[^\"]*\"\r\nContent-Type: [^\r]*\r\n\r\n(.*)\r\n--",
                java.util.regex.Pattern.DOTALL).matcher(body);
        if (!file.find() || file.group(1).isEmpty()) {
            return new Answer(400, "File is empty");
        }
        Group g = id.find() ? inst.groups.get(id.group(1)) : null;
        if (g == null) {
            return ok(JSON.createObjectNode().put("reason", "Timed Out").putNull("urlAvatar").put("setGroupPicture", false));
        }
        return ok(JSON.createObjectNode().put("reason", "").put("urlAvatar", "https://pps.whatsapp.net/sim/" + g.id + ".jpg")
                .put("setGroupPicture", true));
    }

    private Answer createGroup(Instance inst, JsonNode json) {
        String name = text(json, "groupName");
        if (name.isEmpty() || name.length() > 100 || !json.path("chatIds").isArray()) {
            return new Answer(400, "bad request data");
        }
        String id = inst.product.newGroupId(100_000 + inst.groups.size());
        Group g = inst.group(id);
        g.subject = name;
        g.members.put(inst.ownKey(), "owner");
        g.owner = inst.ownKey();
        for (JsonNode c : json.path("chatIds")) {
            g.members.putIfAbsent(inst.product == Product.WHATSAPP ? c.asText() : inst.resolve(c.asText()), "member");
        }
        return ok(JSON.createObjectNode().put("created", true).put("chatId", id).put("groupInviteLink", g.inviteLink));
    }

    private static Answer flag(String field, boolean value) {
        return ok(JSON.createObjectNode().put(field, value));
    }

    private static Answer ok(JsonNode json) {
        return new Answer(200, json.toString());
    }

    private static String text(JsonNode json, String field) {
        return json == null ? "" : json.path(field).asText("");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") || body.startsWith("[")
                ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public String toString() {
        return "GreenApiSimulator[" + url() + "]";
    }

    /** One instance's script. Thread-safe. */
    public final class Instance {
        private final String token;
        private final Product product;
        private String state = "authorized";
        private String ownNumber = "79990000000";
        /** The account's own id outside WhatsApp, as getAccountSettings gives it and listings name it. */
        private final String ownId;
        private final Map<String, String> accountIds = new HashMap<>(); // phone:…, username:… -> id
        private final Map<String, String> usernames = new HashMap<>(); // id -> @username
        private final Set<String> noAccount = new HashSet<>(); // phone:…, username:…, id:…
        private long nextAccount = 5_000_000_001L;
        private int underV3;
        private boolean contactsRequired;
        private final Map<String, Group> groups = new LinkedHashMap<>();
        private final Set<String> contacts = new HashSet<>();
        private final Set<String> withoutWhatsapp = new HashSet<>();
        private final Set<String> refusing = new HashSet<>();
        private final Map<String, ArrayDeque<Fault>> faults = new HashMap<>();
        private final Map<String, ArrayDeque<Long>> calls = new HashMap<>();
        private final Map<String, Integer> quotas = new HashMap<>();
        private final Map<String, Integer> used = new HashMap<>();
        private final List<String> sent = new ArrayList<>();

        private Instance(String token, Product product) {
            this.token = token;
            this.product = product;
            this.ownId = product == Product.INSTAGRAM ? "17841400000000001" : "10000000001";
        }

        private Group group(String id) {
            return groups.computeIfAbsent(id, k -> {
                product.checkGroup(k);
                return new Group(k, this);
            });
        }

        /** How listings name the instance's own account. */
        private String ownKey() {
            return product == Product.WHATSAPP ? ownNumber + "@c.us" : ownId;
        }

        /** The id a participantChatId names: an Instagram {@code @username} is its account's id. */
        private String resolve(String given) {
            return product != Product.WHATSAPP && given.startsWith("@") ? accountId("username:" + Product.bare(given)) : given;
        }

        /** The id of an account found by phone or username, made up (and kept) the first time. */
        private String accountId(String key) {
            String id = accountIds.computeIfAbsent(key, k -> String.valueOf(nextAccount++));
            if (key.startsWith("username:")) {
                usernames.putIfAbsent(id, "@" + key.substring("username:".length()));
            }
            return id;
        }

        private boolean lacksAccount(String key) {
            return noAccount.contains(key) || key.startsWith("phone:") && withoutWhatsapp.contains(key.substring(6));
        }

        private Set<String> contactIds() {
            Set<String> ids = new HashSet<>();
            contacts.forEach(number -> ids.add(accountId("phone:" + number)));
            return ids;
        }

        /**
         * The messenger the instance speaks.
         *
         * @return the product
         */
        public Product product() {
            return product;
        }

        /**
         * The instance's own account id outside WhatsApp (getAccountSettings' {@code chatId}, as
         * group listings name the instance); on WhatsApp its {@code …@c.us} id.
         *
         * @return the id
         */
        public String ownId() {
            synchronized (lock) {
                return ownKey();
            }
        }

        /**
         * Fixes the account id that checkAccount gives for a phone or a username (outside
         * WhatsApp). Unfixed ones get made-up ids, the same on every look-up.
         *
         * @param phoneOrUsername digits of a phone ({@code 79001234567}) or {@code @username}
         * @param id the account's id (a positive number)
         * @return this instance
         */
        public Instance account(String phoneOrUsername, String id) {
            synchronized (lock) {
                String key = phoneOrUsername.startsWith("@") ? "username:" + Product.bare(phoneOrUsername)
                        : "phone:" + phoneOrUsername.replaceAll("[^0-9]", "");
                accountIds.put(key, id);
                if (key.startsWith("username:")) {
                    usernames.put(id, "@" + key.substring("username:".length()));
                }
            }
            return this;
        }

        /**
         * Ids or usernames without an account (outside WhatsApp): checkAccount answers
         * {@code exist: false}, and an add of the id is refused (Telegram: 400; MAX, Instagram:
         * false). For phones use {@link #withoutWhatsapp(String...)}, which every product honours.
         *
         * @param idsOrUsernames ids ({@code 10000000}) or {@code @username}s
         * @return this instance
         */
        public Instance withoutAccount(String... idsOrUsernames) {
            synchronized (lock) {
                for (String v : idsOrUsernames) {
                    noAccount.add(v.startsWith("@") ? "username:" + Product.bare(v) : "id:" + v);
                }
            }
            return this;
        }

        /**
         * How many of the instance's requests came under {@code /v3/} (MAX's path; optional there).
         *
         * @return the count
         */
        public int requestsUnderV3() {
            synchronized (lock) {
                return underV3;
            }
        }

        /**
         * The requests this instance received, in order.
         *
         * @return a copy
         */
        public List<Request> requests() {
            synchronized (lock) {
                String id = instances.entrySet().stream().filter(e -> e.getValue() == this).map(Map.Entry::getKey)
                        .findFirst().orElse("");
                return requestsOf(id);
            }
        }

        /**
         * A group the instance belongs to, created with the instance as its owner if new.
         *
         * @param id the group id ({@code …@g.us})
         * @param members chat ids of further members
         * @return this instance
         */
        public Instance group(String id, String... members) {
            synchronized (lock) {
                Group g = group(id);
                g.members.putIfAbsent(ownKey(), "owner");
                for (String m : members) {
                    g.members.putIfAbsent(m, "member");
                }
            }
            return this;
        }

        /**
         * Makes the instance an ordinary member (not an admin) of a group it belongs to.
         *
         * @param id the group id
         * @return this instance
         */
        public Instance notAdminOf(String id) {
            synchronized (lock) {
                Group g = group(id);
                g.members.put(ownKey(), "member");
                g.owner = product == Product.WHATSAPP ? "70000000000@c.us" : "70000000000";
            }
            return this;
        }

        /**
         * The instance's state: {@code authorized}, {@code notAuthorized}, {@code starting},
         * {@code yellowCard}, {@code blocked}, {@code sleepMode}.
         *
         * @param newState the state
         * @return this instance
         */
        public Instance state(String newState) {
            if (!product.states.contains(newState)) {
                throw new IllegalArgumentException("expected a state " + product + " has " + product.states + ", got "
                        + newState);
            }
            synchronized (lock) {
                this.state = newState;
            }
            return this;
        }

        /**
         * Numbers without a WhatsApp account; on the other products, phones without an account
         * (checkAccount answers {@code exist: false}).
         *
         * @param digits the numbers
         * @return this instance
         */
        public Instance withoutWhatsapp(String... digits) {
            synchronized (lock) {
                withoutWhatsapp.addAll(List.of(digits));
            }
            return this;
        }

        /**
         * People who refuse to be added to groups (WhatsApp answers a bare false; Telegram a false
         * with a {@code reason}).
         *
         * @param digits the numbers on WhatsApp; the account ids elsewhere
         * @return this instance
         */
        public Instance refusing(String... digits) {
            synchronized (lock) {
                refusing.addAll(List.of(digits));
            }
            return this;
        }

        /**
         * Numbers saved in the phone's contacts (outside WhatsApp, the accounts checkAccount finds
         * for them).
         *
         * @param digits the numbers
         * @return this instance
         */
        public Instance contacts(String... digits) {
            synchronized (lock) {
                contacts.addAll(List.of(digits));
            }
            return this;
        }

        /**
         * Only contacts can be added, as with many real accounts. By default anyone can.
         *
         * @return this instance
         */
        public Instance contactsOnly() {
            synchronized (lock) {
                contactsRequired = true;
            }
            return this;
        }

        /**
         * Whether only contacts can be added, as a flag.
         *
         * @param required true to refuse non-contacts
         * @return this instance
         * @deprecated A bare {@code true} does not say what it means: use {@link #contactsOnly()}.
         */
        @Deprecated(since = "0.1", forRemoval = true)
        public Instance contactsRequired(boolean required) {
            synchronized (lock) {
                contactsRequired = required;
            }
            return this;
        }

        /**
         * A quota: calls of a method above {@code total} answer 466.
         *
         * @param method the method
         * @param total calls allowed
         * @return this instance
         */
        public Instance quota(String method, int total) {
            synchronized (lock) {
                quotas.put(method, total);
            }
            return this;
        }

        /**
         * Makes the next {@code times} calls of a method fail.
         *
         * @param method the method
         * @param times how many calls
         * @param fault the failure
         * @return this instance
         */
        public Instance failNext(String method, int times, Fault fault) {
            synchronized (lock) {
                ArrayDeque<Fault> queue = faults.computeIfAbsent(method, m -> new ArrayDeque<>());
                for (int i = 0; i < times; i++) {
                    queue.add(fault);
                }
            }
            return this;
        }

        /**
         * A group's name ({@code subject}), as getGroupData and getChats show it.
         *
         * @param id the group id
         * @param subject the name
         * @return this instance
         */
        public Instance subject(String id, String subject) {
            synchronized (lock) {
                group(id).subject = Objects.requireNonNull(subject, "subject must not be null");
            }
            return this;
        }

        /**
         * Makes a group a community ({@code isCommunity}): people join its groups, not the community.
         *
         * @param id the group id
         * @return this instance
         */
        public Instance community(String id) {
            synchronized (lock) {
                group(id).kind = GroupKind.COMMUNITY;
            }
            return this;
        }

        /**
         * Makes a group a community's announcement group ({@code isCommunityAnnounce}).
         *
         * @param id the group id
         * @return this instance
         */
        public Instance communityAnnouncements(String id) {
            synchronized (lock) {
                group(id).kind = GroupKind.ANNOUNCEMENTS;
            }
            return this;
        }

        /**
         * Lets members who are not admins add people ({@code allowParticipantsAddMembers}).
         *
         * @param id the group id
         * @return this instance
         */
        public Instance participantsMayAdd(String id) {
            synchronized (lock) {
                group(id).participantsMayAdd = true;
            }
            return this;
        }

        /**
         * Fills a group with made-up members up to WhatsApp's limit of {@value #MAX_MEMBERS}.
         *
         * @param id the group id
         * @return this instance
         */
        public Instance full(String id) {
            synchronized (lock) {
                Group g = group(id);
                for (long n = 70_000_000_000L; g.members.size() < MAX_MEMBERS; n++) {
                    g.members.putIfAbsent(product == Product.WHATSAPP ? n + "@c.us" : String.valueOf(n), "member");
                }
            }
            return this;
        }

        /**
         * Gives a member a lid ({@code …@lid}); getGroupData still lists them by number.
         *
         * @param groupId the group id
         * @param chatId the member's {@code …@c.us} id (a member of the group)
         * @param lid the member's lid
         * @return this instance
         */
        public Instance lid(String groupId, String chatId, String lid) {
            synchronized (lock) {
                Group g = group(groupId);
                g.members.putIfAbsent(chatId, "member");
                g.lids.put(chatId, lid);
            }
            return this;
        }

        /**
         * Gives a member a lid ({@code …@lid}) and hides their number: getGroupData lists them by
         * the lid alone, as WhatsApp does for people whose number it hides.
         *
         * @param groupId the group id
         * @param chatId the member's {@code …@c.us} id (a member of the group)
         * @param lid the member's lid
         * @return this instance
         */
        public Instance numberHidden(String groupId, String chatId, String lid) {
            synchronized (lock) {
                lid(groupId, chatId, lid);
                group(groupId).hiddenNumbers.add(chatId);
            }
            return this;
        }

        /**
         * Gives a member a lid, whether the listing hides their number given as a flag.
         *
         * @param groupId the group id
         * @param chatId the member's {@code …@c.us} id (a member of the group)
         * @param lid the member's lid
         * @param numberHidden whether the listing shows the lid instead of the number
         * @return this instance
         * @deprecated A bare {@code true} does not say what it means: use
         *     {@link #lid(String, String, String)} or {@link #numberHidden(String, String, String)}.
         */
        @Deprecated(since = "0.1", forRemoval = true)
        public Instance lid(String groupId, String chatId, String lid, boolean numberHidden) {
            return numberHidden ? numberHidden(groupId, chatId, lid) : lid(groupId, chatId, lid);
        }

        /**
         * Someone joins a group on their own, by its invite link, with no call to the simulator:
         * the next {@code getGroupData} lists them (Green-API pushes no notification of it).
         *
         * @param id the group id
         * @param chatId the person's chat id ({@code 79001234567@c.us})
         * @return this instance
         * @throws IllegalArgumentException if the group is unknown
         */
        public Instance joins(String id, String chatId) {
            synchronized (lock) {
                known(id).members.putIfAbsent(chatId, "member");
            }
            return this;
        }

        /**
         * Someone leaves a group on their own (or another admin removes them).
         *
         * @param id the group id
         * @param chatId the person's chat id
         * @return this instance
         * @throws IllegalArgumentException if the group is unknown
         */
        public Instance leaves(String id, String chatId) {
            synchronized (lock) {
                known(id).members.remove(chatId);
            }
            return this;
        }

        /**
         * Makes a member an admin (true) or an ordinary member again (false), as another admin would.
         *
         * @param id the group id
         * @param chatId the member's chat id
         * @param admin the new standing
         * @return this instance
         * @throws IllegalArgumentException if the group is unknown or the person is not in it
         */
        public Instance admin(String id, String chatId, boolean admin) {
            synchronized (lock) {
                Group g = known(id);
                if (!g.members.containsKey(chatId)) {
                    throw new IllegalArgumentException("expected a member of the group, got a chat id it does not list");
                }
                g.members.put(chatId, admin ? "admin" : "member");
            }
            return this;
        }

        private Group known(String id) {
            Group g = groups.get(id);
            if (g == null) {
                throw new IllegalArgumentException("expected a group made with group(id, ...), got an unknown id");
            }
            return g;
        }

        /**
         * The chat ids in a group now.
         *
         * @param id the group id
         * @return a copy; empty for an unknown group
         */
        public Set<String> members(String id) {
            synchronized (lock) {
                Group g = groups.get(id);
                return g == null ? Set.of() : Set.copyOf(g.members.keySet());
            }
        }

        /**
         * Every add to a group that took effect (the person was not in it and was put in), in
         * order: a person twice here was added twice.
         *
         * @param id the group id
         * @return the chat ids, a copy; empty for an unknown group
         */
        public List<String> effectiveAdds(String id) {
            synchronized (lock) {
                Group g = groups.get(id);
                return g == null ? List.of() : List.copyOf(g.added);
            }
        }

        /**
         * Messages sent with sendMessage, as "chatId text".
         *
         * @return a copy
         */
        public List<String> sentMessages() {
            synchronized (lock) {
                return List.copyOf(sent);
            }
        }

        /**
         * Groups the instance has, by id.
         *
         * @return a copy of the ids
         */
        public Set<String> groupIds() {
            synchronized (lock) {
                return Set.copyOf(groups.keySet());
            }
        }
    }

    /**
     * The messenger an instance speaks, as Green-API serves it: what differs is the path (MAX under
     * {@code /v3/}, optional), the field naming the group, the shapes of ids, the account check,
     * the answers, the states, the invite links and the documented rates.
     */
    public enum Product {
        /** WhatsApp: {@code groupId}, {@code …@c.us}/{@code …@g.us}, checkWhatsapp; the default. */
        WHATSAPP("whatsapp", "groupId", Set.of("authorized", "notAuthorized", "starting", "yellowCard", "blocked", "sleepMode")),
        /** MAX: under {@code /v3/} or without it; {@code chatId}; people positive, groups negative numbers. */
        MAX("v3", "chatId", Set.of("authorized", "notAuthorized", "starting", "blocked", "suspended")),
        /** Telegram: {@code chatId}; people positive, groups negative numbers; a pendingPassword state. */
        TELEGRAM("telegram", "chatId", Set.of("authorized", "notAuthorized", "starting", "blocked", "suspended",
                "pendingPassword")),
        /** Instagram (beta): {@code chatId}; people ids or {@code @username}, groups 21–39 digits; no group pictures. */
        INSTAGRAM("instagram", "chatId", Set.of("authorized", "notAuthorized", "starting", "suspended"));

        /**
         * MAX's and Instagram's documented rates (https://green-api.com/v3/docs/api/ratelimiter/,
         * https://green-api.com/en/instagram/docs/api/ratelimiter); 1 for a method the tables cut off.
         */
        private static final Map<String, Integer> MAX_AND_INSTAGRAM_RATES = Map.of(
                "addGroupParticipant", 1, "removeGroupParticipant", 1, "getGroupData", 10, "sendMessage", 50);
        /** Telegram's table ends before the group methods (https://green-api.com/en/telegram/docs/api/ratelimiter): 1. */
        private static final Map<String, Integer> TELEGRAM_RATES = Map.of("sendMessage", 50);

        private final String typeInstance;
        private final String groupField;
        private final Set<String> states;

        Product(String typeInstance, String groupField, Set<String> states) {
            this.typeInstance = typeInstance;
            this.groupField = groupField;
            this.states = states;
        }

        boolean has(String method) {
            return switch (method) {
                case "checkWhatsapp", "addContact" -> this == WHATSAPP;
                case "checkAccount", "getAccountSettings" -> this != WHATSAPP;
                case "setGroupPicture" -> this != INSTAGRAM; // https://green-api.com/instagram/docs/api/groups
                default -> true;
            };
        }

        int rate(String method) {
            return switch (this) {
                case WHATSAPP -> WHATSAPP_RATES.getOrDefault(method, 10);
                case TELEGRAM -> TELEGRAM_RATES.getOrDefault(method, 1);
                default -> MAX_AND_INSTAGRAM_RATES.getOrDefault(method, 1);
            };
        }

        String newGroupId(int n) {
            return switch (this) {
                case WHATSAPP -> "120363" + String.format("%012d", n) + "@g.us";
                case MAX, TELEGRAM -> "-100" + String.format("%010d", n);
                case INSTAGRAM -> "340282366841710300949128174" + String.format("%012d", n);
            };
        }

        /** Invite links: Instagram documents no example, so its shape here is the simulator's choice. */
        String inviteLink(String groupId) {
            String code = "Sim" + Integer.toHexString(groupId.hashCode());
            return switch (this) {
                case WHATSAPP -> "https://chat.whatsapp.com/" + code;
                case MAX -> "https://max.ru/join/" + code;
                case TELEGRAM -> "https://t.me/+" + code;
                case INSTAGRAM -> "https://ig.me/j/" + code;
            };
        }

        void checkGroup(String id) {
            boolean ok = switch (this) {
                case WHATSAPP -> true; // tests give WhatsApp groups of every shape, lids' groups too
                case MAX, TELEGRAM -> id.startsWith("-") && digits(id.substring(1), 1, 20);
                case INSTAGRAM -> digits(id, 21, 39);
            };
            if (!ok) {
                throw new IllegalArgumentException("expected a " + this + " group id (" + (this == INSTAGRAM
                        ? "21 to 39 digits" : "a negative number") + "), got " + id);
            }
        }

        static boolean digits(String s, int min, int max) {
            return s.length() >= min && s.length() <= max && s.chars().allMatch(c -> c >= '0' && c <= '9');
        }

        static String bare(String username) {
            return (username.startsWith("@") ? username.substring(1) : username).toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** WhatsApp's member limit of a group. */
    public static final int MAX_MEMBERS = 1024;

    private enum GroupKind { GROUP, COMMUNITY, ANNOUNCEMENTS }

    private static final class Group {
        private final String id;
        private final Map<String, String> members = new LinkedHashMap<>(); // chat id -> member, admin, owner
        private final List<String> added = new ArrayList<>(); // chat ids, once per add that took effect
        private final Map<String, String> lids = new HashMap<>(); // chat id -> lid
        private final Set<String> hiddenNumbers = new HashSet<>();
        private GroupKind kind = GroupKind.GROUP;
        private boolean participantsMayAdd;
        private final String inviteLink;
        private String owner;
        private String subject = "Group";

        Group(String id, Instance inst) {
            this.id = id;
            this.owner = inst.ownKey();
            this.inviteLink = inst.product.inviteLink(id);
        }

        /** A member's number for a lid this group knows, or the id itself. */
        String numberOf(String chatId) {
            return lids.entrySet().stream().filter(e -> e.getValue().equals(chatId)).map(Map.Entry::getKey).findFirst()
                    .orElse(chatId);
        }

        boolean admin(Instance inst) {
            return !"member".equals(members.getOrDefault(inst.ownKey(), "member"));
        }
    }
}
