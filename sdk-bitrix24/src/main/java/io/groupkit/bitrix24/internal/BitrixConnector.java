package io.groupkit.bitrix24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.bitrix24.CrmChat;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.AccessDenied;
import io.groupkit.core.AccessDeniedExtend;
import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Done;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.MemberRole;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotMember;
import io.groupkit.core.Outcome;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.RateLimited;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.MembershipCheck;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Bitrix24 as a {@link MembershipProvider}: open-line CRM chats and messenger chats, one REST call
 * per attempt (a {@code batch} of up to 50 for bulk adds), with {@code WRONG_REQUEST} told apart
 * by listing the chat and each method's time budget watched.
 */
public final class BitrixConnector implements MembershipProvider {
    static final String CRM_ADD = "imopenlines.crm.chat.user.add";
    static final String CRM_DELETE = "imopenlines.crm.chat.user.delete";
    static final String IM_ADD = "im.chat.user.add";
    static final String IM_DELETE = "im.chat.user.delete";
    static final String IM_LIST = "im.chat.user.list";
    static final String CRM_LAST_ID = "imopenlines.crm.chat.getLastId";
    /** Bitrix24 cloud's time budget per method: seconds of server time per 10 minutes. */
    static final double OPERATING_BUDGET = 480;

    private static final Capabilities CAPABILITIES = Capabilities.builder()
            .memberKinds(MemberKind.USER_ID)
            .operations(Operation.ADD, Operation.REMOVE, Operation.MEMBERS)
            .groupRefType(CrmChat.class).groupRefType(ImChat.class)
            .batches(50)
            .build();

    private final BitrixTransport transport;
    private final BitrixAnswers answers;
    private final String accountKey;
    private final RateLimit portal;
    private final TimeSource time;
    private final double slowDownAt;
    private final ConcurrentMap<String, Long> pausedUntil = new ConcurrentHashMap<>(); // method -> nanoTime

    /**
     * A connector for one portal.
     *
     * @param transport the portal's transport
     * @param portalHost the portal's host, naming the shared request budget
     * @param portal the portal's leaky bucket
     * @param time the clock
     * @param slowDownShare the share of a method's time budget after which it waits for the budget's reset
     */
    public BitrixConnector(BitrixTransport transport, String portalHost, RateLimit portal, TimeSource time,
                           double slowDownShare) {
        this.transport = transport;
        this.answers = new BitrixAnswers(transport::secrets);
        this.accountKey = BitrixAnswers.PROVIDER + ":" + portalHost;
        this.portal = portal;
        this.time = time;
        this.slowDownAt = OPERATING_BUDGET * slowDownShare;
    }

    @Override
    public String name() {
        return BitrixAnswers.PROVIDER;
    }

    /** Every client of one portal shares its bucket: the key is the portal, not the user. */
    @Override
    public String accountKey() {
        return accountKey;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<RateLimit> rateLimits(Operation operation) {
        return switch (operation) {
            case ADD -> List.of(portal, operating(CRM_ADD), operating(IM_ADD));
            case REMOVE -> List.of(portal, operating(CRM_DELETE), operating(IM_DELETE));
            case MEMBERS -> List.of(portal, operating(IM_LIST));
            case ADD_BATCH -> List.of(portal, operating("batch"));
            default -> List.of(portal);
        };
    }

    private static RateLimit operating(String method) {
        // Never limits by itself; a method's time budget running out holds back just this name.
        return new RateLimit(BitrixAnswers.operatingLimitName(method), 1000, Duration.ofSeconds(1), 1000);
    }

    /**
     * The portal's bucket.
     *
     * @return the limit
     */
    public RateLimit portalLimit() {
        return portal;
    }

    @Override
    public void checkMember(Member member) {
        try {
            if (Long.parseLong(member.value()) > 0) {
                return;
            }
        } catch (NumberFormatException notNumeric) {
            // fall through
        }
        throw new IllegalArgumentException("expected a Bitrix24 user or bot id (a positive number), got " + member);
    }

    // ---- add ----

    @Override
    public CompletionStage<AddResult> add(AttemptContext ctx, GroupRef group, Member member) {
        String method = group instanceof CrmChat ? CRM_ADD : IM_ADD;
        Optional<RateLimited> paused = paused(method);
        if (paused.isPresent()) {
            return done(paused.get());
        }
        return transport.call(method, addParams(group, member))
                .thenCompose(reply -> addOutcome(ctx, group, member, method, observe(method, answers.read(method, reply, true))));
    }

    private Map<String, Object> addParams(GroupRef group, Member member) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (group instanceof CrmChat crm) {
            p.put("CRM_ENTITY_TYPE", crm.type().wireName());
            p.put("CRM_ENTITY", crm.entityId());
            p.put("USER_ID", Long.parseLong(member.value()));
            crm.chatId().ifPresent(id -> p.put("CHAT_ID", id));
        } else {
            p.put("CHAT_ID", ((ImChat) group).chatId());
            p.put("USERS", List.of(Long.parseLong(member.value())));
        }
        return p;
    }

