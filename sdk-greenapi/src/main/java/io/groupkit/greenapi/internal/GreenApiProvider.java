package io.groupkit.greenapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.AccountState;
import io.groupkit.core.AccountStatus;
import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Done;
import io.groupkit.core.GroupCreated;
import io.groupkit.core.GroupFull;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.MemberRole;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.NotAdded;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotInContacts;
import io.groupkit.core.NotMember;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.Outcome;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import io.groupkit.core.internal.AsyncCache;
import io.groupkit.core.internal.SingleFlight;
import io.groupkit.core.internal.Stages;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.MembershipCheck;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
import io.groupkit.greenapi.internal.GreenApiAnswers.Failed;
import io.groupkit.greenapi.internal.GreenApiAnswers.Json;
import io.groupkit.greenapi.internal.GreenApiAnswers.Names;
import io.groupkit.greenapi.internal.GreenApiAnswers.Read;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentMap;

/**
 * Green-API as a {@link MembershipProvider}: one HTTP request per attempt, plus the cached look-ups
 * that turn a bare {@code addParticipant: false} into a precise outcome.
 */
public final class GreenApiProvider implements MembershipProvider {
    /** The reasons WhatsApp may refuse an add that no check can tell apart (seed documents). */
    public static final List<NotAdded.Reason> UNTOLD_REASONS = List.of(NotAdded.Reason.PRIVACY,
            NotAdded.Reason.RESTRICTED_BY_PROVIDER, NotAdded.Reason.GROUP_SETTINGS, NotAdded.Reason.LEFT_OR_REMOVED_BEFORE);

    private static final Capabilities CAPABILITIES = Capabilities.builder()
            .memberKinds(MemberKind.PHONE, MemberKind.CHAT_ID)
            .operations(Operation.ADD, Operation.REMOVE, Operation.INVITE_LINK, Operation.MEMBERS, Operation.GROUPS,
                    Operation.PRECHECK, Operation.SEND_INVITE)
            .groupRefType(GroupRef.class)
            .build();

    /** What a look-up of a group's data found: the data, or the outcome of the failure. */
    private sealed interface Lookup {
    }

    private record Found(GroupData data) implements Lookup {
    }

    private record Refused(Outcome outcome) implements Lookup {
        boolean groupNotFound() {
            return outcome instanceof NotFound n && n.subject() == NotFound.Subject.GROUP;
        }
    }

    /** How old a contact list may be before a "not a contact" from it is checked against a fresh one. */
    static final Duration CONTACTS_MISS_MAX_AGE = Duration.ofSeconds(30);

    private final Transport transport;
    private final GreenApiAnswers answers;
    private final String idInstance;
    private final Limits limits;
    private final String inviteMessage;
    private final AsyncCache<String, Lookup> groups;
    // lid -> phone chat id, as getGroupData answers pair them: the only source that may tie the two.
    private final ConcurrentMap<String, String> numbersOfLids = new ConcurrentHashMap<>();
    private final Optional<String> saveContactsAs;
    private final TimeSource time;
    private final Duration changesKept;
    // group id -> the members this process added or removed lately, laid over group data read before
    private final ConcurrentMap<String, Deque<LocalChange>> localChanges = new ConcurrentHashMap<>();
    // "group chatId" -> adds of that person to that group under way in this process
    private final ConcurrentMap<String, Set<AddUnderWay>> addsUnderWay = new ConcurrentHashMap<>();

    private final AsyncCache<String, Set<String>> contacts;
    private final AsyncCache<String, Boolean> whatsapp;
    private final AsyncCache<String, String> ownId;
    private final AsyncCache<String, AccountStatus> state;
    // a cold client's concurrent callers share one getStateInstance / checkWhatsapp, whatever it answers
    private final SingleFlight<String, ActionResult> stateReads = new SingleFlight<>();
    private final SingleFlight<String, ActionResult> checks = new SingleFlight<>();
    private final AsyncCache<String, List<GroupInfo>> chats;

    /**
     * A provider for one instance.
     *
     * @param transport the instance's HTTP transport
     * @param idInstance the instance id (not secret)
     * @param limits the pacing
     * @param time the clock for cache expiry
     * @param groupDataTtl how long a group's data is trusted for diagnosis
     * @param contactsTtl how long the contact list is trusted
     * @param checkTtl how long a number's "has WhatsApp" answer is trusted
     * @param inviteMessage the text sent before an invite link
     * @param saveContactsAs the first name under which a number WhatsApp wants in the contacts is
     *     saved before one more add, or empty to leave the contacts alone (the default)
     */
    public GreenApiProvider(Transport transport, String idInstance, Limits limits, TimeSource time,
                             Duration groupDataTtl, Duration contactsTtl, Duration checkTtl, String inviteMessage,
                             Optional<String> saveContactsAs) {
        this.transport = transport;
        this.answers = new GreenApiAnswers(transport);
        this.idInstance = idInstance;
        this.limits = limits;
        this.inviteMessage = inviteMessage;
        this.saveContactsAs = saveContactsAs;
        this.groups = new AsyncCache<>(time, groupDataTtl);
        this.time = time;
        this.changesKept = groupDataTtl.multipliedBy(2);
        this.contacts = new AsyncCache<>(time, contactsTtl);
        this.whatsapp = new AsyncCache<>(time, checkTtl);
        this.ownId = new AsyncCache<>(time, Duration.ofDays(1));
        this.state = new AsyncCache<>(time, Duration.ofSeconds(60));
        this.chats = new AsyncCache<>(time, groupDataTtl);
    }

    @Override
    public String name() {
        return GreenApiAnswers.PROVIDER;
    }

