package io.groupkit.telegram.internal;

import io.groupkit.core.spi.Effect;
import io.groupkit.telegram.internal.TelegramAnswers.Called;

import io.groupkit.core.AccountState;
import io.groupkit.core.AccountStatus;
import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.DecisionResult;
import io.groupkit.core.Done;
import io.groupkit.core.GroupRef;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.InviteDelivery;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.JoinRequestsResult;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.NotFound;
import io.groupkit.core.Outcome;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.MembershipCheck;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.TlException;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.internal.Requests.Peer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Group membership over MTProto: people resolved by username, phone or id with access hash (and
 * remembered), added to basic groups or supergroups, removed, and invite links exported. Calls
 * run on the given executor, one at a time on the connection.
 */
public final class TelegramProvider implements MembershipProvider {
    private static final Pattern USER_ID = Pattern.compile("(\\d{1,19})(?::(-?\\d{1,19}))?");

    /**
     * What the adapter was built with beyond the connection.
     *
     * @param forwardLimit recent messages a person added to a basic group gets to see
     * @param linkExpiry how long exported links last, or null for no expiry
     * @param linkUsageLimit how many may join with one link, or 0 for no limit
     * @param addLimits the pacing of adds
     * @param resolveLimits the pacing of resolves
     * @param personalLinkExpiry how long a link made for one person lasts
     * @param personalLinkUsageLimit how many may join with a link made for one person
     */
    public record Settings(int forwardLimit, @Nullable Duration linkExpiry, int linkUsageLimit, List<RateLimit> addLimits,
                           List<RateLimit> resolveLimits, Duration personalLinkExpiry, int personalLinkUsageLimit) {
    }

    private sealed interface Resolved {
    }

    private record Found(Peer peer) implements Resolved {
    }

    private record Refused(Outcome outcome) implements Resolved {
    }

    private final HomeConnection connection;
    private final Executor executor;
    private final @Nullable ExecutorService owned; // the client's own I/O thread, or null
    private final TimeSource time;
    private final Settings settings;
    private final String accountKey;
    private final Map<String, Peer> resolved = new ConcurrentHashMap<>();
    private final AccessHashes accessHashes = new AccessHashes(AccessHashes.DEFAULT_CAP);
    private final TelegramListings listings;
    private final PersonalLinks personalLinks;
    private final TelegramJoinRequests joinRequests;
    private final SupergroupEvents supergroupEvents;
    private final BasicGroupEvents basicGroupEvents;

    /**
     * A provider.
     *
     * @param connection the connection to the account's data centre
     * @param executor where the blocking calls run
     * @param owned the executor this provider owns and shuts down on {@link #close()}, or null
     * @param time the clock (for link expiry)
     * @param settings the rest of the configuration
     * @param accountKey the key that pacing budgets are shared under
     */
    public TelegramProvider(HomeConnection connection, Executor executor, @Nullable ExecutorService owned,
                             TimeSource time, Settings settings, String accountKey) {
        this.connection = connection;
        this.executor = executor;
        this.owned = owned;
        this.time = time;
        this.settings = settings;
        this.accountKey = accountKey;
        this.listings = new TelegramListings(connection, accessHashes);
        this.personalLinks = new PersonalLinks(connection, time, settings.personalLinkExpiry(),
                settings.personalLinkUsageLimit());
        this.joinRequests = new TelegramJoinRequests(connection, accessHashes);
        this.supergroupEvents = new SupergroupEvents(connection::call, time, accessHashes, joinRequests::list);
        UpdateBox box = new UpdateBox(time);
        connection.listen(new PushedUpdates(box));
        this.basicGroupEvents = new BasicGroupEvents(connection, box);
    }

    @Override
    public String name() {
        return TelegramAnswers.PROVIDER;
    }

