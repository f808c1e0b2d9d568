package io.groupkit.core.testing;

import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Blocked;
import io.groupkit.core.Done;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
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
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.TooManyGroups;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
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
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A provider whose answers a test scripts, for testing the pipeline beside its code: core cannot
 * use the testkit's {@code FakeProvider}, which depends on core. It keeps only what the pipeline
 * needs to be tested: groups and their members (so that an add can be settled by a listing),
 * refusals per person, {@link Fault}s queued per operation or per person, and a record of every
 * call. Thread-safe.
 *
 * <p>An add answers, in order: a queued fault; {@link NotFound} for an unknown group; the
 * person's refusal if it is {@link NotRegistered}; {@link AlreadyMember}; the person's other
 * refusal; otherwise {@link Added}. A pre-check finds a {@code NotRegistered} refusal, and fails
 * (throws) on a queued fault. Queued per person, faults hit that person's adds and removes, not
 * batches.
 */
public final class ScriptedProvider implements MembershipProvider {
    /** Its name, in outcomes and in the client's description. */
    public static final String NAME = "fake";

    /**
     * One call received.
     *
     * @param operation what was asked
     * @param groupKey the group's key
     * @param members the people the call was about (empty for reads, several for a batch)
     * @param attempt GroupKit's attempt number
     * @param atNanos the time source's reading on arrival
     */
    public record Call(Operation operation, String groupKey, List<Member> members, int attempt, long atNanos) {
    }

    /**
     * An invite link sent to someone.
     *
     * @param groupKey the group's key
     * @param member who got it
     * @param url the link
     */
    public record SentInvite(String groupKey, Member member, String url) {
    }

    private final TimeSource time;
    private final Duration latency;
    private final Capabilities capabilities;
    private final Map<Operation, List<RateLimit>> rateLimits;

    private final Object lock = new Object();
    private final Map<String, Map<String, Member>> groups = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();
    private final Map<String, AddResult> refusals = new HashMap<>();
    private final Map<Operation, Queue<Fault>> faults = new EnumMap<>(Operation.class);
    private final Map<String, Queue<Fault>> personFaults = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<SentInvite> invites = new ArrayList<>();
    private final Map<String, MemberRole> roles = new java.util.HashMap<>(); // "group|member"; absent: MEMBER

    private ScriptedProvider(Builder b) {
        time = b.time;
        latency = b.latency;
        rateLimits = Map.copyOf(b.rateLimits);
        Capabilities.Builder caps = Capabilities.builder().memberKinds(b.kinds.toArray(MemberKind[]::new))
                .operations(b.operations.toArray(Operation[]::new)).groupRefType(GroupRef.class);
        if (b.batchSize > 1) {
            caps.batches(b.batchSize);
        }
        capabilities = caps.build();
    }

    /**
     * A builder: on system time, no latency, every member kind, every
     * operation but listing groups, no batches, no rate limits.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---- the script ----

    /**
     * Makes a group known, holding these people besides those it holds already.
     *
     * @param group the group
     * @param members people put in it without any call
     * @return this provider
     */
    public ScriptedProvider group(GroupRef group, Member... members) {
        synchronized (lock) {
            Map<String, Member> held = groups.computeIfAbsent(group.key(), k -> new LinkedHashMap<>());
            for (Member m : members) {
                held.put(key(m), m);
            }
        }
        return this;
    }

    /**
     * Someone leaves a group on their own, with no call.
     *
     * @param group the group
     * @param member the person
     * @return this provider
     */
    public ScriptedProvider leave(GroupRef group, Member member) {
        synchronized (lock) {
            Map<String, Member> held = groups.get(group.key());
            if (held != null) {
                held.remove(key(member));
            }
            roles.remove(group.key() + "|" + key(member));
        }
        return this;
    }

    /**
     * A member's standing in listings; MEMBER by default.
     *
     * @param group the group
     * @param member the person
     * @param role the role
     * @return this provider
     */
    public ScriptedProvider role(GroupRef group, Member member, MemberRole role) {
        synchronized (lock) {
            roles.put(group.key() + "|" + key(member), role);
        }
        return this;
    }

    /**
     * The group's invite link; by default one made from its key.
     *
     * @param group the group
     * @param url the link
     * @return this provider
     */
    public ScriptedProvider inviteLink(GroupRef group, String url) {
        synchronized (lock) {
            links.put(group.key(), url);
        }
        return this;
    }

    /**
     * Every add of this person is refused.
     *
     * @param member the person
     * @param kind {@code PRIVACY_RESTRICTED}, {@code NOT_IN_CONTACTS}, {@code NOT_REGISTERED} (no
     *     account: the pre-check finds it), {@code MEMBER_BANNED}, {@code BLOCKED} or {@code TOO_MANY_GROUPS}
     * @return this provider
     */
    public ScriptedProvider refuse(Member member, OutcomeKind kind) {
        ProviderDetail detail = ProviderDetail.of(NAME, kind.name());
        AddResult refusal = switch (kind) {
            case PRIVACY_RESTRICTED -> new PrivacyRestricted(detail);
            case NOT_IN_CONTACTS -> new NotInContacts(detail);
            case NOT_REGISTERED -> new NotRegistered(detail);
            case MEMBER_BANNED -> new MemberBanned(detail);
            case BLOCKED -> new Blocked(detail);
            case TOO_MANY_GROUPS -> new TooManyGroups(detail);
            default -> throw new IllegalArgumentException("not a refusal of a person: " + kind);
        };
        synchronized (lock) {
            refusals.put(key(member), refusal);
        }
        return this;
    }