    @Override
    public String accountKey() {
        return GreenApiAnswers.PROVIDER + ":" + idInstance;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public List<RateLimit> rateLimits(Operation operation) {
        return switch (operation) {
            case ADD -> List.of(limits.addParticipant);
            case REMOVE -> List.of(limits.removeParticipant);
            case INVITE_LINK, MEMBERS -> List.of(limits.getGroupData);
            case SEND_INVITE -> List.of(limits.sendMessage);
            // Paced inside, only when the answer is not cached (a listing's later pages come from it).
            case PRECHECK, ADD_BATCH, GROUPS -> List.of();
        };
    }

    @Override
    public void checkGroup(GroupRef group) {
        if (!group.key().endsWith("@g.us")) {
            throw new IllegalArgumentException("expected a WhatsApp group id ending in @g.us (from createGroup or a chat"
                    + " listing), got '" + io.groupkit.core.Redaction.maskDigitRuns(group.key()) + "'");
        }
    }

    @Override
    public void checkMember(Member member) {
        if (member.kind() == MemberKind.CHAT_ID && !member.value().endsWith("@c.us") && !member.value().endsWith("@lid")) {
            throw new IllegalArgumentException("expected a WhatsApp chat id of a person (…@c.us or …@lid), got " + member);
        }
    }

    // ---- the four operations ----

    @Override
    public CompletionStage<AddResult> add(AttemptContext ctx, GroupRef group, Member member) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupId", group.key());
        if (member instanceof Member.Phone phone) {
            body.put("participantPhone", Long.parseLong(phone.digits()));
        } else {
            body.put("participantChatId", member.value());
        }
        String key = group.key() + " " + chatId(member);
        AddUnderWay mine = new AddUnderWay(new CompletableFuture<>());
        addsUnderWay.compute(key, (k, set) -> {
            Set<AddUnderWay> all = set != null ? set : ConcurrentHashMap.newKeySet();
            all.add(mine);
            return all;
        });
        return Stages.invoke(() -> transport.post(ctx, "addGroupParticipant", body).thenCompose(reply -> {
            Read read = answers.read("addGroupParticipant", reply, Effect.CHANGES, Names.A_GROUP);
            if (read instanceof Failed f) {
                return done(f.as(AddResult.class));
            }
            JsonNode json = ((Json) read).json();
            JsonNode added = json.path("addParticipant");
            if (added.isBoolean() && added.asBoolean()) {
                joined(group, member);
                return done(new Added(answers.detail("addParticipant:true", "")));
            }
            if (added.isBoolean()) {
                CompletableFuture<Void> others = otherAnswers(key, mine);
                mine.answered().complete(null);
                return diagnose(ctx, group, member, body, others);
            }
            return done(new Unrecognized(answers.detail("UNEXPECTED_ANSWER", ((Json) read).raw()).withStatus(200)));
        })).whenComplete((r, e) -> {
            mine.answered().complete(null);
            addsUnderWay.computeIfPresent(key, (k, set) -> {
                set.remove(mine);
                return set.isEmpty() ? null : set;
            });
        });
    }

    /** One add under way; {@code answered} completes once its answer is read (and a success recorded). */
    private record AddUnderWay(CompletableFuture<Void> answered) {
    }