    private CompletionStage<AddResult> addOutcome(AttemptContext ctx, GroupRef group, Member member, String method,
                                                  BitrixAnswers.Read read) {
        if (read instanceof BitrixAnswers.Result r) {
            JsonNode result = r.result();
            if (group instanceof CrmChat) {
                if (result.canConvertToLong() && result.asLong() > 0) {
                    return done(new Added(answers.detail("result", "chat " + result.asLong())));
                }
                if (result.canConvertToLong() && result.asLong() == 0) {
                    return done(new NotFound(answers.detail("result:0", "the CRM item has no open-line chat"),
                            NotFound.Subject.GROUP));
                }
            } else if (result.asBoolean(false)) {
                return done(new Added(answers.detail("result:true", "")));
            }
            return done(new Unrecognized(answers.detail("UNEXPECTED_RESULT", String.valueOf(result)).withStatus(200)));
        }
        if (read instanceof BitrixAnswers.Error e && e.code().equals("WRONG_REQUEST")) {
            return chatMembers(ctx, group).thenApply(listing -> {
                if (listing instanceof Members m && !m.members().isEmpty()) {
                    return listed(m, member) ? (AddResult) new AlreadyMember(e.detail())
                            : new AccessDenied(e.detail().withRemedy(rightsRemedy()));
                }
                return new AccessDenied(e.detail().withRemedy("Bitrix24 refused and the chat's members cannot be seen"
                        + " from this account: it has no right to change this chat. " + rightsRemedy()));
            });
        }
        return done(as(AddResult.class, read, method, true));
    }

    private static String rightsRemedy() {
        return "Make the calling user or bot the chat's owner or a manager, or add people from inside the chat.";
    }

    // ---- remove ----