    /**
     * The next {@code times} calls of an operation meet {@code fault}.
     *
     * @param operation the operation
     * @param times how many calls
     * @param fault what they meet
     * @return this provider
     */
    public ScriptedProvider failNext(Operation operation, int times, Fault fault) {
        synchronized (lock) {
            enqueue(faults.computeIfAbsent(operation, o -> new ArrayDeque<>()), times, fault);
        }
        return this;
    }

    /**
     * The next {@code times} adds or removes of this person (one by one, not in batches) meet
     * {@code fault}, after the faults queued for the operation.
     *
     * @param member the person
     * @param times how many calls
     * @param fault what they meet
     * @return this provider
     */
    public ScriptedProvider failNext(Member member, int times, Fault fault) {
        synchronized (lock) {
            enqueue(personFaults.computeIfAbsent(key(member), k -> new ArrayDeque<>()), times, fault);
        }
        return this;
    }

    private static void enqueue(Queue<Fault> queue, int times, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    // ---- what happened ----

    /**
     * Every call so far, in order of arrival.
     *
     * @return a copy
     */
    public List<Call> calls() {
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
    public List<Call> calls(Operation operation) {
        synchronized (lock) {
            return calls.stream().filter(c -> c.operation() == operation).toList();
        }
    }

    /**
     * The people in a group now, in order of joining.
     *
     * @param group the group
     * @return a copy; empty for an unknown group
     */
    public List<Member> membersOf(GroupRef group) {
        synchronized (lock) {
            return List.copyOf(groups.getOrDefault(group.key(), Map.of()).values());
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

    // ---- the provider ----

    @Override
    public String name() {
        return NAME;
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
        return respond(Operation.ADD, group, List.of(member), context, fault -> added(fault, group, member));
    }

    @Override
    public CompletionStage<List<AddResult>> addBatch(AttemptContext context, GroupRef group, List<Member> members) {
        return respond(Operation.ADD_BATCH, group, members, context,
                fault -> members.stream().map(m -> added(fault, group, m)).toList());
    }

    @Override
    public CompletionStage<RemoveResult> remove(AttemptContext context, GroupRef group, Member member) {
        return respond(Operation.REMOVE, group, List.of(member), context, fault -> {
            if (fault.isEmpty()) {
                return removeNow(group, member);
            }
            if (fault.get().kind() == Fault.Kind.APPLIED) {
                removeNow(group, member);
            }
            return (RemoveResult) fault.get().outcome();
        });
    }

    @Override
    public CompletionStage<MembersResult> members(AttemptContext context, GroupRef group) {
        return respond(Operation.MEMBERS, group, List.of(), context, fault -> {
            if (fault.isPresent()) {
                return (MembersResult) fault.get().outcome();
            }
            Map<String, Member> held = groups.get(group.key());
            if (held == null) {
                return groupNotFound(group);
            }
            return new Members(ProviderDetail.of(NAME, "MEMBERS"),
                    held.values().stream().map(m -> new GroupMember(m,
                            roles.getOrDefault(group.key() + "|" + key(m), MemberRole.MEMBER))).toList());
        });
    }

    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext context, GroupRef group) {
        return respond(Operation.INVITE_LINK, group, List.of(), context, fault -> {
            if (fault.isPresent()) {
                return (InviteLinkResult) fault.get().outcome();
            }
            if (!groups.containsKey(group.key())) {
                return groupNotFound(group);
            }
            return new InviteLink(ProviderDetail.of(NAME, "INVITE_LINK"), links.getOrDefault(group.key(),
                    "https://fake.invalid/join/" + Integer.toHexString(group.key().hashCode())));
        });
    }

    @Override
    public CompletionStage<Optional<AddResult>> precheck(AttemptContext context, GroupRef group, Member member) {
        return respond(Operation.PRECHECK, group, List.of(member), context, fault -> {
            if (fault.isPresent()) {
                throw new IllegalStateException("scripted pre-check failure");
            }
            return Optional.ofNullable(refusals.get(key(member))).filter(NotRegistered.class::isInstance);
        });
    }

    @Override
    public CompletionStage<ActionResult> sendInvite(AttemptContext context, GroupRef group, Member member,
                                                    InviteLink link) {
        return respond(Operation.SEND_INVITE, group, List.of(member), context, fault -> {
            if (fault.isPresent()) {
                return (ActionResult) fault.get().outcome();
            }
            invites.add(new SentInvite(group.key(), member, link.url()));
            return new Done(ProviderDetail.of(NAME, "SENT"));
        });
    }

    /**
     * Records the call and takes its fault, waits the latency (and a late fault's extra), then
     * answers under the lock. A fault that throws, or whose outcome does not fit the operation,
     * fails the stage: to the client, a provider's bug.
     */
    private <T> CompletionStage<T> respond(Operation op, GroupRef group, List<Member> members, AttemptContext context,
                                           Function<Optional<Fault>, T> answer) {
        Optional<Fault> fault;
        synchronized (lock) {
            calls.add(new Call(op, group.key(), List.copyOf(members), context.attempt(), time.nanoTime()));
            fault = Optional.ofNullable(faults.getOrDefault(op, new ArrayDeque<>()).poll());
            if (fault.isEmpty() && (op == Operation.ADD || op == Operation.REMOVE)) {
                fault = Optional.ofNullable(personFaults.getOrDefault(key(members.get(0)), new ArrayDeque<>()).poll());
            }
        }
        Optional<Fault> late = fault.filter(f -> f.kind() == Fault.Kind.LATE);
        Optional<Fault> answered = fault.filter(f -> f.kind() != Fault.Kind.LATE);
        return time.delay(late.map(f -> latency.plus(f.extra())).orElse(latency)).thenApply(v -> {
            synchronized (lock) {
                if (answered.isPresent() && answered.get().kind() == Fault.Kind.THROWS) {
                    throw new IllegalStateException("scripted provider failure");
                }
                return answer.apply(answered);
            }
        });
    }

    private AddResult added(Optional<Fault> fault, GroupRef group, Member member) {
        if (fault.isEmpty()) {
            return addNow(group, member);
        }
        if (fault.get().kind() == Fault.Kind.APPLIED) {
            addNow(group, member);
        }
        return (AddResult) fault.get().outcome();
    }

    private AddResult addNow(GroupRef group, Member member) {
        Map<String, Member> held = groups.get(group.key());
        if (held == null) {
            return groupNotFound(group);
        }
        AddResult refusal = refusals.get(key(member));
        if (refusal instanceof NotRegistered) {
            return refusal;
        }
        if (held.containsKey(key(member))) {
            return new AlreadyMember(ProviderDetail.of(NAME, "ALREADY_MEMBER"));
        }
        if (refusal != null) {
            return refusal;
        }
        held.put(key(member), member);
        return new Added(ProviderDetail.of(NAME, "ADDED"));
    }

    private RemoveResult removeNow(GroupRef group, Member member) {
        Map<String, Member> held = groups.get(group.key());
        if (held == null) {
            return groupNotFound(group);
        }
        return held.remove(key(member)) != null ? new Removed(ProviderDetail.of(NAME, "REMOVED"))
                : new NotMember(ProviderDetail.of(NAME, "NOT_MEMBER"));
    }

    private NotFound groupNotFound(GroupRef group) {
        return new NotFound(ProviderDetail.of(NAME, "GROUP_NOT_FOUND").withDescription("no group " + group.key()),
                NotFound.Subject.GROUP);
    }

    private static String key(Member m) {
        return m.kind() + ":" + m.value();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ScriptedProvider[" + NAME + ", " + groups.size() + " groups, " + calls.size() + " calls]";
        }
    }

    /** Builds a {@link ScriptedProvider}; not thread-safe. */
    public static final class Builder {
        private TimeSource time = TimeSource.system();
        private Duration latency = Duration.ZERO;
        private int batchSize = 1;
        private final List<MemberKind> kinds = new ArrayList<>(List.of(MemberKind.values()));
        private final List<Operation> operations = new ArrayList<>(List.of(Operation.ADD, Operation.REMOVE,
                Operation.INVITE_LINK, Operation.MEMBERS, Operation.PRECHECK, Operation.SEND_INVITE));
        private final Map<Operation, List<RateLimit>> rateLimits = new EnumMap<>(Operation.class);

        private Builder() {
        }

        /**
         * @param source the clock for latency and call times; the client's
         * @return this builder
         */
        public Builder time(TimeSource source) {
            time = source;
            return this;
        }

        /**
         * @param perCall how long each call takes
         * @return this builder
         */
        public Builder latency(Duration perCall) {
            latency = perCall;
            return this;
        }

        /**
         * @param size batch adds of up to this many people, at least 2
         * @return this builder
         */
        public Builder batches(int size) {
            batchSize = size;
            return this;
        }

        /**
         * @param memberKinds the only kinds the provider takes
         * @return this builder
         */
        public Builder memberKinds(MemberKind... memberKinds) {
            kinds.clear();
            kinds.addAll(List.of(memberKinds));
            return this;
        }

        /**
         * @param ops operations the provider lacks
         * @return this builder
         */
        public Builder without(Operation... ops) {
            operations.removeAll(List.of(ops));
            return this;
        }

        /**
         * @param operation an operation
         * @param limit a limit the provider declares for it, which pacing keeps
         * @return this builder
         */
        public Builder rateLimit(Operation operation, RateLimit limit) {
            rateLimits.computeIfAbsent(operation, o -> new ArrayList<>()).add(limit);
            return this;
        }

        /** @return the provider */
        public ScriptedProvider build() {
            return new ScriptedProvider(this);
        }
    }
}