    /**
     * Completes when every other add of the same person to the same group under way in this
     * process has its answer: one of them may have put the person in the group (WhatsApp then
     * refuses this one), and its success is recorded in the cached data. Waiting for answers, not
     * for diagnoses, two refused adds never wait for each other.
     */
    private CompletableFuture<Void> otherAnswers(String key, AddUnderWay mine) {
        Set<AddUnderWay> all = addsUnderWay.getOrDefault(key, Set.of());
        return CompletableFuture.allOf(all.stream().filter(a -> a != mine)
                .map(AddUnderWay::answered).toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletionStage<RemoveResult> remove(AttemptContext ctx, GroupRef group, Member member) {
        Map<String, Object> body = Map.of("groupId", group.key(), "participantChatId", chatId(member));
        return transport.post(ctx, "removeGroupParticipant", body).thenCompose(reply -> {
            Read read = answers.read("removeGroupParticipant", reply, Effect.CHANGES, Names.A_GROUP);
            if (read instanceof Failed f) {
                return done(f.as(RemoveResult.class));
            }
            JsonNode removed = ((Json) read).json().path("removeParticipant");
            if (removed.isBoolean() && removed.asBoolean()) {
                changed(group, new LocalChange(chatId(member), false, time.nanoTime()));
                return done(new Removed(answers.detail("removeParticipant:true", "")));
            }
            if (removed.isBoolean()) {
                return diagnoseRemoval(ctx, group, member);
            }
            return done(new Unrecognized(answers.detail("UNEXPECTED_ANSWER", ((Json) read).raw()).withStatus(200)));
        });
    }

    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext ctx, GroupRef group) {
        return groupData(group).thenApply(r -> {
            if (r instanceof Refused refused) {
                return (InviteLinkResult) refused.outcome();
            }
            GroupData data = ((Found) r).data();
            if (data.inviteLink().isBlank()) {
                return GreenApiAnswers.notAdmin(answers.detail("EMPTY_INVITE_LINK",
                        "getGroupData gave no groupInviteLink: WhatsApp gives it to admins only").withStatus(200));
            }
            return new InviteLink(answers.detail("groupInviteLink", ""), data.inviteLink());
        });
    }

    @Override
    public CompletionStage<MembersResult> members(AttemptContext ctx, GroupRef group) {
        return groupData(group).thenApply(r -> {
            if (r instanceof Refused refused) {
                return (MembersResult) refused.outcome();
            }
            List<GroupMember> people = new ArrayList<>();
            for (GroupData.Participant p : ((Found) r).data().participants()) {
                MemberRole role = p.superAdmin() ? MemberRole.OWNER : p.admin() ? MemberRole.ADMIN : MemberRole.MEMBER;
                people.add(new GroupMember(Member.chatId(p.id()), role));
            }
            return new Members(answers.detail("participants", people.size() + " participants"), people);
        });
    }

    /**
     * Listings name people by number where they can; a lid is matched to a number only where an
     * answer paired them, and an unpaired {@code @lid} never proves absence.
     */
    @Override
    public CompletionStage<MembershipCheck> isMember(AttemptContext ctx, GroupRef group, Member wanted,
                                                     Optional<MembersResult> listing) {
        if (listing.isEmpty() || !(listing.get() instanceof Members m)) {
            return done(MembershipCheck.UNKNOWN);
        }
        String wantedId = canonical(chatId(wanted));
        if (m.members().stream().anyMatch(p -> canonical(p.member().value()).equals(wantedId))) {
            return done(MembershipCheck.PRESENT);
        }
        // A member listed by an unpaired @lid may be the wanted number; an unpaired wanted lid may be
        // any member listed by number.
        boolean hidden = wantedId.endsWith("@lid")
                ? m.members().stream().anyMatch(p -> !canonical(p.member().value()).endsWith("@lid"))
                : m.members().stream().anyMatch(p -> canonical(p.member().value()).endsWith("@lid"));
        return done(hidden ? MembershipCheck.UNKNOWN : MembershipCheck.ABSENT);
    }

    private String canonical(String chatId) {
        return chatId.endsWith("@lid") ? numbersOfLids.getOrDefault(chatId, chatId) : chatId;
    }

    /** A member this process added ({@code joined}) or removed, at a time on the client's clock. */
    private record LocalChange(String chatId, boolean joined, long atNanos) {
        GroupData applyTo(GroupData data) {
            return joined ? data.with(chatId) : data.without(chatId);
        }
    }

    private void joined(GroupRef group, Member member) {
        changed(group, new LocalChange(chatId(member), true, time.nanoTime()));
    }

    /**
     * Keeps the cached data of a group current after a change this process made, and remembers
     * the change for data read before it and answered after it.
     */
    private void changed(GroupRef group, LocalChange change) {
        Deque<LocalChange> changes = localChanges.computeIfAbsent(group.key(),
                k -> new ConcurrentLinkedDeque<>());
        changes.addLast(change);
        long oldest = change.atNanos() - changesKept.toNanos();
        for (LocalChange c = changes.peekFirst(); c != null && c.atNanos() - oldest < 0; c = changes.peekFirst()) {
            changes.pollFirst();
        }
        groups.update(group.key(), l -> l instanceof Found f ? new Found(change.applyTo(f.data())) : l);
    }

    /** Group data read at {@code readAt}, with the changes this process made since laid over it. */
    private GroupData withChangesSince(String groupKey, GroupData data, long readAt) {
        GroupData current = data;
        for (LocalChange c : localChanges.getOrDefault(groupKey, new ArrayDeque<>())) {
            if (c.atNanos() - readAt >= 0) {
                current = c.applyTo(current);
            }
        }
        return current;
    }

    // ---- the instance's groups ----

    /**
     * The groups the instance is in, from {@code getChats} (its entries of type {@code group};
     * {@code getContacts} no longer lists groups), sorted by title. The whole list comes in one
     * answer, cached for the group-data lifetime so that later pages cost nothing; a cursor is an
     * offset into it. {@link GroupsPage.Details#LOOKED_UP} adds each group's size, name and the
     * instance's right to add people from {@code getGroupData} (cached, one per second).
     */
    /** Cursors are offsets into the sorted list. */
    @Override
    public void checkPage(GroupsPage page) {
        page.offset();
    }

    @Override
    public CompletionStage<GroupsResult> groups(AttemptContext ctx, GroupsPage page) {
        int from = page.offset();
        // A first page reads the list afresh; later pages walk the list it read.
        CompletionStage<ChatListing> listing = page.cursor().isEmpty() ? fetchChats(ctx)
                : chats.peek("chats").map(GroupsRead::new).<CompletionStage<ChatListing>>map(CompletableFuture::completedFuture)
                .orElseGet(() -> fetchChats(ctx));
        return listing.thenCompose(r -> {
            if (r instanceof ListingRefused refused) {
                return done(refused.outcome());
            }
            List<GroupInfo> all = ((GroupsRead) r).groups();
            List<GroupInfo> slice = all.stream().skip(from).limit(page.limit()).toList();
            int end = from + slice.size();
            Optional<String> next = end < all.size() ? Optional.of(Integer.toString(end)) : Optional.empty();
            ProviderDetail detail = answers.detail("getChats", all.size() + " groups");
            if (page.details() == GroupsPage.Details.AS_LISTED) {
                return done((GroupsResult) new Groups(detail, slice, next));
            }
            CompletionStage<List<GroupInfo>> looked = done(new ArrayList<>());
            for (GroupInfo g : slice) {
                looked = looked.thenCompose(list -> lookedUp(ctx, g).thenApply(info -> {
                    list.add(info);
                    return list;
                }));
            }
            return looked.thenApply(list -> (GroupsResult) new Groups(detail, list, next));
        });
    }

    /** What reading the instance's chat list gave: its groups, or the failure. */
    private sealed interface ChatListing {
    }

    private record GroupsRead(List<GroupInfo> groups) implements ChatListing {
    }

    private record ListingRefused(GroupsResult outcome) implements ChatListing {
    }

    private CompletionStage<ChatListing> fetchChats(AttemptContext ctx) {
        return ctx.pace(limits.getChats).thenCompose(v -> transport.get(ctx, "getChats")).thenApply(reply -> {
            Read read = answers.read("getChats", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP);
            if (read instanceof Failed f) {
                return new ListingRefused(f.as(GroupsResult.class));
            }
            JsonNode json = ((Json) read).json();
            if (!json.isArray()) {
                return new ListingRefused(new Unrecognized(answers.detail("UNEXPECTED_ANSWER", ((Json) read).raw())
                        .withStatus(200)));
            }
            List<GroupInfo> groups = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode chat : json) {
                String id = chat.path("id").asText("");
                boolean group = "group".equals(chat.path("type").asText("")) || id.endsWith("@g.us");
                if (group && id.endsWith("@g.us") && seen.add(id)) {
                    groups.add(new GroupInfo(GroupRef.of(id), chat.path("name").asText(""), OptionalInt.empty(),
                            GroupInfo.AddRight.UNKNOWN));
                }
            }
            groups.sort(Comparator.comparing((GroupInfo g) -> g.title().toLowerCase(Locale.ROOT))
                    .thenComparing(g -> g.group().key()));
            List<GroupInfo> sorted = List.copyOf(groups);
            chats.put("chats", sorted);
            return new GroupsRead(sorted);
        });
    }