    @Override
    public CompletionStage<RemoveResult> remove(AttemptContext ctx, GroupRef group, Member member) {
        String method = group instanceof CrmChat ? CRM_DELETE : IM_DELETE;
        Optional<RateLimited> paused = paused(method);
        if (paused.isPresent()) {
            return done(paused.get());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        if (group instanceof CrmChat crm) {
            p.put("CRM_ENTITY_TYPE", crm.type().wireName());
            p.put("CRM_ENTITY", crm.entityId());
            crm.chatId().ifPresent(id -> p.put("CHAT_ID", id));
        } else {
            p.put("CHAT_ID", ((ImChat) group).chatId());
        }
        p.put("USER_ID", Long.parseLong(member.value()));
        return transport.call(method, p).thenCompose(reply -> {
            BitrixAnswers.Read read = observe(method, answers.read(method, reply, true));
            if (read instanceof BitrixAnswers.Result r) {
                JsonNode result = r.result();
                if (result.asBoolean(false) || (result.canConvertToLong() && result.asLong() > 0)) {
                    return done(new Removed(answers.detail("result", String.valueOf(result))));
                }
                return done(new Unrecognized(answers.detail("UNEXPECTED_RESULT", String.valueOf(result)).withStatus(200)));
            }
            if (read instanceof BitrixAnswers.Error e && e.code().equals("USER_NOT_FOUND") && group instanceof ImChat) {
                return done(new NotMember(e.detail()));
            }
            if (read instanceof BitrixAnswers.Error e && e.code().equals("WRONG_REQUEST")) {
                return chatMembers(ctx, group).thenApply(listing -> {
                    if (listing instanceof Members m && !m.members().isEmpty()) {
                        return listed(m, member) ? (RemoveResult) new AccessDenied(e.detail().withRemedy(rightsRemedy()))
                                : new NotMember(e.detail());
                    }
                    return new AccessDenied(e.detail().withRemedy(rightsRemedy()));
                });
            }
            return done(as(RemoveResult.class, read, method, true));
        });
    }

    // ---- members ----

    @Override
    public CompletionStage<MembersResult> members(AttemptContext ctx, GroupRef group) {
        return chatMembers(ctx, group);
    }

    @Override
    public MembershipCheck find(MembersResult listing, Member wanted) {
        // An empty list may mean "no right to see the members", not an empty chat.
        if (listing instanceof Members m && m.members().isEmpty()) {
            return MembershipCheck.UNKNOWN;
        }
        return MembershipProvider.super.find(listing, wanted);
    }

    private static boolean listed(Members m, Member member) {
        return m.members().stream().anyMatch(g -> g.member().value().equals(member.value()));
    }

    /** The members of the chat behind a group reference (a CRM item's last chat if none is named). */
    private CompletionStage<MembersResult> chatMembers(AttemptContext ctx, GroupRef group) {
        return chatId(ctx, group).thenCompose(id -> {
            if (id instanceof Outcome o) {
                return done(as(MembersResult.class, new BitrixAnswers.Failed(o), IM_LIST, false));
            }
            return ctx.pace(portal).thenCompose(v -> transport.call(IM_LIST, Map.of("CHAT_ID", id))).thenApply(reply -> {
                BitrixAnswers.Read read = observe(IM_LIST, answers.read(IM_LIST, reply, false));
                if (read instanceof BitrixAnswers.Result r && r.result().isArray()) {
                    List<GroupMember> people = new ArrayList<>();
                    for (JsonNode id2 : r.result()) {
                        if (id2.canConvertToLong() && id2.asLong() > 0) {
                            people.add(new GroupMember(Member.userId(id2.asLong()), MemberRole.MEMBER));
                        }
                    }
                    return (MembersResult) new Members(answers.detail("result", people.size() + " members"), people);
                }
                if (read instanceof BitrixAnswers.Result r) {
                    return new Unrecognized(answers.detail("UNEXPECTED_RESULT", String.valueOf(r.result())).withStatus(200));
                }
                return as(MembersResult.class, read, IM_LIST, false);
            });
        });
    }

    /** A chat id ({@code Long}) or the outcome that says why there is none. */
    private CompletionStage<Object> chatId(AttemptContext ctx, GroupRef group) {
        if (group instanceof ImChat im) {
            return done(im.chatId());
        }
        CrmChat crm = (CrmChat) group;
        if (crm.chatId().isPresent()) {
            return done(crm.chatId().getAsLong());
        }
        return ctx.pace(portal).thenCompose(v -> transport.call(CRM_LAST_ID,
                Map.of("CRM_ENTITY_TYPE", crm.type().wireName(), "CRM_ENTITY", crm.entityId()))).thenApply(reply -> {
                    BitrixAnswers.Read read = observe(CRM_LAST_ID, answers.read(CRM_LAST_ID, reply, false));
                    if (read instanceof BitrixAnswers.Result r && r.result().canConvertToLong()) {
                        long id = r.result().asLong();
                        return id > 0 ? (Object) id : new NotFound(answers.detail("result:0",
                                "the CRM item has no open-line chat"), NotFound.Subject.GROUP);
                    }
                    return as(MembersResult.class, read, CRM_LAST_ID, false);
                });
    }

    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext ctx, GroupRef group) {
        return done(new Unsupported(answers.detail("NO_INVITE_LINKS", "Bitrix24 REST has no chat invite links")));
    }

    // ---- batch ----