    @Override
    public String accountKey() {
        return accountKey;
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.builder().memberKinds(MemberKind.USERNAME, MemberKind.PHONE, MemberKind.USER_ID)
                .operations(Operation.ADD, Operation.REMOVE, Operation.INVITE_LINK, Operation.MEMBERS, Operation.GROUPS,
                        Operation.PRECHECK, Operation.JOIN_REQUESTS, Operation.DECIDE_JOIN_REQUEST,
                        Operation.DECIDE_ALL_JOIN_REQUESTS, Operation.GROUP_EVENTS)
                // Listings show joins, leaves and roles; the admin log and basic groups' updates add who removed
                // whom, and the admin log new join requests.
                .eventKinds(io.groupkit.core.events.EventKind.JOINED, io.groupkit.core.events.EventKind.LEFT,
                        io.groupkit.core.events.EventKind.REMOVED, io.groupkit.core.events.EventKind.PROMOTED,
                        io.groupkit.core.events.EventKind.DEMOTED, io.groupkit.core.events.EventKind.JOIN_REQUESTED)
                .groupRefType(TelegramGroup.class).build();
    }

    @Override
    public void checkMember(Member member) {
        if (member.kind() == MemberKind.USER_ID && !USER_ID.matcher(member.value()).matches()) {
            throw new IllegalArgumentException("expected a Telegram user id as digits, or id:accessHash"
                    + " (TelegramClient.user(id, accessHash)), got '" + member.value() + "'");
        }
        if (member.kind() == MemberKind.USERNAME && member.value().contains(".")) {
            throw new IllegalArgumentException("expected a Telegram username (letters, digits and underscores; no dots),"
                    + " got '" + member.value() + "'");
        }
    }

    @Override
    public List<RateLimit> rateLimits(Operation operation) {
        return switch (operation) {
            case ADD -> settings.addLimits();
            case PRECHECK -> settings.resolveLimits();
            case REMOVE, INVITE_LINK, MEMBERS, GROUPS, JOIN_REQUESTS, DECIDE_JOIN_REQUEST, DECIDE_ALL_JOIN_REQUESTS,
                 GROUP_EVENTS -> List.of(RateLimit.of("telegram.admin", 1, Duration.ofSeconds(2)).withBurst(5));
            default -> List.of();
        };
    }

    /**
     * Closes the connection.
     */
    @Override
    public void close() {
        connection.close();
        if (owned != null) {
            owned.shutdown();
        }
    }

    private static final AtomicInteger IO_THREADS = new AtomicInteger();