    /** A listed group with what its data tells: size, name, and whether the instance may add people. */
    private CompletionStage<GroupInfo> lookedUp(AttemptContext ctx, GroupInfo listed) {
        return cachedGroupData(ctx, listed.group()).thenCompose(lookup -> {
            if (!(lookup instanceof Found found)) {
                return done(listed);
            }
            GroupData data = found.data();
            String title = listed.title().isEmpty() ? data.subject() : listed.title();
            if (data.participantsMayAdd().orElse(false)) {
                return done(new GroupInfo(listed.group(), title, OptionalInt.of(data.memberCount()),
                        GroupInfo.AddRight.YES));
            }
            return instanceIsAdmin(ctx, data).thenApply(admin -> new GroupInfo(listed.group(), title,
                    OptionalInt.of(data.memberCount()), admin.map(a -> a ? GroupInfo.AddRight.YES
                    : GroupInfo.AddRight.NO).orElse(GroupInfo.AddRight.UNKNOWN)));
        });
    }

    // ---- ban safety: the state of the instance and the number, before anything is sent ----

    @Override
    public CompletionStage<Optional<AddResult>> precheck(AttemptContext ctx, GroupRef group, Member member) {
        return usable(ctx).thenCompose(blocked -> blocked.isPresent() ? done(blocked)
                : groupRefuses(ctx, group, member)).thenCompose(blocked -> {
            if (blocked.isPresent()) {
                return done(Optional.of(blocked.get()));
            }
            Optional<String> digits = digitsOf(member);
            if (digits.isEmpty()) {
                return done(Optional.<AddResult>empty());
            }
            return hasWhatsapp(ctx, digits.get()).thenApply(r -> r instanceof Done ? Optional.<AddResult>empty()
                    : Optional.of((AddResult) r));
        });
    }

    /**
     * What the group's cached data rules out before anything is sent: a group that does not exist
     * (or that the instance left), a community or its announcement group, a full group. Data that
     * cannot be read rules nothing out.
     */
    private CompletionStage<Optional<AddResult>> groupRefuses(AttemptContext ctx, GroupRef group, Member member) {
        return cachedGroupData(ctx, group).thenApply(lookup -> {
            if (lookup instanceof Refused r) {
                return r.groupNotFound() ? Optional.of((AddResult) r.outcome()) : Optional.<AddResult>empty();
            }
            GroupData data = ((Found) lookup).data();
            return switch (data.kind()) {
                case COMMUNITY -> Optional.of(new Unsupported(answers.detail("isCommunity", "getGroupData: the id names a"
                        + " community").withStatus(200).withRemedy("This id is a WhatsApp community, which people join"
                        + " through its groups: add the person to one of the community's groups instead.")));
                case COMMUNITY_ANNOUNCEMENTS -> Optional.of(new Unsupported(answers.detail("isCommunityAnnounce",
                        "getGroupData: the id names a community's announcement group").withStatus(200).withRemedy(
                        "This is a community's announcement group, which holds everyone in the community's groups: add"
                                + " the person to one of the community's groups, and they join it too.")));
                case GROUP -> data.memberCount() >= GroupData.MAX_MEMBERS && data.find(chatId(member)).isEmpty()
                        ? Optional.of(new GroupFull(answers.detail("GROUP_FULL", "getGroupData: " + data.memberCount()
                        + " members, WhatsApp's limit is " + GroupData.MAX_MEMBERS).withStatus(200).withRemedy(
                        "The group has WhatsApp's maximum of " + GroupData.MAX_MEMBERS + " members: remove someone, or"
                                + " add the person to another group (or a community's group).")))
                        : Optional.<AddResult>empty();
            };
        });
    }

    /** The outcome that stops work because of the instance's state, or empty when it may work. */
    private CompletionStage<Optional<AddResult>> usable(AttemptContext ctx) {
        return instanceState(ctx).thenApply(r -> {
            if (!(r instanceof AccountStatus s)) {
                return Optional.of((AddResult) r);
            }
            return switch (s.state()) {
                case AUTHORIZED -> Optional.empty();
                case SPAM_SUSPENDED, BANNED -> Optional.of(new SpamLimited(s.detail().withRemedy(
                        "WhatsApp has " + (s.state() == AccountState.BANNED ? "banned" : "suspended (yellow card)")
                                + " this number for suspected spam: stop all mass actions and rest the account for days.")));
                case NOT_AUTHORIZED -> Optional.of(new Unauthorized(s.detail().withRemedy(
                        "The instance is logged out: scan the QR code in the Green-API console again.")));
                case STARTING, SLEEPING, UNKNOWN -> Optional.of(new Unavailable(s.detail().withRemedy(
                        "The instance is not ready (" + s.detail().code() + "): wait a few minutes, keep the phone online.")));
            };
        });
    }

    /**
     * The instance's state ({@code getStateInstance}), cached for a minute.
     *
     * @param ctx the attempt, for pacing
     * @return an {@link AccountStatus} or a failure
     */
    public CompletionStage<ActionResult> instanceState(AttemptContext ctx) {
        Optional<AccountStatus> cached = state.peek("state");
        if (cached.isPresent()) {
            return done(cached.get());
        }
        return stateReads.run("state", () -> readState(ctx));
    }