    @Override
    public CompletionStage<List<AddResult>> addBatch(AttemptContext ctx, GroupRef group, List<Member> members) {
        Optional<RateLimited> paused = paused("batch");
        if (paused.isPresent()) {
            return done(members.stream().map(m -> (AddResult) paused.get()).toList());
        }
        String method = group instanceof CrmChat ? CRM_ADD : IM_ADD;
        Map<String, String> cmd = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            cmd.put("u" + i, method + "?" + query(addParams(group, members.get(i))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("halt", 0);
        body.put("cmd", cmd);
        return transport.call("batch", body).thenCompose(reply -> {
            BitrixAnswers.Read read = observe("batch", answers.read("batch", reply, true));
            if (!(read instanceof BitrixAnswers.Result r) || !r.result().isObject()) {
                AddResult whole = read instanceof BitrixAnswers.Result ? new io.groupkit.core.Indeterminate(
                        answers.detail("UNEXPECTED_RESULT", "the batch answer has no per-command results"))
                        : as(AddResult.class, read, "batch", true);
                return done(members.stream().map(m -> whole).toList());
            }
            JsonNode results = r.result().path("result");
            JsonNode errors = r.result().path("result_error");
            List<CompletableFuture<AddResult>> each = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                String key = "u" + i;
                BitrixAnswers.Read one;
                if (errors.path(key).isObject()) {
                    JsonNode e = errors.path(key);
                    one = new BitrixAnswers.Error(e.path("error").asText("").toUpperCase(java.util.Locale.ROOT),
                            answers.detail(e.path("error").asText(""), e.path("error_description").asText("")).withStatus(200));
                } else if (results.has(key)) {
                    one = new BitrixAnswers.Result(BitrixAnswers.JSON.createObjectNode().set("result", results.path(key)));
                } else {
                    one = new BitrixAnswers.Failed(new io.groupkit.core.Indeterminate(answers.detail("NO_COMMAND_RESULT",
                            "the batch answer has nothing for this person")));
                }
                each.add(addOutcome(ctx, group, members.get(i), method, one).toCompletableFuture());
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(x -> each.stream().map(CompletableFuture::join).toList());
        });
    }

    private static String query(Map<String, Object> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                for (Object item : list) {
                    append(q, k + "[]", item);
                }
            } else {
                append(q, k, v);
            }
        });
        return q.toString();
    }

    private static void append(StringBuilder q, String key, Object value) {
        if (q.length() > 0) {
            q.append('&');
        }
        q.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
    }

    // ---- the other chat methods, for Bitrix24Client ----

    /**
     * {@code im.chat.setOwner}: only the current owner may hand ownership over.
     *
     * @param chat the chat
     * @param user the new owner
     * @return {@link Done}, {@link AccessDenied} if the caller is not the owner, or a failure
     */
    public CompletionStage<ActionResult> setOwner(ImChat chat, Member user) {
        return simple("im.chat.setOwner", Map.of("CHAT_ID", chat.chatId(), "USER_ID", Long.parseLong(user.value())),
                "Only the chat's current owner may hand ownership over: call it with the owner's webhook or token.");
    }

    /**
     * {@code im.chat.leave}.
     *
     * @param chat the chat
     * @return {@link Done} or a failure
     */
    public CompletionStage<ActionResult> leave(ImChat chat) {
        return simple("im.chat.leave", Map.of("CHAT_ID", chat.chatId()), rightsRemedy());
    }

    private CompletionStage<ActionResult> simple(String method, Map<String, Object> params, String wrongRequestRemedy) {
        return transport.call(method, params).thenApply(reply -> {
            BitrixAnswers.Read read = observe(method, answers.read(method, reply, true));
            if (read instanceof BitrixAnswers.Result r && r.result().asBoolean(false)) {
                return new Done(answers.detail("result:true", ""));
            }
            if (read instanceof BitrixAnswers.Error e && e.code().equals("WRONG_REQUEST")) {
                return new AccessDenied(e.detail().withRemedy(wrongRequestRemedy));
            }
            if (read instanceof BitrixAnswers.Result r) {
                return new io.groupkit.core.Unrecognized(answers.detail("UNEXPECTED_RESULT", String.valueOf(r.result())));
            }
            return as(ActionResult.class, read, method, true);
        });
    }

    /**
     * {@code imopenlines.crm.chat.get}: a CRM item's open-line chats.
     *
     * @param item the CRM item (its chat id, if any, is ignored)
     * @param activeOnly only chats still open
     * @param found receives the chats when the call succeeds
     * @return {@link Done} with the chats in {@code found}, or a failure
     */
    public CompletionStage<ActionResult> crmChats(CrmChat item, boolean activeOnly,
                                                  java.util.function.Consumer<List<io.groupkit.bitrix24.CrmChatInfo>> found) {
        String method = "imopenlines.crm.chat.get";
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("CRM_ENTITY_TYPE", item.type().wireName());
        p.put("CRM_ENTITY", item.entityId());
        p.put("ACTIVE_ONLY", activeOnly ? "Y" : "N");
        return transport.call(method, p).thenApply(reply -> {
            BitrixAnswers.Read read = observe(method, answers.read(method, reply, false));
            if (read instanceof BitrixAnswers.Result r && r.result().isArray()) {
                List<io.groupkit.bitrix24.CrmChatInfo> chats = new ArrayList<>();
                for (JsonNode c : r.result()) {
                    if (c.path("CHAT_ID").canConvertToLong() && c.path("CHAT_ID").asLong() > 0) {
                        chats.add(new io.groupkit.bitrix24.CrmChatInfo(ImChat.of(c.path("CHAT_ID").asLong()),
                                c.path("CONNECTOR_ID").asText(""), c.path("CONNECTOR_TITLE").asText("")));
                    }
                }
                found.accept(List.copyOf(chats));
                return new Done(answers.detail("result", chats.size() + " chats"));
            }
            if (read instanceof BitrixAnswers.Result r) {
                return new Unrecognized(answers.detail("UNEXPECTED_RESULT", String.valueOf(r.result())).withStatus(200));
            }
            return as(ActionResult.class, read, method, false);
        });
    }

    // ---- time budgets ----

    /** Remembers a method's time budget from any answer that reports it. */
    private BitrixAnswers.Read observe(String method, BitrixAnswers.Read read) {
        JsonNode t = read instanceof BitrixAnswers.Result r ? r.json().path("time") : null;
        if (t != null && t.isObject() && t.path("operating").isNumber() && t.path("operating").asDouble() >= slowDownAt) {
            pauseUntilReset(method, t.path("operating_reset_at"));
        }
        if (read instanceof BitrixAnswers.Error e && e.code().equals("OPERATION_TIME_LIMIT")) {
            pausedUntil.put(method, time.nanoTime() + Duration.ofMinutes(1).toNanos());
        }
        return read;
    }

    private void pauseUntilReset(String method, JsonNode resetAt) {
        Duration wait = resetAt.canConvertToLong()
                ? Duration.between(time.now(), Instant.ofEpochSecond(resetAt.asLong())) : Duration.ofMinutes(1);
        if (!wait.isNegative()) {
            pausedUntil.put(method, time.nanoTime() + wait.toNanos());
        }
    }

    private Optional<RateLimited> paused(String method) {
        Long until = pausedUntil.get(method);
        if (until == null || until - time.nanoTime() <= 0) {
            return Optional.empty();
        }
        Duration left = Duration.ofNanos(until - time.nanoTime());
        return Optional.of(new RateLimited(answers.detail("OPERATION_TIME_LIMIT",
                method + " has spent its time budget; held back until it recovers, nothing was sent"),
                Optional.of(left), Optional.of(BitrixAnswers.operatingLimitName(method))));
    }

    private <R> R as(Class<R> type, BitrixAnswers.Read read, String method, boolean changes) {
        Outcome o = read instanceof BitrixAnswers.Failed f ? f.outcome()
                : read instanceof BitrixAnswers.Error e ? answers.common(method, e, changes, Optional.empty())
                : new Unrecognized(answers.detail("UNEXPECTED_ANSWER", ""));
        if (type.isInstance(o)) {
            return type.cast(o);
        }
        ProviderDetail d = o.detail();
        return type.cast(o instanceof AccessDeniedExtend ? new AccessDenied(d) : new Unrecognized(d));
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    @Override
    public String toString() {
        return "BitrixConnector[" + transport + "]";
    }
}