    /**
     * The one I/O thread a client owns: a daemon, so that a client nobody closed does not keep the
     * JVM alive; calls on one connection take turns anyway.
     *
     * @return a single-thread executor
     */
    public static ExecutorService ioThread() {
        return Executors.newSingleThreadExecutor(work -> {
            Thread t = new Thread(work, "groupkit-telegram-io-" + IO_THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    // ---- operations ----

    @Override
    public CompletionStage<Optional<AddResult>> precheck(AttemptContext ctx, GroupRef group, Member member) {
        if (member.kind() == MemberKind.USER_ID) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return async(() -> resolve(member) instanceof Refused r
                ? Optional.of(TelegramAnswers.as(r.outcome(), AddResult.class)) : Optional.<AddResult>empty());
    }

    @Override
    public CompletionStage<AddResult> add(AttemptContext ctx, GroupRef group, Member member) {
        return async(() -> addNow((TelegramGroup) group, member));
    }

    @Override
    public CompletionStage<RemoveResult> remove(AttemptContext ctx, GroupRef group, Member member) {
        return async(() -> removeNow((TelegramGroup) group, member));
    }

    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext ctx, GroupRef group) {
        return async(() -> inviteLinkNow((TelegramGroup) group));
    }

    /**
     * A person's keys, plus their user id where it is known without a call: a listing names people
     * by id, so a join is matched to an invitation made to a username or phone that this client
     * resolved (an add it refused, a link it made for them). An id with an access hash is the id.
     */
    @Override
    public Set<String> identities(Member member) {
        Set<String> ids = new java.util.LinkedHashSet<>(MembershipProvider.super.identities(member));
        if (member.kind() == MemberKind.USER_ID) {
            Matcher m = USER_ID.matcher(member.value());
            if (m.matches()) {
                ids.add(MemberKind.USER_ID.name() + ":" + m.group(1));
            }
        } else {
            Peer known = resolved.get(member.kind() + ":" + member.value().toLowerCase(java.util.Locale.ROOT));
            if (known != null) {
                ids.add(MemberKind.USER_ID.name() + ":" + known.id());
            }
        }
        return Set.copyOf(ids);
    }

    /** Every Telegram group takes links made for one person. */
    @Override
    public boolean personalInviteLinks(GroupRef group) {
        return true;
    }

    /**
     * See {@link PersonalLinks}. A username or phone is resolved first (once per client): a link
     * for nobody is {@code NotFound}, and the person's id lets a watch match their join to it.
     */
    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext ctx, GroupRef group, Member member,
                                                        Optional<String> earlier) {
        return async(() -> member.kind() != MemberKind.USER_ID && resolve(member) instanceof Refused r
                ? TelegramAnswers.as(r.outcome(), InviteLinkResult.class)
                : personalLinks.link((TelegramGroup) group, member, earlier));
    }

    /**
     * Revokes one of the account's links in a group ({@code messages.editExportedChatInvite} with
     * {@code revoked}).
     *
     * @param ctx the attempt
     * @param group the group
     * @param link the link
     * @return {@link Done}, or why not
     */
    public CompletionStage<ActionResult> revokeInviteLink(AttemptContext ctx, TelegramGroup group, String link) {
        return async(() -> personalLinks.revoke(group, link));
    }

    /**
     * A basic group's members from {@code messages.getFullChat}; a supergroup's from
     * {@code channels.getParticipants} (recent members), page by page. Listed people are user
     * ids, and the access hashes a page carries are remembered, so a listed member can be
     * removed by id.
     */
    @Override
    public CompletionStage<MembersResult> members(AttemptContext ctx, GroupRef group) {
        return async(() -> group instanceof TelegramGroup.BasicGroup b ? listings.basicMembers(b)
                : listings.supergroupMembers(channelOf((TelegramGroup) group)));
    }

    @Override
    public void checkPage(GroupsPage page) {
        page.cursor().ifPresent(Dialogs.Offset::parse);
    }

    /**
     * The account's groups from the dialogs: the main list, then the archive, each its pinned
     * dialogs first ({@code messages.getPinnedDialogs}), then the rest ({@code messages.getDialogs}
     * without them). A page asks for no more dialogs than it still wants groups (each dialog is at most one group),
     * so it never reads past its own end; calls that find only private chats and channels go on
     * until the page is full, the archive has ended, or 10 calls were made.
     */
    @Override
    public CompletionStage<GroupsResult> groups(AttemptContext ctx, GroupsPage page) {
        return async(() -> listings.groups(page));
    }

    @Override
    public void checkJoinRequestsPage(JoinRequestsPage page) {
        TelegramJoinRequests.check(page);
    }

    /** A group's pending join requests, newest first ({@code messages.getChatInviteImporters} with {@code requested}). */
    @Override
    public CompletionStage<JoinRequestsResult> joinRequests(AttemptContext ctx, GroupRef group, JoinRequestsPage page) {
        return async(() -> joinRequests.list((TelegramGroup) group, page));
    }

    @Override
    public CompletionStage<io.groupkit.core.EventsResult> groupEvents(AttemptContext ctx, GroupRef group,
                                                                    Optional<String> cursor) {
        return async(() -> group instanceof TelegramGroup.Supergroup s ? supergroupEvents.read(s, cursor)
                : basicGroupEvents.read((TelegramGroup.BasicGroup) group, cursor));
    }

    /**
     * One join request approved or dismissed ({@code messages.hideChatJoinRequest}). A person named
     * by a bare user id whose access hash this client has not seen is looked up among the pending
     * requests first.
     */
    @Override
    public CompletionStage<DecisionResult> decideJoinRequest(AttemptContext ctx, GroupRef group, Member member,
                                                             JoinDecision decision) {
        return async(() -> {
            TelegramGroup g = (TelegramGroup) group;
            if (member.kind() == MemberKind.USER_ID) {
                Matcher m = USER_ID.matcher(member.value());
                if (m.matches() && m.group(2) == null && accessHashes.get(Long.parseLong(m.group(1))).isEmpty()) {
                    DecisionResult missing = joinRequests.findRequester(g, Long.parseLong(m.group(1)));
                    if (missing != null) {
                        return missing;
                    }
                }
            }
            Resolved who = resolve(member);
            if (who instanceof Refused r) {
                return TelegramAnswers.as(r.outcome(), DecisionResult.class);
            }
            return joinRequests.decide(g, ((Found) who).peer(), decision);
        });
    }

    /** Every pending join request approved or dismissed ({@code messages.hideAllChatJoinRequests}). */
    @Override
    public CompletionStage<DecisionResult> decideAllJoinRequests(AttemptContext ctx, GroupRef group, JoinDecision decision) {
        return async(() -> joinRequests.decideAll((TelegramGroup) group, decision));
    }

    /** Supergroups are asked about the one person: listing one of 200,000 members to find one costs up to 50 pages. */
    @Override
    public boolean settlesByListing(GroupRef group) {
        return group instanceof TelegramGroup.BasicGroup;
    }

    /**
     * Whether the session is logged in: {@code users.getUsers} of the account itself.
     *
     * @param ctx the attempt
     * @return {@link AccountStatus} AUTHORIZED, or the outcome that says why not
     */
    public CompletionStage<ActionResult> state(AttemptContext ctx) {
        return async(() -> {
            RpcAnswer answer = connection.call(Requests.getSelf());
            if (answer instanceof RpcAnswer.Result) {
                return new AccountStatus(detail("AUTHORIZED", "the session is logged in"), AccountState.AUTHORIZED);
            }
            return TelegramAnswers.read(answer, Called.OTHER_METHOD, Effect.SAFE_TO_REPEAT, ActionResult.class);
        });
    }

    /**
     * One person's membership, to settle a lost add or removal: {@code channels.getParticipant}
     * in a supergroup; a basic group cannot be asked about one person, so UNKNOWN there.
     */
    @Override
    public CompletionStage<MembershipCheck> isMember(AttemptContext ctx, GroupRef group, Member member,
                                                     Optional<MembersResult> listing) {
        if (group instanceof TelegramGroup.BasicGroup) {
            return async(() -> listed(member, listing));
        }
        return async(() -> {
            if (!(resolve(member) instanceof Found found)) {
                return MembershipCheck.UNKNOWN;
            }
            RpcAnswer answer = connection.call(Requests.getParticipant(channelOf((TelegramGroup) group), found.peer()));
            if (answer instanceof RpcAnswer.Result) {
                return MembershipCheck.PRESENT;
            }
            return answer instanceof RpcAnswer.Error e && e.message().equals("USER_NOT_PARTICIPANT")
                    ? MembershipCheck.ABSENT : MembershipCheck.UNKNOWN;
        });
    }

    /** Whether a basic group's listing holds the person, whom a username or phone names only after a resolve. */
    private MembershipCheck listed(Member member, Optional<MembersResult> listing) {
        if (listing.isEmpty() || !(listing.get() instanceof Members m)) {
            return MembershipCheck.UNKNOWN;
        }
        long id;
        if (member.kind() == MemberKind.USER_ID) {
            Matcher digits = USER_ID.matcher(member.value());
            if (!digits.matches()) {
                return MembershipCheck.UNKNOWN;
            }
            id = Long.parseLong(digits.group(1));
        } else if (resolve(member) instanceof Found found) {
            id = found.peer().id();
        } else {
            return MembershipCheck.UNKNOWN;
        }
        String wanted = Long.toString(id);
        return m.members().stream().anyMatch(p -> p.member().value().equals(wanted))
                ? MembershipCheck.PRESENT : MembershipCheck.ABSENT;
    }

    /**
     * Leaves a group: {@code channels.leaveChannel}, or {@code messages.deleteChatUser} of oneself
     * in a basic group.
     *
     * @param ctx the attempt
     * @param group the group
     * @return {@link Done}, or the outcome that says why not
     */
    public CompletionStage<ActionResult> leave(AttemptContext ctx, TelegramGroup group) {
        return async(() -> {
            boolean basic = group instanceof TelegramGroup.BasicGroup;
            RpcAnswer answer = connection.call(basic ? Requests.leaveChat(((TelegramGroup.BasicGroup) group).chatId())
                    : Requests.leaveChannel(channelOf(group)));
            if (answer instanceof RpcAnswer.Result) {
                return new Done(detail("LEFT", "the account left the group"));
            }
            if (answer instanceof RpcAnswer.Error e && e.message().equals("USER_NOT_PARTICIPANT")) {
                return new Done(detail("USER_NOT_PARTICIPANT", "the account was not in the group"));
            }
            return TelegramAnswers.read(answer, Called.about(group), Effect.CHANGES, ActionResult.class);
        });
    }

    private <T> CompletionStage<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    private AddResult addNow(TelegramGroup group, Member member) {
        Resolved who = resolve(member);
        if (who instanceof Refused r) {
            return TelegramAnswers.as(r.outcome(), AddResult.class);
        }
        Peer user = ((Found) who).peer();
        byte[] query = group instanceof TelegramGroup.BasicGroup b
                ? Requests.addChatUser(b.chatId(), user, settings.forwardLimit())
                : Requests.inviteToChannel(channelOf(group), user);
        RpcAnswer answer = connection.call(query);
        if (!(answer instanceof RpcAnswer.Result result)) {
            return TelegramAnswers.read(answer, Called.about(group), Effect.CHANGES, AddResult.class);
        }
        try {
            return Replies.missingInvitee(result.body()).<AddResult>map(TelegramProvider::privacyRefusal)
                    .orElseGet(() -> new Added(detail("ADDED", "Telegram added the person")));
        } catch (TlException e) {
            // The add went through but its answer is unreadable: whether the person is in is unknown.
            return new Indeterminate(detail("UNREADABLE_RESULT", Exceptions.message(e)));
        }
    }

    private static PrivacyRestricted privacyRefusal(Replies.MissingInvitee m) {
        String description;
        String remedy;
        if (m.premiumRequiredForPm()) {
            description = "the person's privacy settings refuse the add, and only Premium users may message them";
            remedy = "Share the invite link another way: a message from a non-Premium account will not reach them.";
        } else if (m.premiumWouldAllowInvite()) {
            description = "the person's privacy settings refuse the add; they would allow it from a Premium account";
            remedy = "Send them the invite link, or add them from a Telegram Premium account.";
        } else {
            description = "the person's privacy settings refuse the add";
            remedy = "Send them the invite link.";
        }
        return new PrivacyRestricted(detail("MISSING_INVITEE", description).withRemedy(remedy),
                premium(m), Optional.empty(), InviteDelivery.NOT_SENT);
    }

    private static Set<PrivacyRestricted.Premium> premium(Replies.MissingInvitee m) {
        Set<PrivacyRestricted.Premium> premium = EnumSet.noneOf(PrivacyRestricted.Premium.class);
        if (m.premiumWouldAllowInvite()) {
            premium.add(PrivacyRestricted.Premium.WOULD_ALLOW_INVITE);
        }
        if (m.premiumRequiredForPm()) {
            premium.add(PrivacyRestricted.Premium.REQUIRED_FOR_MESSAGES);
        }
        return premium;
    }

    private RemoveResult removeNow(TelegramGroup group, Member member) {
        Resolved who = resolve(member);
        if (who instanceof Refused r) {
            return TelegramAnswers.as(r.outcome(), RemoveResult.class);
        }
        Peer user = ((Found) who).peer();
        if (group instanceof TelegramGroup.BasicGroup b) {
            RpcAnswer answer = connection.call(Requests.deleteChatUser(b.chatId(), user));
            return answer instanceof RpcAnswer.Result
                    ? new Removed(detail("REMOVED", "Telegram removed the person"))
                    : TelegramAnswers.read(answer, Called.BASIC_GROUP_METHOD, Effect.CHANGES, RemoveResult.class);
        }
        Peer channel = channelOf(group);
        RpcAnswer present = connection.call(Requests.getParticipant(channel, user));
        if (!(present instanceof RpcAnswer.Result)) {
            return TelegramAnswers.read(present, Called.OTHER_METHOD, Effect.SAFE_TO_REPEAT, RemoveResult.class);
        }
        RpcAnswer ban = connection.call(Requests.ban(channel, user));
        if (!(ban instanceof RpcAnswer.Result)) {
            return TelegramAnswers.read(ban, Called.OTHER_METHOD, Effect.CHANGES, RemoveResult.class);
        }
        // A supergroup removes by banning; lifting the ban at once lets the person come back by link.
        RpcAnswer unban = connection.call(Requests.unban(channel, user));
        if (unban instanceof RpcAnswer.Result) {
            return new Removed(detail("REMOVED", "Telegram removed the person (banned, then the ban lifted)"));
        }
        String why = unban instanceof RpcAnswer.Error e ? e.message() : ((RpcAnswer.Failure) unban).reason();
        return new Removed(detail("REMOVED_STILL_BANNED", "removed, but lifting the ban failed (" + why + ")")
                .withRemedy("The person cannot rejoin until an admin lifts the ban in the group's settings."));
    }

    private InviteLinkResult inviteLinkNow(TelegramGroup group) {
        Duration expiry = settings.linkExpiry();
        int expire = expiry == null ? 0 : (int) Math.min(Integer.MAX_VALUE, time.now().plus(expiry).getEpochSecond());
        byte[] query = group instanceof TelegramGroup.BasicGroup b
                ? Requests.exportChatInvite(b.chatId(), null, expire, settings.linkUsageLimit())
                : Requests.exportChatInvite(0, channelOf(group), expire, settings.linkUsageLimit());
        RpcAnswer answer = connection.call(query);
        if (!(answer instanceof RpcAnswer.Result result)) {
            return TelegramAnswers.read(answer, Called.OTHER_METHOD, Effect.SAFE_TO_REPEAT, InviteLinkResult.class);
        }
        try {
            return Replies.exportedLink(result.body()).<InviteLinkResult>map(l -> new InviteLink(
                            detail("LINK_EXPORTED", "Telegram exported an invite link"), l.url(), l.expiresAt(), l.usageLimit()))
                    .orElseGet(() -> new Unrecognized(detail("PUBLIC_JOIN_REQUESTS",
                            "the group takes join requests instead of invite links")));
        } catch (TlException e) {
            return new Unrecognized(detail("UNREADABLE_RESULT", Exceptions.message(e)));
        }
    }

    static Peer channelOf(TelegramGroup group) {
        TelegramGroup.Supergroup s = (TelegramGroup.Supergroup) group;
        return new Peer(s.channelId(), s.accessHash());
    }


    // ---- people ----

    private Resolved resolve(Member member) {
        if (member.kind() == MemberKind.USER_ID) {
            Matcher m = USER_ID.matcher(member.value());
            if (!m.matches()) {
                throw new IllegalArgumentException("expected a Telegram user id as digits or id:accessHash");
            }
            long id = Long.parseLong(m.group(1));
            OptionalLong hash = m.group(2) != null ? OptionalLong.of(Long.parseLong(m.group(2))) : accessHashes.get(id);
            if (hash.isEmpty()) {
                return new Refused(new NotFound(detail("ACCESS_HASH_UNKNOWN",
                        "no access hash is known for user " + id + " on this account")
                        .withRemedy("Pass TelegramClient.user(id, accessHash), or the person's username or phone."),
                        NotFound.Subject.MEMBER));
            }
            return new Found(new Peer(id, hash.getAsLong()));
        }
        String key = member.kind() + ":" + member.value().toLowerCase(java.util.Locale.ROOT);
        Peer known = resolved.get(key);
        if (known != null) {
            return new Found(known);
        }
        RpcAnswer answer = connection.call(member.kind() == MemberKind.USERNAME
                ? Requests.resolveUsername(member.value()) : Requests.resolvePhone(member.value()));
        if (!(answer instanceof RpcAnswer.Result result)) {
            return new Refused(TelegramAnswers.outcome(answer, Called.OTHER_METHOD, Effect.SAFE_TO_REPEAT));
        }
        try {
            Optional<Peer> user = Replies.resolvedUser(result.body());
            if (user.isEmpty()) {
                return new Refused(new NotFound(detail("NOT_A_PERSON", "the username belongs to a group or channel"),
                        NotFound.Subject.MEMBER));
            }
            resolved.put(key, user.get());
            accessHashes.put(user.get().id(), user.get().accessHash());
            return new Found(user.get());
        } catch (TlException e) {
            return new Refused(new Unrecognized(detail("UNREADABLE_RESULT", Exceptions.message(e))));
        }
    }

    static ProviderDetail detail(String code, String description) {
        return ProviderDetail.of(TelegramAnswers.PROVIDER, code).withDescription(description);
    }

    @Override
    public String toString() {
        return "TelegramProvider[" + connection + "]";
    }
}