    private CompletionStage<ActionResult> readState(AttemptContext ctx) {
        return ctx.pace(limits.getStateInstance).thenCompose(v -> transport.get(ctx, "getStateInstance")).thenApply(reply -> {
            Read read = answers.read("getStateInstance", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP);
            if (read instanceof Failed f) {
                return f.as(ActionResult.class);
            }
            JsonNode json = ((Json) read).json();
            String name = json.path("stateInstance").asText("");
            AccountStatus status = new AccountStatus(answers.detail(name.isEmpty() ? "NO_STATE" : name,
                    name.isEmpty() ? "the instance is still being created" : ""), switch (name) {
                        case "authorized" -> AccountState.AUTHORIZED;
                        case "notAuthorized" -> AccountState.NOT_AUTHORIZED;
                        case "blocked" -> AccountState.BANNED;
                        case "yellowCard" -> AccountState.SPAM_SUSPENDED;
                        case "starting" -> AccountState.STARTING;
                        case "sleepMode" -> AccountState.SLEEPING;
                        default -> AccountState.UNKNOWN;
                    });
            if (status.state() == AccountState.AUTHORIZED) {
                state.put("state", status);
            }
            return status;
        });
    }

    /**
     * Whether a number has WhatsApp ({@code checkWhatsapp}), cached.
     *
     * @param ctx the attempt, for pacing
     * @param digits the number's digits
     * @return {@link Done} if it has, {@link NotRegistered} if not, or a failure
     */
    public CompletionStage<ActionResult> hasWhatsapp(AttemptContext ctx, String digits) {
        Optional<Boolean> cached = whatsapp.peek(digits);
        if (cached.isPresent()) {
            return done(checked(cached.get(), true));
        }
        return checks.run(digits, () -> checkWhatsapp(ctx, digits));
    }

    private CompletionStage<ActionResult> checkWhatsapp(AttemptContext ctx, String digits) {
        return ctx.pace(limits.checkWhatsapp)
                .thenCompose(v -> transport.post(ctx, "checkWhatsapp", Map.of("phoneNumber", Long.parseLong(digits))))
                .thenApply(reply -> {
                    Read read = answers.read("checkWhatsapp", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP);
                    if (read instanceof Failed f) {
                        return f.as(ActionResult.class);
                    }
                    JsonNode exists = ((Json) read).json().path("existsWhatsapp");
                    if (!exists.isBoolean()) {
                        return new Unrecognized(answers.detail("UNEXPECTED_ANSWER", ((Json) read).raw()).withStatus(200));
                    }
                    whatsapp.put(digits, exists.asBoolean());
                    return checked(exists.asBoolean(), false);
                });
    }

    private ActionResult checked(boolean exists, boolean cached) {
        String how = cached ? " (cached)" : "";
        return exists ? new Done(answers.detail("existsWhatsapp:true", how.strip()))
                : new NotRegistered(answers.detail("existsWhatsapp:false", "checkWhatsapp: the number has no WhatsApp" + how));
    }

    // ---- diagnosis of a bare "false" ----

    /**
     * Why WhatsApp refused. The diagnosis waits for {@code otherAdds} of the same person in this
     * process to be answered: the refusal may be WhatsApp's answer to a second add, and the first
     * one's success, kept in the cached data, tells that the person is in.
     */
    private CompletionStage<AddResult> diagnose(AttemptContext ctx, GroupRef group, Member member, Map<String, Object> add,
                                                CompletableFuture<Void> otherAdds) {
        // A refusal may be the first sign of a yellow card: the next pre-check asks for the state again.
        state.invalidate("state");
        // After an earlier attempt of this add (a 502, a lost answer) WhatsApp may have added the person
        // and now refuses a second add: only group data read after that attempt can tell.
        return otherAdds.thenCompose(v -> ctx.attempt() > 1 ? freshGroupData(ctx, group) : cachedGroupData(ctx, group))
                .thenCompose(lookup -> {
            if (lookup instanceof Found found) {
                GroupData data = found.data();
                if (data.find(chatId(member)).isPresent()) {
                    return done(new AlreadyMember(answers.detail("addParticipant:false",
                            "getGroupData lists the person already")));
                }
                if (data.participantsMayAdd().orElse(false)) {
                    // Any member may add people here, so the instance's role explains nothing.
                    return diagnosePerson(ctx, group, member, add, List.of());
                }
                CompletionStage<Optional<AddResult>> admin = instanceIsAdmin(ctx, data).thenApply(isAdmin ->
                        isAdmin.isPresent() && !isAdmin.get() ? Optional.of(GreenApiAnswers.notAdmin(answers.detail(
                                "addParticipant:false", "getGroupData: the instance is not an admin of the group")))
                                : Optional.<AddResult>empty());
                return admin.thenCompose(notAdmin -> notAdmin.isPresent() ? done(notAdmin.get())
                        : diagnosePerson(ctx, group, member, add, List.of()));
            }
            if (((Refused) lookup).groupNotFound()) {
                return done((AddResult) ((Refused) lookup).outcome());
            }
            return diagnosePerson(ctx, group, member, add, List.of(NotAdded.Reason.NOT_ADMIN));
        });
    }

