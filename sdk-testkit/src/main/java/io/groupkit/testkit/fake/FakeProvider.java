package io.groupkit.testkit.fake;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Blocked;
import io.groupkit.core.DecisionResult;
import io.groupkit.core.Done;
import io.groupkit.core.GroupFull;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.JoinRequest;
import io.groupkit.core.JoinRequests;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.JoinRequestsResult;
import io.groupkit.core.Member;
import io.groupkit.core.MemberBanned;
import io.groupkit.core.MemberKind;
import io.groupkit.core.MemberRole;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotInContacts;
import io.groupkit.core.NotMember;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.Outcome;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.QuotaExceeded;
import io.groupkit.core.RateLimited;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.TooManyGroups;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.conformance.ScriptedAccount;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory provider: groups and people held in memory, scriptable per person ("this phone is
 * privacy-restricted", "this one has no account") and per call ("fail the next 2 adds"), with
 * every call recorded. Deterministic and thread-safe; needs no JUnit.
 *
 * <pre>{@code
 * VirtualTime time = VirtualTime.create();
 * FakeProvider fake = FakeProvider.builder().time(time).build();
 * fake.group("team");
 * fake.person(Member.phone("+7 900 000-00-01")).privacyRestricted();
 * GroupMembership groups = GroupMembership.create(fake, Policies.builder().time(time).build());
 * }</pre>
 *
 * <p>What an add answers, in order: a scripted fault; an unknown group is {@link NotFound} of the
 * group; a group where the account is not admin gives {@link AccessDenied}; a person with no account
 * is {@link NotRegistered}; a present person is {@link AlreadyMember} (whatever else their script
 * says, as a provider answers for someone already in); then the rest of the person's script
 * (privacy, contacts, banned, blocked, too many groups); a full group is {@link GroupFull};
 * otherwise {@link Added}.
 *
 * <p>Join requests are scripted per group ({@link Group#requestToJoin}): listed oldest first,
 * approved (the person joins, so a watch sees them join) or declined, one or all at once.
 *
 * <p>A lost answer ({@link FakeFault#answerLostAfterApplying()}, {@code ...BeforeApplying}) on a
 * read (invite link, members, groups) is {@link Unavailable}, as a read's lost answer is: safe to
 * ask again. On a pre-check any fault makes the check fail (a retry follows, and the add is not
 * sent while it keeps failing); on sending an invite any fault means the link was not sent.
 */
public final class FakeProvider implements MembershipProvider {
    private final String name;
    private final TimeSource time;
    private final Duration latency;
    private final Capabilities capabilities;
    private final Map<Operation, List<RateLimit>> rateLimits;

    private final Object lock = new Object();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Person> people = new HashMap<>();
    private final Map<Operation, ArrayDeque<FakeFault>> operationFaults = new EnumMap<>(Operation.class);
    private final List<FakeCall> calls = new ArrayList<>();
    private final List<SentInvite> invites = new ArrayList<>();

    private FakeProvider(Builder b) {
        this.name = b.name;
        this.time = b.time;
        this.latency = b.latency;
        Map<Operation, List<RateLimit>> limits = new EnumMap<>(Operation.class);
        b.rateLimits.forEach((op, list) -> limits.put(op, List.copyOf(list)));
        this.rateLimits = Map.copyOf(limits);
        Capabilities.Builder caps = Capabilities.builder()
                .memberKinds(b.memberKinds.toArray(MemberKind[]::new))
                .operations(b.operations.toArray(Operation[]::new))
                .groupRefType(GroupRef.class);
        if (b.maxBatchSize > 1) {
            caps.batches(b.maxBatchSize);
        }
        this.capabilities = caps.build();
    }

    /**
     * A builder: name {@code fake}, system time, no latency, every member kind and operation, no
     * batches, no rate limits.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---- scripting ----

    /**
     * A group by id, created empty (account is admin, no member limit) if new.
     *
     * @param id the group's id
     * @return the group's script
     */
    public Group group(String id) {
        return group(GroupRef.of(id));
    }

    /**
     * A group by reference, created empty if new.
     *
     * @param ref the group
     * @return the group's script
     */
    public Group group(GroupRef ref) {
        Objects.requireNonNull(ref, "group must not be null");
        synchronized (lock) {
            return groups.computeIfAbsent(ref.key(), Group::new);
        }
    }

    /**
     * A person's script, created ordinary (has an account, can be added) if new.
     *
     * @param member the person
     * @return the person's script
     */
    public Person person(Member member) {
        Objects.requireNonNull(member, "member must not be null");
        synchronized (lock) {
            return people.computeIfAbsent(key(member), k -> new Person());
        }
    }

    /**
     * Makes the next {@code times} calls of an operation fail with {@code fault}.
     *
     * @param operation the operation
     * @param times how many calls
     * @param fault the failure
     * @return this fake
     */
    public FakeProvider failNext(Operation operation, int times, FakeFault fault) {
        Objects.requireNonNull(operation, "operation must not be null");
        Objects.requireNonNull(fault, "fault must not be null");
        synchronized (lock) {
            ArrayDeque<FakeFault> queue = operationFaults.computeIfAbsent(operation, o -> new ArrayDeque<>());
            for (int i = 0; i < times; i++) {
                queue.add(fault);
            }
        }
        return this;
    }

    /**
     * Every call received so far, in order of arrival.
     *
     * @return a copy
     */
    public List<FakeCall> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    /**
     * The calls of one operation.
     *
     * @param operation the operation
     * @return a copy
     */
    public List<FakeCall> calls(Operation operation) {
        synchronized (lock) {
            return calls.stream().filter(c -> c.operation() == operation).toList();
        }
    }

    /**
     * Invite links sent so far.
     *
     * @return a copy
     */
    public List<SentInvite> invitesSent() {
        synchronized (lock) {
            return List.copyOf(invites);
        }
    }

    /**
     * The people in a group now.
     *
     * @param ref the group
     * @return a copy, in order of joining; empty for an unknown group
     */
    public List<Member> membersOf(GroupRef ref) {
        synchronized (lock) {
            Group g = groups.get(ref.key());
            return g == null ? List.of() : List.copyOf(g.members.values());
        }
    }

    /**
     * This fake as a scripted test account for the conformance kit: every script it offers is
     * carried out with {@link #failNext}.
     *
     * @return the script
     */
    public ScriptedAccount script() {
        return new ScriptedAccount() {
            @Override
            public boolean loseNextAddAnswerAfterApplying() {
                failNext(Operation.ADD, 1, FakeFault.answerLostAfterApplying());
                return true;
            }

            @Override
            public boolean loseNextAddAnswerBeforeApplying() {
                failNext(Operation.ADD, 1, FakeFault.answerLostBeforeApplying());
                return true;
            }

            @Override
            public boolean refuseNextAddTransiently() {
                failNext(Operation.ADD, 1, FakeFault.unavailable());
                return true;
            }

            @Override
            public Optional<Runnable> holdNextAdd() {
                CompletableFuture<Void> release = new CompletableFuture<>();
                failNext(Operation.ADD, 1, FakeFault.held(release));
                return Optional.of(() -> release.complete(null));
            }

            @Override
            public boolean joinOnTheirOwn(GroupRef group, Member member) {
                group(group).join(member);
                return true;
            }

            @Override
            public boolean leaveOnTheirOwn(GroupRef group, Member member) {
                group(group).leave(member);
                return true;
            }

            @Override
            public boolean requestToJoin(GroupRef group, Member member) {
                group(group).requestToJoin(member);
                return true;
            }
        };
    }

    // ---- the provider ----

    @Override
    public String name() {
        return name;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public List<RateLimit> rateLimits(Operation operation) {
        return rateLimits.getOrDefault(operation, List.of());
    }

    @Override
    public CompletionStage<AddResult> add(AttemptContext context, GroupRef group, Member member) {
        return answer(Operation.ADD, group, List.of(member), context, fault -> fault.<AddResult>map(f -> addFault(f, group, member))
                .orElseGet(() -> addNow(group, member)));
    }

    @Override
    public CompletionStage<List<AddResult>> addBatch(AttemptContext context, GroupRef group, List<Member> members) {
        return answer(Operation.ADD_BATCH, group, members, context, fault -> members.stream()
                .map(m -> fault.<AddResult>map(f -> addFault(f, group, m)).orElseGet(() -> addNow(group, m)))
                .toList());
    }

    @Override
    public CompletionStage<RemoveResult> remove(AttemptContext context, GroupRef group, Member member) {
        return answer(Operation.REMOVE, group, List.of(member), context, fault -> fault.<RemoveResult>map(f -> {
            if (f.type().applies()) {
                removeNow(group, member);
            }
            return (RemoveResult) shared(f);
        }).orElseGet(() -> removeNow(group, member)));
    }

    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext context, GroupRef group) {
        return answer(Operation.INVITE_LINK, group, List.of(), context, fault -> fault.map(f -> (InviteLinkResult) sharedRead(f))
                .orElseGet(() -> {
                    Group g = groups.get(group.key());
                    if (g == null) {
                        return groupNotFound(group);
                    }
                    if (!g.admin) {
                        return new AccessDenied(detail("NOT_ADMIN"));
                    }
                    return new InviteLink(detail("INVITE_LINK"), g.inviteLink);
                }));
    }

    @Override
    public CompletionStage<MembersResult> members(AttemptContext context, GroupRef group) {
        return answer(Operation.MEMBERS, group, List.of(), context, fault -> fault.map(f -> (MembersResult) sharedRead(f))
                .orElseGet(() -> {
                    Group g = groups.get(group.key());
                    if (g == null) {
                        return groupNotFound(group);
                    }
                    return new Members(detail("MEMBERS"), g.members.values().stream()
                            .map(m -> new GroupMember(m, g.roles.getOrDefault(key(m), MemberRole.MEMBER))).toList());
                }));
    }

    /** Cursors are offsets into the sorted list. */
    @Override
    public void checkPage(GroupsPage page) {
        page.offset();
    }

    /** Every group of the script, by title then id; a cursor is an offset into that list. */
    @Override
    public CompletionStage<GroupsResult> groups(AttemptContext context, GroupsPage page) {
        int from = page.offset();
        return answer(Operation.GROUPS, null, List.of(), context, fault -> fault.map(f -> (GroupsResult) sharedRead(f))
                .orElseGet(() -> {
                    List<Group> all = groups.values().stream()
                            .sorted(java.util.Comparator.comparing((Group g) -> g.title.toLowerCase(java.util.Locale.ROOT))
                                    .thenComparing(g -> g.key))
                            .toList();
                    List<GroupInfo> infos = all.stream().skip(from).limit(page.limit())
                            .map(g -> new GroupInfo(GroupRef.of(g.key), g.title, java.util.OptionalInt.of(g.members.size()),
                                    g.admin ? GroupInfo.AddRight.YES : GroupInfo.AddRight.NO))
                            .toList();
                    int end = from + infos.size();
                    return new Groups(detail("GROUPS"), infos,
                            end < all.size() ? Optional.of(Integer.toString(end)) : Optional.empty());
                }));
    }

    @Override
    public CompletionStage<Optional<AddResult>> precheck(AttemptContext context, GroupRef group, Member member) {
        return answer(Operation.PRECHECK, group, List.of(member), context, fault -> {
            if (fault.isPresent()) {
                throw new IllegalStateException("scripted pre-check failure");
            }
            Person p = people.get(key(member));
            return p != null && !p.hasAccount
                    ? Optional.<AddResult>of(new NotRegistered(detail("NO_ACCOUNT"))) : Optional.<AddResult>empty();
        });
    }

    @Override
    public CompletionStage<ActionResult> sendInvite(AttemptContext context, GroupRef group, Member member,
                                                    InviteLink link) {
        return answer(Operation.SEND_INVITE, group, List.of(member), context, fault -> {
            if (fault.isPresent()) {
                return (ActionResult) new Unavailable(detail("FAULT").withDescription("the invite was not sent"));
            }
            invites.add(new SentInvite(group.key(), member, link.url()));
            return new Done(detail("SENT"));
        });
    }

    /** Cursors are offsets into the group's requests, oldest first. */
    @Override
    public void checkJoinRequestsPage(JoinRequestsPage page) {
        offset(page);
    }

    private static int offset(JoinRequestsPage page) {
        return page.cursor().map(c -> {
            try {
                int n = Integer.parseInt(c);
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException notAnOffset) {
                // fall through
            }
            throw new IllegalArgumentException("expected a cursor from JoinRequests.next() of this provider, got '" + c + "'");
        }).orElse(0);
    }

    /** The group's pending requests, oldest first; a cursor is an offset into them. */
    @Override
    public CompletionStage<JoinRequestsResult> joinRequests(AttemptContext context, GroupRef group, JoinRequestsPage page) {
        int from = offset(page);
        return answer(Operation.JOIN_REQUESTS, group, List.of(), context, fault -> fault.map(f -> (JoinRequestsResult) sharedRead(f))
                .orElseGet(() -> {
                    Group g = groups.get(group.key());
                    if (g == null) {
                        return groupNotFound(group);
                    }
                    if (!g.admin) {
                        return new AccessDenied(detail("NOT_ADMIN"));
                    }
                    List<JoinRequest> all = List.copyOf(g.requests.values());
                    List<JoinRequest> shown = all.stream().skip(from).limit(page.limit()).toList();
                    int end = from + shown.size();
                    return new JoinRequests(detail("JOIN_REQUESTS"), shown,
                            end < all.size() ? Optional.of(Integer.toString(end)) : Optional.empty());
                }));
    }

    /**
     * Approving lets the person in (a watch sees them join) unless they are in too many groups
     * ({@link TooManyGroups}, the request stays); declining drops the request. A person with no
     * pending request is {@link NotFound} of the member, or {@link AlreadyMember} when approved
     * while in the group.
     */
    @Override
    public CompletionStage<DecisionResult> decideJoinRequest(AttemptContext context, GroupRef group, Member member,
                                                             JoinDecision decision) {
        return answer(Operation.DECIDE_JOIN_REQUEST, group, List.of(member), context, fault -> fault.<DecisionResult>map(f -> {
            if (f.type().applies()) {
                decideNow(group, member, decision);
            }
            return (DecisionResult) shared(f);
        }).orElseGet(() -> decideNow(group, member, decision)));
    }

    /** Every pending request decided at once; on approval, those in too many groups stay pending and make the answer {@link TooManyGroups}. */
    @Override
    public CompletionStage<DecisionResult> decideAllJoinRequests(AttemptContext context, GroupRef group,
                                                                 JoinDecision decision) {
        return answer(Operation.DECIDE_ALL_JOIN_REQUESTS, group, List.of(), context, fault -> fault.<DecisionResult>map(f -> {
            if (f.type().applies()) {
                decideAllNow(group, decision);
            }
            return (DecisionResult) shared(f);
        }).orElseGet(() -> decideAllNow(group, decision)));
    }

    private DecisionResult decideNow(GroupRef ref, Member member, JoinDecision decision) {
        Group g = groups.get(ref.key());
        if (g == null) {
            return groupNotFound(ref);
        }
        if (!g.admin) {
            return new AccessDenied(detail("NOT_ADMIN"));
        }
        JoinRequest request = g.requests.get(key(member));
        if (request == null) {
            if (decision == JoinDecision.APPROVE && g.members.containsKey(key(member))) {
                return new AlreadyMember(detail("ALREADY_MEMBER"));
            }
            return new NotFound(detail("NO_JOIN_REQUEST").withDescription("the person has no pending join request"),
                    NotFound.Subject.MEMBER);
        }
        if (decision == JoinDecision.APPROVE) {
            Person p = people.get(key(member));
            if (p != null && p.tooManyGroups) {
                return new TooManyGroups(detail("TOO_MANY_GROUPS"));
            }
            g.members.put(key(member), request.member());
        }
        g.requests.remove(key(member));
        return new Done(detail(decision == JoinDecision.APPROVE ? "APPROVED" : "DECLINED"));
    }

    private DecisionResult decideAllNow(GroupRef ref, JoinDecision decision) {
        Group g = groups.get(ref.key());
        if (g == null) {
            return groupNotFound(ref);
        }
        if (!g.admin) {
            return new AccessDenied(detail("NOT_ADMIN"));
        }
        int stayed = 0;
        for (java.util.Iterator<JoinRequest> it = g.requests.values().iterator(); it.hasNext(); ) {
            JoinRequest request = it.next();
            if (decision == JoinDecision.APPROVE) {
                Person p = people.get(key(request.member()));
                if (p != null && p.tooManyGroups) {
                    stayed++;
                    continue;
                }
                g.members.put(key(request.member()), request.member());
            }
            it.remove();
        }
        if (stayed > 0) {
            return new TooManyGroups(detail("TOO_MANY_GROUPS").withDescription(stayed
                    + " of the people are in too many groups and still wait"));
        }
        return new Done(detail(decision == JoinDecision.APPROVE ? "APPROVED_ALL" : "DECLINED_ALL"));
    }

    /** Records the call, waits the latency, then computes the answer under the lock. */
    private <T> CompletionStage<T> answer(Operation op, @Nullable GroupRef group, List<Member> members, AttemptContext context,
                                          Function<Optional<FakeFault>, T> compute) {
        Optional<FakeFault> fault;
        synchronized (lock) {
            calls.add(new FakeCall(op, group == null ? "" : group.key(), members, context.attempt(), time.nanoTime()));
            fault = nextFault(op, members);
        }
        boolean slow = fault.isPresent() && fault.get().type() == FakeFault.Type.SLOW;
        boolean held = fault.isPresent() && fault.get().type() == FakeFault.Type.HELD;
        Duration wait = slow ? latency.plus(fault.get().retryAfter()) : latency;
        Optional<FakeFault> effect = slow || held ? Optional.empty() : fault;
        CompletionStage<?> release = held ? fault.get().release().handle((r, e) -> null) : CompletableFuture.completedFuture(null);
        return time.delay(wait).thenCompose(v -> release).thenApply(v -> {
            synchronized (lock) {
                if (effect.isPresent() && effect.get().type() == FakeFault.Type.PROVIDER_EXCEPTION) {
                    throw new IllegalStateException("scripted provider failure");
                }
                return compute.apply(effect);
            }
        });
    }

    private Optional<FakeFault> nextFault(Operation op, List<Member> members) {
        ArrayDeque<FakeFault> queue = operationFaults.get(op);
        if (queue != null && !queue.isEmpty()) {
            return Optional.of(queue.poll());
        }
        if (op == Operation.ADD || op == Operation.ADD_BATCH || op == Operation.REMOVE) {
            for (Member m : members) {
                Person p = people.get(key(m));
                if (p != null && !p.faults.isEmpty()) {
                    return Optional.of(p.faults.poll());
                }
            }
        }
        return Optional.empty();
    }

    private AddResult addFault(FakeFault f, GroupRef group, Member member) {
        if (f.type().applies()) {
            addNow(group, member);
        }
        return (AddResult) shared(f);
    }

    private AddResult addNow(GroupRef ref, Member member) {
        Group g = groups.get(ref.key());
        if (g == null) {
            return groupNotFound(ref);
        }
        if (!g.admin) {
            return new AccessDenied(detail("NOT_ADMIN"));
        }
        Person p = people.get(key(member));
        if (p != null && !p.hasAccount) {
            return new NotRegistered(detail("NO_ACCOUNT"));
        }
        if (g.members.containsKey(key(member))) {
            return new AlreadyMember(detail("ALREADY_MEMBER"));
        }
        AddResult refusal = p == null ? null : refusalOf(p);
        if (refusal != null) {
            return refusal;
        }
        if (g.members.size() >= g.capacity) {
            return new GroupFull(detail("GROUP_FULL"));
        }
        g.members.put(key(member), member);
        return new Added(detail("ADDED"));
    }

    /** The refusal a person's script gives, or null if they can be added. */
    private @Nullable AddResult refusalOf(Person p) {
        if (p.privacyRestricted) {
            return new PrivacyRestricted(detail("PRIVACY_RESTRICTED"));
        }
        if (p.notInContacts) {
            return new NotInContacts(detail("NOT_IN_CONTACTS"));
        }
        if (p.banned) {
            return new MemberBanned(detail("BANNED"));
        }
        if (p.blocked) {
            return new Blocked(detail("BLOCKED"));
        }
        if (p.tooManyGroups) {
            return new TooManyGroups(detail("TOO_MANY_GROUPS"));
        }
        return null;
    }

    private RemoveResult removeNow(GroupRef ref, Member member) {
        Group g = groups.get(ref.key());
        if (g == null) {
            return groupNotFound(ref);
        }
        if (!g.admin) {
            return new AccessDenied(detail("NOT_ADMIN"));
        }
        return g.members.remove(key(member)) != null ? new Removed(detail("REMOVED")) : new NotMember(detail("NOT_MEMBER"));
    }

    private NotFound groupNotFound(GroupRef ref) {
        return new NotFound(detail("GROUP_NOT_FOUND").withDescription("no group " + ref.key()), NotFound.Subject.GROUP);
    }

    /** A fault's outcome on a read: a lost answer is Unavailable there, never Indeterminate. */
    private Outcome sharedRead(FakeFault f) {
        return switch (f.type()) {
            case ANSWER_LOST_AFTER_APPLYING, ANSWER_LOST_BEFORE_APPLYING -> new Unavailable(detail("TIMEOUT")
                    .withDescription("the answer to a read was lost"));
            default -> shared(f);
        };
    }

    /** The outcomes of faults that every operation can meet. */
    private Outcome shared(FakeFault f) {
        return switch (f.type()) {
            case UNAVAILABLE -> new Unavailable(detail("UNAVAILABLE").withStatus(503));
            case BAD_GATEWAY_AFTER_APPLYING -> new Unavailable(detail("BAD_GATEWAY").withStatus(502));
            case RATE_LIMITED -> f.retryAfter() == null ? new RateLimited(detail("RATE_LIMITED").withStatus(429))
                    : new RateLimited(detail("RATE_LIMITED").withStatus(429), f.retryAfter());
            case SPAM_LIMITED -> new SpamLimited(detail("SPAM_LIMITED"));
            case UNAUTHORIZED -> new Unauthorized(detail("UNAUTHORIZED").withStatus(401));
            case QUOTA_EXCEEDED -> new QuotaExceeded(detail("QUOTA_EXCEEDED").withStatus(466));
            case ACCESS_DENIED -> new AccessDenied(detail("ACCESS_DENIED").withStatus(403));
            case ANSWER_LOST_AFTER_APPLYING, ANSWER_LOST_BEFORE_APPLYING -> new Indeterminate(detail("TIMEOUT"));
            case UNRECOGNIZED -> new Unrecognized(detail("SOMETHING_NEW").withDescription("an answer from the future"));
            case PROVIDER_EXCEPTION, SLOW, HELD -> throw new IllegalStateException("handled before");
        };
    }

    private ProviderDetail detail(String code) {
        return ProviderDetail.of(name, code);
    }

    private static String key(Member m) {
        return m.kind() + ":" + m.value();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "FakeProvider[" + name + ", " + groups.size() + " groups, " + calls.size() + " calls]";
        }
    }

    /** A group's script. Its methods are thread-safe. */
    public final class Group {
        private final String key;
        private final Map<String, Member> members = new LinkedHashMap<>();
        private final Map<String, MemberRole> roles = new HashMap<>(); // absent: MEMBER
        private final Map<String, JoinRequest> requests = new LinkedHashMap<>();
        private boolean admin = true;
        private int capacity = Integer.MAX_VALUE;
        private String inviteLink;
        private String title;

        private Group(String key) {
            this.key = key;
            this.title = key;
            this.inviteLink = "https://fake.invalid/join/" + Integer.toHexString(key.hashCode());
        }

        /**
         * The account is not an admin of the group: it may not add, remove or get the link
         * ({@link AccessDenied}). By default it is.
         *
         * @return this group
         */
        public Group notAdmin() {
            synchronized (lock) {
                this.admin = false;
            }
            return this;
        }

        /**
         * Whether the account is an admin of the group, as a flag.
         *
         * @param isAdmin true by default
         * @return this group
         * @deprecated A bare {@code false} does not say what it means: use {@link #notAdmin()}.
         */
        @Deprecated(since = "0.1", forRemoval = true)
        public Group admin(boolean isAdmin) {
            synchronized (lock) {
                this.admin = isAdmin;
            }
            return this;
        }

        /**
         * The member limit.
         *
         * @param limit members the group can hold
         * @return this group
         */
        public Group capacity(int limit) {
            synchronized (lock) {
                this.capacity = limit;
            }
            return this;
        }

        /**
         * The group's invite link.
         *
         * @param url the link
         * @return this group
         */
        public Group inviteLink(String url) {
            synchronized (lock) {
                this.inviteLink = Objects.requireNonNull(url, "url must not be null");
            }
            return this;
        }

        /**
         * The group's title in listings. Default its id.
         *
         * @param newTitle the title
         * @return this group
         */
        public Group title(String newTitle) {
            synchronized (lock) {
                this.title = Objects.requireNonNull(newTitle, "title must not be null");
            }
            return this;
        }

        /**
         * Puts people in the group without any call.
         *
         * @param newMembers the people
         * @return this group
         */
        public Group with(Member... newMembers) {
            synchronized (lock) {
                for (Member m : newMembers) {
                    members.put(key(m), m);
                }
            }
            return this;
        }

        /**
         * Someone joins the group on their own (by its invite link, say), with no call of the
         * client's: a watch sees them in the next listing.
         *
         * @param member the person
         * @return this group
         */
        public Group join(Member member) {
            return with(member);
        }

        /**
         * Someone leaves the group on their own (or an admin elsewhere removes them).
         *
         * @param member the person
         * @return this group
         */
        public Group leave(Member member) {
            synchronized (lock) {
                members.remove(key(member));
                roles.remove(key(member));
            }
            return this;
        }

        /**
         * Someone asks to join the group (through a link that needs an admin's approval): the
         * request is listed until it is approved (they join: a watch sees them in the next listing)
         * or declined. Asked at the fake's current time, with no link and no text.
         *
         * @param member the person, not in the group
         * @return this group
         * @throws IllegalArgumentException if the person is in the group already
         */
        public Group requestToJoin(Member member) {
            return requestToJoin(member, null, null);
        }

        /**
         * Someone asks to join the group through a link, with a text of their own.
         *
         * @param member the person, not in the group
         * @param link the invite link they used, or null
         * @param about what they wrote, or null
         * @return this group
         * @throws IllegalArgumentException if the person is in the group already
         */
        public Group requestToJoin(Member member, @Nullable String link, @Nullable String about) {
            Objects.requireNonNull(member, "member must not be null");
            synchronized (lock) {
                if (members.containsKey(key(member))) {
                    throw new IllegalArgumentException("expected someone outside the group, got a member: " + member);
                }
                requests.put(key(member), new JoinRequest(member, time.now(), Optional.ofNullable(link),
                        Optional.ofNullable(about)));
            }
            return this;
        }

        /**
         * The people whose join requests wait.
         *
         * @return a copy, oldest request first
         */
        public List<Member> pendingRequests() {
            synchronized (lock) {
                return requests.values().stream().map(JoinRequest::member).toList();
            }
        }

        /**
         * A member's standing in listings; {@link MemberRole#MEMBER} by default.
         *
         * @param member the person, in the group
         * @param role the new role
         * @return this group
         * @throws IllegalArgumentException if the person is not in the group
         */
        public Group role(Member member, MemberRole role) {
            synchronized (lock) {
                if (!members.containsKey(key(member))) {
                    throw new IllegalArgumentException("expected a member of the group, got " + member);
                }
                roles.put(key(member), Objects.requireNonNull(role, "role must not be null"));
            }
            return this;
        }

        @Override
        public String toString() {
            synchronized (lock) {
                return "Group[" + key + ", " + members.size() + " members]";
            }
        }
    }

    /** A person's script. Its methods are thread-safe. */
    public final class Person {
        private boolean hasAccount = true;
        private boolean privacyRestricted;
        private boolean notInContacts;
        private boolean banned;
        private boolean blocked;
        private boolean tooManyGroups;
        private final ArrayDeque<FakeFault> faults = new ArrayDeque<>();

        private Person() {
        }

        /**
         * The person has no account with the messenger: the pre-check reports
         * {@link NotRegistered}, and so does an add without pre-check.
         *
         * @return this person
         */
        public Person noAccount() {
            return set(() -> hasAccount = false);
        }

        /**
         * The person's privacy settings forbid being added: {@link PrivacyRestricted}.
         *
         * @return this person
         */
        public Person privacyRestricted() {
            return set(() -> privacyRestricted = true);
        }

        /**
         * The person is not in the account's contacts: {@link NotInContacts}.
         *
         * @return this person
         */
        public Person notInContacts() {
            return set(() -> notInContacts = true);
        }

        /**
         * The person was banned from groups earlier: {@link MemberBanned}.
         *
         * @return this person
         */
        public Person banned() {
            return set(() -> banned = true);
        }

        /**
         * The person and the account blocked each other: {@link Blocked}.
         *
         * @return this person
         */
        public Person blocked() {
            return set(() -> blocked = true);
        }

        /**
         * The person is in too many groups: {@link TooManyGroups}.
         *
         * @return this person
         */
        public Person tooManyGroups() {
            return set(() -> tooManyGroups = true);
        }

        /**
         * Makes the next {@code times} adds or removes of this person fail with {@code fault}; a
         * batch add that carries the person fails as a whole, as one request.
         *
         * @param times how many calls
         * @param fault the failure
         * @return this person
         */
        public Person failNext(int times, FakeFault fault) {
            Objects.requireNonNull(fault, "fault must not be null");
            return set(() -> {
                for (int i = 0; i < times; i++) {
                    faults.add(fault);
                }
            });
        }

        private Person set(Runnable change) {
            synchronized (lock) {
                change.run();
            }
            return this;
        }
    }

    /** Builds a {@link FakeProvider}; not thread-safe. */
    public static final class Builder {
        private String name = "fake";
        private TimeSource time = TimeSource.system();
        private Duration latency = Duration.ZERO;
        private int maxBatchSize = 1;
        private final List<MemberKind> memberKinds = new ArrayList<>(List.of(MemberKind.values()));
        private final List<Operation> operations = new ArrayList<>(List.of(Operation.ADD, Operation.REMOVE,
                Operation.INVITE_LINK, Operation.MEMBERS, Operation.GROUPS, Operation.PRECHECK, Operation.SEND_INVITE,
                Operation.JOIN_REQUESTS, Operation.DECIDE_JOIN_REQUEST, Operation.DECIDE_ALL_JOIN_REQUESTS));
        private final Map<Operation, List<RateLimit>> rateLimits = new EnumMap<>(Operation.class);

        private Builder() {
        }

        /**
         * The provider's name in outcomes. Default {@code fake}.
         *
         * @param providerName the name
         * @return this builder
         */
        public Builder name(String providerName) {
            this.name = Objects.requireNonNull(providerName, "name must not be null");
            return this;
        }

        /**
         * The time source for latency and call times; use the client's.
         *
         * @param source the time source
         * @return this builder
         */
        public Builder time(TimeSource source) {
            this.time = Objects.requireNonNull(source, "time must not be null");
            return this;
        }

        /**
         * How long each call takes. Default zero.
         *
         * @param perCall the latency
         * @return this builder
         */
        public Builder latency(Duration perCall) {
            this.latency = Objects.requireNonNull(perCall, "latency must not be null");
            return this;
        }

        /**
         * Declares batch adds of up to {@code size} people.
         *
         * @param size at least 2
         * @return this builder
         */
        public Builder batches(int size) {
            if (size < 2) {
                throw new IllegalArgumentException("expected a batch size of at least 2, got " + size);
            }
            this.maxBatchSize = size;
            return this;
        }

        /**
         * Limits the member kinds the fake takes (default: all).
         *
         * @param kinds the kinds
         * @return this builder
         */
        public Builder memberKinds(MemberKind... kinds) {
            memberKinds.clear();
            memberKinds.addAll(List.of(kinds));
            return this;
        }

        /**
         * Removes operations from what the fake supports, to test callers against poorer providers.
         *
         * @param ops the operations it lacks
         * @return this builder
         */
        public Builder without(Operation... ops) {
            operations.removeAll(List.of(ops));
            return this;
        }

        /**
         * Declares a rate limit for an operation, which GroupKit's pacing then keeps.
         *
         * @param operation the operation
         * @param limit the limit
         * @return this builder
         */
        public Builder rateLimit(Operation operation, RateLimit limit) {
            rateLimits.computeIfAbsent(operation, o -> new ArrayList<>()).add(limit);
            return this;
        }

        /**
         * Builds the fake.
         *
         * @return the fake
         */
        public FakeProvider build() {
            return new FakeProvider(this);
        }
    }
}
