package io.groupkit.telegram.bot.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.DecisionResult;
import io.groupkit.core.Done;
import io.groupkit.core.GroupRef;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.JoinRequestsResult;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.NotAdded;
import io.groupkit.core.NotMember;
import io.groupkit.core.Outcome;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.Unsupported;
import io.groupkit.core.EventsResult;
import io.groupkit.core.MembersResult;
import io.groupkit.core.events.EventKind;
import io.groupkit.core.events.EventPage;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.spi.MembershipCheck;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.http.internal.Reply;
import io.groupkit.telegram.bot.TelegramBotChat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Bot API as a {@code MembershipProvider}. A bot cannot add anyone: {@link #add} answers
 * {@link NotAdded} at once, and the core's invite-link fallback attaches the person's own link
 * ({@link #inviteLink(AttemptContext, GroupRef, Member, Optional)}).
 */
public final class BotProvider implements MembershipProvider {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.groupkit.telegram.bot");
    /** Updates asked for: other members' changes, the bot's own, and join requests. */
    public static final List<String> ALLOWED_UPDATES = List.of("chat_member", "my_chat_member", "chat_join_request");
    /** How every personal link's name starts: a join through such a link of this bot revokes it. */
    public static final String PERSONAL_LINK_PREFIX = "GroupKit ·";
    /** How long Telegram keeps an update nobody fetched. */
    static final Duration RETENTION = Duration.ofHours(24);
    private static final Pattern CURSOR = Pattern.compile("v1:(-?\\d{1,19}):(\\d{1,19})");
    /** Supergroups' ids are -100 followed by the channel id; other negative ids are basic groups. */
    private static final long SUPERGROUP_BELOW = -1_000_000_000_000L;

    private final BotTransport transport;
    private final long botId;
    private final Duration linkLifetime;
    private final Duration pollTimeout;
    private final boolean followUpgrades;
    private final UpdateMapper mapper;
    private final Map<Long, Long> upgraded = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A provider.
     *
     * @param transport the transport
     * @param botId the bot's id
     * @param linkLifetime how long a personal link works
     * @param pollTimeout how long one {@code getUpdates} may wait for updates
     */
    public BotProvider(BotTransport transport, long botId, Duration linkLifetime, Duration pollTimeout) {
        this(transport, botId, linkLifetime, pollTimeout, false);
    }

    /**
     * A provider.
     *
     * @param transport the HTTP transport
     * @param botId the bot's id
     * @param linkLifetime how long a personal link lasts
     * @param pollTimeout the long poll's wait
     * @param followUpgrades whether a call about an upgraded basic group goes on in the supergroup
     */
    public BotProvider(BotTransport transport, long botId, Duration linkLifetime, Duration pollTimeout,
                       boolean followUpgrades) {
        this.followUpgrades = followUpgrades;
        this.transport = transport;
        this.botId = botId;
        this.linkLifetime = linkLifetime;
        this.pollTimeout = pollTimeout;
        this.mapper = new UpdateMapper(botId);
    }

    /**
     * The mapper of updates to events (the webhook uses the same).
     *
     * @return the mapper
     */
    public UpdateMapper mapper() {
        return mapper;
    }

    @Override
    public String name() {
        return BotAnswers.PROVIDER;
    }

    /**
     * Every call but the long poll counts against one bucket per bot: Telegram documents no limit
     * for these methods (only ~30 messages a second overall), so the bucket is generous; it is there
     * so that a 429's {@code retry_after} holds back every caller of this bot, on every server that
     * shares a rate limiter, not only the call that met it.
     */
    static final RateLimit CALLS = RateLimit.of("telegram-bot.calls", 20, Duration.ofSeconds(1)).withBurst(20);

    @Override
    public List<RateLimit> rateLimits(Operation operation) {
        return operation == Operation.EVENTS ? List.of() : List.of(CALLS);
    }

    @Override
    public String accountKey() {
        return "telegram-bot:" + botId;
    }

    @Override
    public Capabilities capabilities() {
        // No ADD: the Bot API has no method that adds a person. add() still answers (NotAdded,
        // with the person's link when the fallback is on). No MEMBERS: bots cannot list members.
        return Capabilities.builder().memberKinds(MemberKind.USER_ID)
                .operations(Operation.REMOVE, Operation.INVITE_LINK, Operation.EVENTS, Operation.DECIDE_JOIN_REQUEST)
                .eventKinds(EventKind.JOINED, EventKind.LEFT, EventKind.REMOVED, EventKind.PROMOTED, EventKind.DEMOTED,
                        EventKind.JOIN_REQUESTED)
                .groupRefType(TelegramBotChat.class).build();
    }

    /**
     * Reads the person's status first ({@code getChatMember}, safe to repeat): someone already in
     * the group is {@link io.groupkit.core.AlreadyMember}, and a group that does not exist or
     * that the bot may not see is told as such ({@code NotFound} of the group halts a bulk run)
     * rather than as a refusal whose link could not be made. Anyone else is {@link NotAdded}.
     */
    @Override
    public CompletionStage<AddResult> add(AttemptContext ctx, GroupRef group, Member member) {
        TelegramBotChat chat = (TelegramBotChat) group;
        return call(ctx, "getChatMember", Map.of("chat_id", chat.chatId(), "user_id", Long.parseLong(member.value())),
                Effect.SAFE_TO_REPEAT).thenApply(status -> {
                    if (status.failure() != null) {
                        AddResult failed = BotAnswers.as(status.failure(), AddResult.class);
                        // A person the bot has never seen is "user not found" to getChatMember, yet their
                        // personal link works: the link, not the look-up, is the answer to an add.
                        if (failed instanceof io.groupkit.core.NotFound nf && nf.subject() == io.groupkit.core.NotFound.Subject.MEMBER) {
                            return refused();
                        }
                        return failed;
                    }
                    if (UpdateMapper.isMember(status.value())) {
                        return new io.groupkit.core.AlreadyMember(ProviderDetail.of(name(), "ALREADY_MEMBER")
                                .withDescription("the person is in the group (" + status.value().path("status").asText("?")
                                        + ")"));
                    }
                    return refused();
                });
    }

    private AddResult refused() {
        return new NotAdded(ProviderDetail.of(name(), "BOT_CANNOT_ADD")
                .withDescription("a Telegram bot cannot add people to a group (the Bot API has no such method)")
                .withRemedy("send the person their own invite link (the invite-link fallback attaches one)"), List.of());
    }

    @Override
    public boolean personalInviteLinks(GroupRef group) {
        return true;
    }

    /**
     * A link one person may use once, for {@code linkLifetime}, named after them. The Bot API
     * cannot tell whether a link was used (its {@code ChatInviteLink} has no use count), so the
     * earlier link is never given again: a new one is made, and only then the earlier one revoked
     * (a failed revoke, of a link already expired or revoked, changes nothing).
     */
    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext ctx, GroupRef group, Member member,
                                                        Optional<String> earlier) {
        TelegramBotChat chat = (TelegramBotChat) group;
        Instant expires = ctx.time().now().plus(linkLifetime);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("chat_id", chat.chatId());
        params.put("name", linkName(member));
        params.put("expire_date", expires.getEpochSecond());
        params.put("member_limit", 1);
        return call(ctx, "createChatInviteLink", params, Effect.CREATES).thenCompose(r -> {
            if (r.failure() != null) {
                return CompletableFuture.completedFuture(BotAnswers.as(r.failure(), InviteLinkResult.class));
            }
            InviteLinkResult link = link(r.value(), "createChatInviteLink");
            if (earlier.isEmpty() || !(link instanceof InviteLink made) || made.url().equals(earlier.get())) {
                return CompletableFuture.completedFuture(link);
            }
            return call(ctx, "revokeChatInviteLink", Map.of("chat_id", chat.chatId(), "invite_link", earlier.get()),
                    Effect.CHANGES).thenApply(revoked -> link);
        });
    }

    /**
     * A link for anyone, named "GroupKit", without a limit. Never {@code exportChatInviteLink}:
     * that replaces the chat's primary link, which other people may be using.
     */
    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext ctx, GroupRef group) {
        TelegramBotChat chat = (TelegramBotChat) group;
        return call(ctx, "createChatInviteLink", Map.of("chat_id", chat.chatId(), "name", "GroupKit"), Effect.CREATES)
                .thenApply(r -> r.failure() != null ? BotAnswers.as(r.failure(), InviteLinkResult.class)
                        : link(r.value(), "createChatInviteLink"));
    }

    private InviteLinkResult link(JsonNode result, String method) {
        // Redacted: a server that echoes what it was sent must not put the token into an outcome.
        String url = result == null ? "" : transport.redact(result.path("invite_link").asText(""));
        if (url.isEmpty()) {
            return new io.groupkit.core.Unavailable(ProviderDetail.of(name(), "NO_LINK")
                    .withDescription(method + " answered without a link"));
        }
        Optional<Instant> expires = result.path("expire_date").canConvertToLong()
                ? Optional.of(Instant.ofEpochSecond(result.path("expire_date").asLong())) : Optional.empty();
        OptionalInt limit = result.path("member_limit").canConvertToInt()
                ? OptionalInt.of(result.path("member_limit").asInt()) : OptionalInt.empty();
        return new InviteLink(ProviderDetail.of(name(), "LINK").withDescription(method), url, expires, limit);
    }

    /** "GroupKit · id …6789": names the person without showing their whole id; at most 32 characters. */
    static String linkName(Member member) {
        String v = member.value();
        String name = PERSONAL_LINK_PREFIX + " id …" + v.substring(Math.max(0, v.length() - 4));
        return name.length() <= 32 ? name : name.substring(0, 32);
    }

    /**
     * Ban, then lift the ban at once (supergroups) so the person may come back by a link later.
     * The person's status is read first: someone who is not in the group is {@link NotMember},
     * and nothing is sent.
     */
    @Override
    public CompletionStage<RemoveResult> remove(AttemptContext ctx, GroupRef group, Member member) {
        TelegramBotChat chat = (TelegramBotChat) group;
        long user = Long.parseLong(member.value());
        return call(ctx, "getChatMember", Map.of("chat_id", chat.chatId(), "user_id", user), Effect.SAFE_TO_REPEAT)
                .thenCompose(status -> {
                    if (status.failure() != null) {
                        return done(BotAnswers.as(status.failure(), RemoveResult.class));
                    }
                    if (!UpdateMapper.isMember(status.value())) {
                        return done(new NotMember(ProviderDetail.of(name(), "NOT_MEMBER").withDescription(
                                "the person is not in the group (" + status.value().path("status").asText("?") + ")")));
                    }
                    return call(ctx, "banChatMember", Map.of("chat_id", chat.chatId(), "user_id", user), Effect.CHANGES)
                            .thenCompose(ban -> ban.failure() != null ? done(BotAnswers.as(ban.failure(), RemoveResult.class))
                                    : unban(ctx, chat, user));
                });
    }

    private CompletionStage<RemoveResult> unban(AttemptContext ctx, TelegramBotChat chat, long user) {
        if (chat.chatId() > SUPERGROUP_BELOW) {
            // Basic groups keep no ban list: removed, and free to come back.
            return done(new Removed(ProviderDetail.of(name(), "REMOVED").withDescription("banChatMember")));
        }
        return call(ctx, "unbanChatMember", Map.of("chat_id", chat.chatId(), "user_id", user, "only_if_banned", true),
                Effect.CHANGES).thenApply(r -> r.failure() == null
                ? new Removed(ProviderDetail.of(name(), "REMOVED").withDescription("banChatMember, unbanChatMember"))
                : new Removed(ProviderDetail.of(name(), "REMOVED_STILL_BANNED").withDescription(
                        "removed, but the ban could not be lifted (" + r.failure().kind() + ": "
                                + r.failure().detail().description() + "): they cannot come back until unbanned")
                        .withRemedy("call unbanChatMember for them, or remove them again")));
    }

    @Override
    public CompletionStage<MembershipCheck> isMember(AttemptContext ctx, GroupRef group, Member member,
                                                     Optional<MembersResult> listing) {
        TelegramBotChat chat = (TelegramBotChat) group;
        return call(ctx, "getChatMember", Map.of("chat_id", chat.chatId(), "user_id", Long.parseLong(member.value())),
                Effect.SAFE_TO_REPEAT).thenApply(r -> r.failure() != null ? MembershipCheck.UNKNOWN
                : UpdateMapper.isMember(r.value()) ? MembershipCheck.PRESENT : MembershipCheck.ABSENT);
    }

    @Override
    public boolean settlesByListing(GroupRef group) {
        return false;
    }

    @Override
    public CompletionStage<DecisionResult> decideJoinRequest(AttemptContext ctx, GroupRef group, Member member,
                                                             JoinDecision decision) {
        TelegramBotChat chat = (TelegramBotChat) group;
        String method = decision == JoinDecision.APPROVE ? "approveChatJoinRequest" : "declineChatJoinRequest";
        return call(ctx, method, Map.of("chat_id", chat.chatId(), "user_id", Long.parseLong(member.value())), Effect.CHANGES)
                .thenApply(r -> r.failure() != null ? BotAnswers.as(r.failure(), DecisionResult.class)
                        : new Done(ProviderDetail.of(name(), "DONE").withDescription(method)));
    }

    @Override
    public CompletionStage<JoinRequestsResult> joinRequests(AttemptContext ctx, GroupRef group, JoinRequestsPage page) {
        return done(unsupported("list join requests: the Bot API has no such method (they arrive as chat_join_request"
                + " events; decide each one)"));
    }

    @Override
    public CompletionStage<DecisionResult> decideAllJoinRequests(AttemptContext ctx, GroupRef group, JoinDecision decision) {
        return done(unsupported("decide all join requests at once: the Bot API decides one person's request at a time"));
    }

    @Override
    public CompletionStage<MembersResult> members(AttemptContext ctx, GroupRef group) {
        return done(unsupported("list a group's members: the Bot API tells only one person's status (getChatMember)"));
    }

    @Override
    public CompletionStage<GroupsResult> groups(AttemptContext ctx, GroupsPage page) {
        return done(unsupported("list the groups a bot is in: the Bot API has no such method"));
    }

    private Unsupported unsupported(String what) {
        return new Unsupported(ProviderDetail.of(name(), "UNSUPPORTED").withDescription("a Telegram bot cannot " + what));
    }

    /**
     * The updates after the cursor. The cursor is {@code v1:<offset>:<epoch second read>}: asking
     * with that offset is what confirms the updates before it to Telegram, so nothing is confirmed
     * before the watch has saved the events of the page that named it. No cursor: start from now
     * ({@code offset=-1} gives the newest update only and drops older ones, which a start from
     * now does not want anyway; the newest is then confirmed by the next read). A cursor read more
     * than 24 hours ago is a gap: Telegram drops updates nobody fetched within a day.
     */
    @Override
    public CompletionStage<EventsResult> events(AttemptContext ctx, Optional<String> cursor) {
        Instant now = ctx.time().now();
        if (cursor.isEmpty()) {
            return call(ctx, "getUpdates", Map.of("offset", -1, "limit", 1, "timeout", 0, "allowed_updates", ALLOWED_UPDATES),
                    Effect.SAFE_TO_REPEAT, Duration.ZERO).thenApply(r -> {
                        if (r.failure() != null) {
                            return BotAnswers.as(r.failure(), EventsResult.class);
                        }
                        long next = 0;
                        for (JsonNode u : r.value()) {
                            next = Math.max(next, u.path("update_id").asLong(-1) + 1);
                        }
                        return new EventPage(detail("getUpdates"), List.of(), cursor(next, now), false);
                    });
        }
        Matcher m = CURSOR.matcher(cursor.get());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a cursor this client gave out (v1:<offset>:<time>), got another");
        }
        long offset = Long.parseLong(m.group(1));
        boolean gap = Instant.ofEpochSecond(Long.parseLong(m.group(2))).plus(RETENTION).isBefore(now);
        return call(ctx, "getUpdates", Map.of("offset", offset, "limit", 100, "timeout", pollTimeout.toSeconds(),
                "allowed_updates", ALLOWED_UPDATES), Effect.SAFE_TO_REPEAT, pollTimeout).thenCompose(r -> {
                    if (r.failure() != null) {
                        return done(BotAnswers.as(r.failure(), EventsResult.class));
                    }
                    if (!r.value().isArray()) {
                        return done(new io.groupkit.core.Unavailable(detail("NOT_A_LIST").withDescription(
                                "getUpdates answered without a list")));
                    }
                    long next = offset;
                    List<MembershipEvent> events = new ArrayList<>();
                    List<UpdateMapper.UsedLink> used = new ArrayList<>();
                    for (JsonNode u : r.value()) {
                        long id = u.path("update_id").asLong(-1);
                        if (id < 0) {
                            return done(new io.groupkit.core.Unavailable(detail("NOT_AN_UPDATE").withDescription(
                                    "getUpdates answered an update without an update_id")));
                        }
                        next = Math.max(next, id + 1);
                        events.addAll(mapper.map(u));
                        mapper.usedPersonalLink(u).ifPresent(used::add);
                    }
                    EventsResult page = new EventPage(detail("getUpdates"), events, cursor(next, now), gap);
                    return revokeUsed(ctx, used).thenApply(revoked -> page);
                });
    }

    /**
     * Revokes personal links people joined through, all at once, best effort: a link with a
     * member limit of 1 is used up anyway, and revoking it closes it for good (Telegram shows it
     * revoked). A refused or lost revoke is only logged at debug level and never fails the read;
     * an update read again (the page's events were not saved) revokes again, which changes nothing.
     *
     * @param ctx the attempt
     * @param used the links
     * @return done when every revoke was answered or failed
     */
    public CompletionStage<Void> revokeUsed(AttemptContext ctx, List<UpdateMapper.UsedLink> used) {
        CompletableFuture<?>[] revokes = used.stream().map(l -> revoke(ctx, l).toCompletableFuture()).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(revokes);
    }

    private CompletionStage<Void> revoke(AttemptContext ctx, UpdateMapper.UsedLink link) {
        CompletionStage<BotAnswers.Read> call;
        try {
            call = call(ctx, "revokeChatInviteLink", Map.of("chat_id", link.chat().chatId(), "invite_link", link.url()),
                    Effect.CHANGES);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        return call.handle((r, e) -> {
            io.groupkit.core.Outcome refused = r == null ? null : r.failure();
            if (e != null || refused != null) {
                LOG.debug("telegram-bot: a used personal link was not revoked ({})",
                        refused != null ? refused.detail().code() : e == null ? "?" : e.getClass().getSimpleName());
            }
            return null;
        });
    }

    @Override
    public void checkMember(Member member) {
        // Telegram's user ids have at most 52 bits: 16 digits.
        if (member.value().isEmpty() || !member.value().chars().allMatch(c -> c >= '0' && c <= '9')
                || member.value().length() > 16) {
            throw new IllegalArgumentException("expected a Telegram user id (digits), as Member.userId(\"123456789\")");
        }
    }

    private static String cursor(long offset, Instant readAt) {
        return "v1:" + offset + ":" + readAt.getEpochSecond();
    }

    private ProviderDetail detail(String code) {
        return ProviderDetail.of(name(), code);
    }

    /**
     * Calls a method and reads the answer.
     *
     * @param ctx the attempt
     * @param method the method
     * @param params the parameters
     * @param effect whether the call changes something
     * @return the result or an outcome
     */
    public CompletionStage<BotAnswers.Read> call(AttemptContext ctx, String method, Map<String, ?> params, Effect effect) {
        return call(ctx, method, params, effect, Duration.ZERO);
    }

    private CompletionStage<BotAnswers.Read> call(AttemptContext ctx, String method, Map<String, ?> params, Effect effect,
                                                  Duration wait) {
        Map<String, ?> sent = followUpgrades ? inUpgraded(params) : params;
        return transport.call(ctx, method, sent, wait)
                .thenApply((Reply reply) -> BotAnswers.read(reply, method, effect, transport::redact)).thenCompose(r -> {
                    if (r.migratedTo() < 0 && sent.get("chat_id") instanceof Long from) {
                        upgraded.put(from, r.migratedTo());
                        if (followUpgrades) {
                            // Telegram refused it before doing anything: the same call once more, in the supergroup.
                            return transport.call(ctx, method, inUpgraded(sent), wait)
                                    .thenApply((Reply reply) -> BotAnswers.read(reply, method, effect, transport::redact));
                        }
                    }
                    return done(r);
                });
    }

    /** The parameters with a basic group that became a supergroup replaced by the supergroup. */
    private Map<String, ?> inUpgraded(Map<String, ?> params) {
        if (params.get("chat_id") instanceof Long from && upgraded.containsKey(from)) {
            Map<String, Object> moved = new LinkedHashMap<>(params);
            moved.put("chat_id", upgraded.get(from));
            return moved;
        }
        return params;
    }

    /**
     * The supergroup a basic group became, as an answer about it said ({@code migrate_to_chat_id}).
     *
     * @param chat the basic group
     * @return the supergroup, once this client was told
     */
    public Optional<TelegramBotChat> upgradedTo(TelegramBotChat chat) {
        return Optional.ofNullable(upgraded.get(chat.chatId())).map(TelegramBotChat::of);
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    @Override
    public String toString() {
        return "BotProvider[" + accountKey() + ", " + transport + "]";
    }
}