    private CompletionStage<AddResult> diagnosePerson(AttemptContext ctx, GroupRef group, Member member,
                                                      Map<String, Object> add, List<NotAdded.Reason> unchecked) {
        Optional<String> digits = digitsOf(member);
        CompletionStage<Optional<AddResult>> registered = digits.isEmpty() ? done(Optional.empty())
                : hasWhatsapp(ctx, digits.get()).thenApply(r -> r instanceof NotRegistered n
                ? Optional.<AddResult>of(n) : Optional.empty());
        return registered.thenCompose(noAccount -> {
            if (noAccount.isPresent()) {
                return done(noAccount.get());
            }
            return isContact(ctx, chatId(member)).thenCompose(known -> {
                if (known.isPresent() && !known.get()) {
                    NotInContacts notInContacts = new NotInContacts(answers.detail("addParticipant:false",
                            "getContacts: the number is not in the phone's contacts"));
                    return saveContactsAs.isPresent() && member instanceof Member.Phone
                            ? saveContactAndAddAgain(ctx, group, member, add, saveContactsAs.get(), notInContacts)
                            : done((AddResult) notInContacts);
                }
                List<NotAdded.Reason> reasons = new ArrayList<>(unchecked);
                if (known.isEmpty()) {
                    reasons.add(NotAdded.Reason.NOT_IN_CONTACTS);
                }
                reasons.addAll(UNTOLD_REASONS);
                return done((AddResult) new NotAdded(answers.detail("addParticipant:false",
                        "WhatsApp refused without a reason; the checks ruled out what they could"), reasons));
            });
        });
    }

    /**
     * The seed's remedy for a number missing from the phone's contacts, opted into with
     * {@code saveContactAndRetry}: save it ({@code addContact}, whose 404 says the number has no
     * WhatsApp), then add once more. The outcome says what was done.
     */
    private CompletionStage<AddResult> saveContactAndAddAgain(AttemptContext ctx, GroupRef group, Member member,
                                                              Map<String, Object> add, String firstName,
                                                              NotInContacts notInContacts) {
        String id = chatId(member);
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("chatId", id);
        contact.put("firstName", firstName);
        contact.put("saveInAddressbook", true);
        return ctx.pace(limits.addContact).thenCompose(v -> transport.post(ctx, "addContact", contact)).thenCompose(reply -> {
            Read read = answers.read("addContact", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP);
            boolean saved = read instanceof Json j && j.json().path("addContact").asBoolean(false);
            boolean there = read instanceof Failed f && f.outcome().detail().description().toLowerCase(Locale.ROOT)
                    .contains("already exists");
            if (read instanceof Failed f && f.outcome().detail().status().orElse(0) == 404) {
                whatsapp.put(digitsOf(member).orElse(""), false);
                return done((AddResult) new NotRegistered(answers.detail("addContact:404", f.outcome().detail().description())
                        .withStatus(404).withRemedy("addContact says the number is not on WhatsApp: check the number."
                                + " Do not retry: adding numbers without WhatsApp can get this number banned.")));
            }
            if (!saved && !there) {
                return done((AddResult) new NotInContacts(notInContacts.detail().withDescription(
                        "the number is not in the phone's contacts, and saving it failed (addContact: "
                                + read.getClass().getSimpleName() + " " + (read instanceof Failed f ? f.outcome().detail().code()
                                : "no addContact:true") + ")")));
            }
            contacts.update("contacts", ids -> {
                Set<String> more = new HashSet<>(ids);
                more.add(id);
                return Set.copyOf(more);
            });
            String done = saved ? "saved the number to the phone's contacts (addContact)" : "the number was in the contacts already";
            return ctx.pace(limits.addParticipant).thenCompose(v -> transport.post(ctx, "addGroupParticipant", add)).thenApply(again -> {
                Read second = answers.read("addGroupParticipant", again, Effect.CHANGES, Names.A_GROUP);
                if (second instanceof Failed f) {
                    return f.as(AddResult.class);
                }
                JsonNode added = ((Json) second).json().path("addParticipant");
                if (added.isBoolean() && added.asBoolean()) {
                    joined(group, member);
                    return (AddResult) new Added(answers.detail("ADDED_AFTER_SAVING_CONTACT", done + ", then added"));
                }
                List<NotAdded.Reason> reasons = new ArrayList<>(UNTOLD_REASONS);
                return new NotAdded(answers.detail("addParticipant:false", done + " and the add was tried once more;"
                        + " WhatsApp refused again without a reason"), reasons);
            });
        });
    }

    private CompletionStage<RemoveResult> diagnoseRemoval(AttemptContext ctx, GroupRef group, Member member) {
        groups.invalidate(group.key());
        return cachedGroupData(ctx, group).thenCompose(lookup -> {
            if (lookup instanceof Refused r) {
                return done(r.groupNotFound() ? (RemoveResult) r.outcome() : new Unrecognized(answers.detail(
                        "removeParticipant:false", "WhatsApp refused; the group's data could not be read to tell why")));
            }
            GroupData data = ((Found) lookup).data();
            if (data.find(chatId(member)).isEmpty() && data.provesAbsence(chatId(member))) {
                return done(new NotMember(answers.detail("removeParticipant:false", "getGroupData does not list the person")));
            }
            return instanceIsAdmin(ctx, data).thenApply(isAdmin -> isAdmin.isPresent() && !isAdmin.get()
                    ? (RemoveResult) GreenApiAnswers.notAdmin(answers.detail("removeParticipant:false",
                    "getGroupData: the instance is not an admin of the group"))
                    : new Unrecognized(answers.detail("removeParticipant:false", "WhatsApp refused without a reason")));
        });
    }

    private CompletionStage<Optional<Boolean>> instanceIsAdmin(AttemptContext ctx, GroupData data) {
        return ownId.get("wid", () -> ctx.pace(limits.getSettings)
                        .thenCompose(v -> transport.get(ctx, "getSettings"))
                        .thenApply(reply -> answers.read("getSettings", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP) instanceof Json j
                                && j.json().path("wid").isTextual() ? Optional.of(j.json().path("wid").asText()) : Optional.empty()))
                .thenApply(wid -> wid.map(id -> data.find(id).map(p -> p.admin() || p.superAdmin()).orElse(false)));
    }

    /**
     * Whether a chat id is in the phone's contacts: the cached list answers yes; a no from a list
     * older than {@link #CONTACTS_MISS_MAX_AGE} is checked against a fresh list first, since the
     * person may have been saved since.
     */
    private CompletionStage<Optional<Boolean>> isContact(AttemptContext ctx, String chatId) {
        return contacts.get("contacts", () -> fetchContacts(ctx)).thenCompose(known -> {
            if (known.isEmpty() || known.get().contains(chatId)
                    || contacts.peekYoungerThan("contacts", CONTACTS_MISS_MAX_AGE).isPresent()) {
                return done(known.map(ids -> ids.contains(chatId)));
            }
            return contacts.refresh("contacts", () -> fetchContacts(ctx))
                    .thenApply(fresh -> fresh.or(() -> known).map(ids -> ids.contains(chatId)));
        });
    }

    private CompletionStage<Optional<Set<String>>> fetchContacts(AttemptContext ctx) {
        return ctx.pace(limits.getContacts)
                .thenCompose(v -> transport.get(ctx, "getContacts"))
                .thenApply(reply -> {
                    if (!(answers.read("getContacts", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP) instanceof Json j) || !j.json().isArray()) {
                        return Optional.empty();
                    }
                    Set<String> ids = new HashSet<>();
                    for (JsonNode c : j.json()) {
                        // A contact saved in the phone book has a contactName; others are just chats.
                        if (c.path("id").isTextual() && !c.path("contactName").asText("").isBlank()) {
                            ids.add(c.path("id").asText());
                        }
                    }
                    return Optional.of(Set.copyOf(ids));
                });
    }

    // ---- group data: fresh for reads, cached for diagnosis ----

    /** Fresh group data (the caller has paced the call), or the failure outcome. */
    private CompletionStage<Lookup> groupData(GroupRef group) {
        long readAt = time.nanoTime();
        // A read several calls share through the cache: never made on one caller's thread.
        return transport.post("getGroupData", Map.of("groupId", group.key())).thenApply(reply -> {
            Read read = answers.read("getGroupData", reply, Effect.SAFE_TO_REPEAT, Names.A_GROUP);
            if (read instanceof Failed f) {
                Refused refused = new Refused(f.outcome());
                if (refused.groupNotFound()) {
                    groups.put(group.key(), refused);
                }
                return refused;
            }
            Json json = (Json) read;
            Optional<GroupData> data = GroupData.from(json.json());
            if (data.isEmpty()) {
                return new Refused(json.json().isObject() && !json.json().has("groupId")
                        ? new NotFound(answers.detail("NO_GROUP_DATA", json.raw()).withStatus(200), NotFound.Subject.GROUP)
                        : new Unrecognized(answers.detail("UNEXPECTED_ANSWER", json.raw()).withStatus(200)));
            }
            learnLids(data.get());
            Found found = new Found(withChangesSince(group.key(), data.get(), readAt));
            groups.put(group.key(), found);
            return found;
        });
    }

    /**
     * Group data for diagnosis and pre-checks, cached; a group that does not exist is remembered
     * as such for as long, other failures are not.
     */
    private CompletionStage<Lookup> cachedGroupData(AttemptContext ctx, GroupRef group) {
        return orUnavailable(groups.get(group.key(), groupDataReader(ctx, group)));
    }

    /** Group data read now, whatever is cached (the answer is cached for the next look-up). */
    private CompletionStage<Lookup> freshGroupData(AttemptContext ctx, GroupRef group) {
        return orUnavailable(groups.refresh(group.key(), groupDataReader(ctx, group)));
    }

    private java.util.function.Supplier<CompletionStage<Optional<Lookup>>> groupDataReader(AttemptContext ctx, GroupRef group) {
        return () -> ctx.pace(limits.getGroupData).thenCompose(v -> groupData(group)).thenApply(Optional::of);
    }

    private CompletionStage<Lookup> orUnavailable(CompletionStage<Optional<Lookup>> lookup) {
        return lookup.thenApply(found -> found.orElseGet(() -> new Refused(new Unavailable(answers.detail(
                "NO_GROUP_DATA", "getGroupData could not be read")))));
    }

    private void learnLids(GroupData data) {
        if (numbersOfLids.size() > 100_000) {
            numbersOfLids.clear(); // a bound, not a cache policy: pairs are learned again from the next answers
        }
        for (GroupData.Participant p : data.participants()) {
            if (p.numberKnown() && p.lid().isPresent()) {
                numbersOfLids.put(p.lid().get(), p.id());
            }
        }
    }

    // ---- invite links to people who cannot be added ----

    @Override
    public CompletionStage<ActionResult> sendInvite(AttemptContext ctx, GroupRef group, Member member, InviteLink link) {
        Map<String, Object> body = Map.of("chatId", chatId(member), "message", inviteMessage + " " + link.url());
        return transport.post(ctx, "sendMessage", body).thenApply(reply -> {
            Read read = answers.read("sendMessage", reply, Effect.CHANGES, Names.NO_GROUP);
            if (read instanceof Failed f) {
                return f.as(ActionResult.class);
            }
            Json j = (Json) read;
            return j.json().path("idMessage").isTextual() ? new Done(answers.detail("SENT", "sendMessage: the link was sent"))
                    : new Unrecognized(answers.detail("UNEXPECTED_ANSWER", j.raw()).withStatus(200));
        });
    }

    // ---- the other group methods, for GreenApiClient ----

    /**
     * {@code createGroup}: every member must have WhatsApp (checked first, cached); a number
     * without it is never sent.
     *
     * @param ctx the attempt
     * @param name the group's name
     * @param members the people
     * @return {@link GroupCreated}, {@link NotRegistered} naming who has no WhatsApp, or a failure
     */
    public CompletionStage<ActionResult> createGroup(AttemptContext ctx, String name, List<Member> members) {
        CompletionStage<List<ActionResult>> checks = done(new ArrayList<>());
        for (Member m : members) {
            Optional<String> digits = digitsOf(m);
            if (digits.isPresent()) {
                checks = checks.thenCompose(list -> hasWhatsapp(ctx, digits.get()).thenApply(r -> {
                    list.add(r);
                    return list;
                }));
            }
        }
        return checks.thenCompose(results -> {
            long without = results.stream().filter(r -> r instanceof NotRegistered).count();
            Optional<ActionResult> failure = results.stream().filter(r -> !(r instanceof Done) && !(r instanceof NotRegistered)).findFirst();
            if (failure.isPresent()) {
                return done(failure.get());
            }
            if (without > 0) {
                return done(new NotRegistered(answers.detail("existsWhatsapp:false", without + " of the " + members.size()
                        + " numbers have no WhatsApp; nothing was sent").withRemedy("Remove the numbers without"
                        + " WhatsApp (checkWhatsapp) and create the group again: sending them can get this number banned.")));
            }
            Map<String, Object> body = Map.of("groupName", name, "chatIds", members.stream().map(GreenApiProvider::chatId).toList());
            return transport.post(ctx, "createGroup", body).thenApply(reply -> {
                Read read = answers.read("createGroup", reply, Effect.CREATES, Names.NO_GROUP);
                if (read instanceof Failed f) {
                    return f.as(ActionResult.class);
                }
                JsonNode json = ((Json) read).json();
                if (json.path("created").asBoolean(false) && json.path("chatId").isTextual()) {
                    String link = json.path("groupInviteLink").asText("");
                    return new GroupCreated(answers.detail("created:true", ""), GroupRef.of(json.path("chatId").asText()),
                            link.isBlank() ? Optional.empty() : Optional.of(link));
                }
                return new Unrecognized(answers.detail("created:false", ((Json) read).raw()).withStatus(200));
            });
        });
    }

    /**
     * A group method with a boolean answer ({@code updateGroupName}, {@code setGroupAdmin},
     * {@code removeAdmin}, {@code leaveGroup}).
     *
     * @param ctx the attempt
     * @param method the method
     * @param body the request
     * @param field the answer's boolean field
     * @return {@link Done}, {@link NotFound} of the person when an {@code error} text says so, or a failure
     */
    public CompletionStage<ActionResult> groupAction(AttemptContext ctx, String method, Map<String, Object> body,
                                                     String field) {
        return transport.post(ctx, method, body).thenApply(reply -> {
            Read read = answers.read(method, reply, Effect.CHANGES, Names.A_GROUP);
            if (read instanceof Failed f) {
                return f.as(ActionResult.class);
            }
            JsonNode json = ((Json) read).json();
            String error = json.path("error").asText("");
            if (error.toLowerCase(Locale.ROOT).contains("not found")) {
                return new NotFound(answers.detail(field + ":" + json.path(field).asText("?"), error).withStatus(200),
                        NotFound.Subject.MEMBER);
            }
            groups.invalidate(String.valueOf(body.get("groupId")));
            // leaveGroup is documented to answer with either its own field or removeAdmin.
            boolean done = json.path(field).asBoolean(false)
                    || ("leaveGroup".equals(method) && !json.has(field) && json.path("removeAdmin").asBoolean(false));
            if (done) {
                return new Done(answers.detail(field + ":true", error));
            }
            return new Unrecognized(answers.detail(field + ":false", error.isEmpty() ? ((Json) read).raw() : error).withStatus(200));
        });
    }

    /**
     * {@code setGroupPicture} with a JPEG file.
     *
     * @param ctx the attempt
     * @param group the group
     * @param jpeg the picture
     * @return {@link Done} (the avatar's URL in the description), {@link NotFound} of the group for
     *     the documented {@code reason: "Timed Out"}, or a failure
     */
    public CompletionStage<ActionResult> setGroupPicture(AttemptContext ctx, GroupRef group, byte[] jpeg) {
        return transport.postMultipart(ctx, "setGroupPicture", Map.of("groupId", group.key()), "file", "picture.jpg",
                "image/jpeg", jpeg).thenApply(reply -> {
                    // Setting a picture twice does no harm, so a lost answer may be retried.
                    Read read = answers.read("setGroupPicture", reply, Effect.SAFE_TO_REPEAT, Names.A_GROUP);
                    if (read instanceof Failed f) {
                        return f.as(ActionResult.class);
                    }
                    JsonNode json = ((Json) read).json();
                    if (json.path("setGroupPicture").asBoolean(false)) {
                        return new Done(answers.detail("setGroupPicture:true", json.path("urlAvatar").asText("")));
                    }
                    String reason = json.path("reason").asText("");
                    if ("Timed Out".equalsIgnoreCase(reason.strip())) {
                        // Green-API documents this answer for a wrong or mistyped group id.
                        return new NotFound(answers.detail("Timed Out", "setGroupPicture:false: the group id was not"
                                + " accepted").withStatus(200), NotFound.Subject.GROUP);
                    }
                    return new Unrecognized(answers.detail("setGroupPicture:false", reason.isEmpty() ? ((Json) read).raw()
                            : reason).withStatus(200));
                });
    }

    /**
     * The pacing.
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    // ---- helpers ----

    /**
     * A member's WhatsApp chat id.
     *
     * @param member a phone or chat id
     * @return {@code digits@c.us} for a phone, the id itself otherwise
     */
    public static String chatId(Member member) {
        return member instanceof Member.Phone p ? p.digits() + "@c.us" : member.value();
    }

    private static Optional<String> digitsOf(Member member) {
        if (member instanceof Member.Phone p) {
            return Optional.of(p.digits());
        }
        String v = member.value();
        if (v.endsWith("@c.us") && v.length() > 5 && v.substring(0, v.length() - 5).chars().allMatch(Character::isDigit)) {
            return Optional.of(v.substring(0, v.length() - 5));
        }
        return Optional.empty();
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    @Override
    public String toString() {
        return "GreenApiProvider[" + transport + "]";
    }

}
