package io.groupkit.core.internal;

import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.DecisionResult;
import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.JoinRequestsPage;
import io.groupkit.core.JoinRequestsResult;
import io.groupkit.core.Member;
import io.groupkit.core.MembersResult;
import io.groupkit.core.Outcome;
import io.groupkit.core.Policies;
import io.groupkit.core.Redaction;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Unavailable;
import io.groupkit.core.internal.Attempts.Step;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.spi.WatchSource;
import io.groupkit.core.time.TimeSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@link GroupMembership} implementation, a thin façade: it checks arguments (a caller's bug
 * throws here, before anything is sent), then hands each call to its steps: {@link AddPipeline}
 * for adds, the attempt loop ({@link Attempts}) with {@link Settlement} for removals, and the loop
 * alone for links, listings, groups and provider-specific operations. {@link Calls} tells the
 * listener about each call and bounds it by the call timeout.
 */
public final class MembershipClient implements GroupMembership {
    private final MembershipProvider provider;
    private final Policies policies;
    private final Capabilities capabilities;
    private final Attempts attempts;
    private final Listening listening;
    private final Synthetic synthetic;
    private final Calls calls;
    private final Listings listings;
    private final Settlement settlement;
    private final InviteLinks inviteLinks;
    private final AddPipeline adds;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A client over a provider.
     *
     * @param provider the provider
     * @param policies the policies
     */
    public MembershipClient(MembershipProvider provider, Policies policies) {
        this.provider = Objects.requireNonNull(provider, "provider must not be null");
        this.policies = Objects.requireNonNull(policies, "policies must not be null");
        this.capabilities = Objects.requireNonNull(provider.capabilities(), "the provider's capabilities must not be null");
        this.listening = new Listening(policies.listener(), provider.name());
        this.synthetic = new Synthetic(provider.name());
        this.attempts = new Attempts(provider, policies, policies.rateLimiter().orElseGet(TokenBucketRateLimiter::new), listening);
        this.calls = new Calls(policies, listening, synthetic);
        this.listings = new Listings(provider, attempts, listening, synthetic);
        this.settlement = new Settlement(provider, attempts, listings, listening, synthetic);
        this.inviteLinks = new InviteLinks(provider, policies, attempts, listening, synthetic);
        this.adds = new AddPipeline(provider, policies, attempts, listings, settlement, inviteLinks, synthetic);
    }

    @Override
    public String provider() {
        return provider.name();
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public AddResult add(GroupRef group, Member member) {
        return Stages.await(add(group, member, Thread.currentThread()));
    }

    @Override
    public CompletableFuture<AddResult> addAsync(GroupRef group, Member member) {
        return add(group, member, null);
    }

    private CompletableFuture<AddResult> add(GroupRef group, Member member, @Nullable Thread caller) {
        check(group, member);
        return observed(Operation.ADD.name(), caller, inv -> guard(adds.one(inv, group, member, Halt.NEVER),
                e -> synthetic.failedWrite(Operation.ADD.name(), e)));
    }

    @Override
    public RemoveResult remove(GroupRef group, Member member) {
        return Stages.await(remove(group, member, Thread.currentThread()));
    }

    @Override
    public CompletableFuture<RemoveResult> removeAsync(GroupRef group, Member member) {
        return remove(group, member, null);
    }

    private CompletableFuture<RemoveResult> remove(GroupRef group, Member member, @Nullable Thread caller) {
        check(group, member);
        if (!capabilities.supports(Operation.REMOVE)) {
            return CompletableFuture.completedFuture(synthetic.unsupported(Operation.REMOVE));
        }
        return observed(Operation.REMOVE.name(), caller, inv -> guard(attempts.run(Step.of(Operation.REMOVE.name(),
                        attempts.limits(Operation.REMOVE), describe(group, member), ctx -> provider.remove(ctx, group, member),
                        synthetic::failedWrite)
                .settledBy(r -> settlement.remove(inv, group, member, r)), inv),
                e -> synthetic.failedWrite(Operation.REMOVE.name(), e)));
    }

    @Override
    public InviteLinkResult inviteLink(GroupRef group) {
        return Stages.await(inviteLink(group, Thread.currentThread()));
    }

    @Override
    public CompletableFuture<InviteLinkResult> inviteLinkAsync(GroupRef group) {
        return inviteLink(group, (Thread) null);
    }

    private CompletableFuture<InviteLinkResult> inviteLink(GroupRef group, @Nullable Thread caller) {
        check(group);
        return observed(Operation.INVITE_LINK.name(), caller, inv -> guard(inviteLinks.fetch(inv, group),
                e -> synthetic.failedRead(Operation.INVITE_LINK.name(), e)));
    }

    @Override
    public InviteLinkResult inviteLink(GroupRef group, Member member) {
        return Stages.await(linkFor(group, member, Thread.currentThread()));
    }

    @Override
    public CompletableFuture<InviteLinkResult> inviteLinkAsync(GroupRef group, Member member) {
        return linkFor(group, member, null);
    }

    private CompletableFuture<InviteLinkResult> linkFor(GroupRef group, Member member, @Nullable Thread caller) {
        check(group, member);
        return observed(Operation.INVITE_LINK.name(), caller, inv -> guard(inviteLinks.forPerson(inv, group, member),
                e -> synthetic.failedRead(Operation.INVITE_LINK.name(), e)));
    }

    @Override
    public MembersResult members(GroupRef group) {
        return Stages.await(members(group, Thread.currentThread()));
    }

    @Override
    public CompletableFuture<MembersResult> membersAsync(GroupRef group) {
        return members(group, null);
    }

    private CompletableFuture<MembersResult> members(GroupRef group, @Nullable Thread caller) {
        check(group);
        return observed(Operation.MEMBERS.name(), caller, inv -> guard(listings.members(inv, group),
                e -> synthetic.failedRead(Operation.MEMBERS.name(), e)));
    }

    @Override
    public GroupsResult groups(GroupsPage page) {
        return Stages.await(groups(page, Thread.currentThread()));
    }

    @Override
    public CompletableFuture<GroupsResult> groupsAsync(GroupsPage page) {
        return groups(page, null);
    }

    private CompletableFuture<GroupsResult> groups(GroupsPage page, @Nullable Thread caller) {
        Objects.requireNonNull(page, "page must not be null");
        provider.checkPage(page);
        if (!capabilities.supports(Operation.GROUPS)) {
            return CompletableFuture.completedFuture(synthetic.unsupported(Operation.GROUPS));
        }
        return observed(Operation.GROUPS.name(), caller, inv -> guard(attempts.run(Step.of(Operation.GROUPS.name(),
                        attempts.limits(Operation.GROUPS), "groups", ctx -> provider.groups(ctx, page), synthetic::failedRead),
                        inv),
                e -> synthetic.failedRead(Operation.GROUPS.name(), e)));
    }

    @Override
    public JoinRequestsResult joinRequests(GroupRef group, JoinRequestsPage page) {
        return Stages.await(joinRequests(group, page, Thread.currentThread()));
    }

    @Override
    public CompletableFuture<JoinRequestsResult> joinRequestsAsync(GroupRef group, JoinRequestsPage page) {
        return joinRequests(group, page, null);
    }

    private CompletableFuture<JoinRequestsResult> joinRequests(GroupRef group, JoinRequestsPage page,
                                                               @Nullable Thread caller) {
        check(group);
        Objects.requireNonNull(page, "page must not be null");
        provider.checkJoinRequestsPage(page);
        Operation op = Operation.JOIN_REQUESTS;
        if (!capabilities.supports(op)) {
            return CompletableFuture.completedFuture(synthetic.unsupported(op));
        }
        return observed(op.name(), caller, inv -> guard(attempts.run(Step.of(op.name(), attempts.limits(op),
                        describe(group), ctx -> provider.joinRequests(ctx, group, page), synthetic::failedRead), inv),
                e -> synthetic.failedRead(op.name(), e)));
    }

    @Override
    public DecisionResult decideJoinRequest(GroupRef group, Member member, JoinDecision decision) {
        return Stages.await(decideJoinRequest(group, member, decision, Thread.currentThread()));
    }

    @Override
    public CompletableFuture<DecisionResult> decideJoinRequestAsync(GroupRef group, Member member, JoinDecision decision) {
        return decideJoinRequest(group, member, decision, null);
    }

    private CompletableFuture<DecisionResult> decideJoinRequest(GroupRef group, Member member, JoinDecision decision,
                                                                @Nullable Thread caller) {
        check(group, member);
        Objects.requireNonNull(decision, "decision must not be null");
        return decide(Operation.DECIDE_JOIN_REQUEST, describe(group, member), caller,
                ctx -> provider.decideJoinRequest(ctx, group, member, decision));
    }

    @Override
    public DecisionResult decideAllJoinRequests(GroupRef group, JoinDecision decision) {
        return Stages.await(decideAllJoinRequests(group, decision, Thread.currentThread()));
    }

    @Override
    public CompletableFuture<DecisionResult> decideAllJoinRequestsAsync(GroupRef group, JoinDecision decision) {
        return decideAllJoinRequests(group, decision, null);
    }

    private CompletableFuture<DecisionResult> decideAllJoinRequests(GroupRef group, JoinDecision decision,
                                                                    @Nullable Thread caller) {
        check(group);
        Objects.requireNonNull(decision, "decision must not be null");
        return decide(Operation.DECIDE_ALL_JOIN_REQUESTS, describe(group), caller,
                ctx -> provider.decideAllJoinRequests(ctx, group, decision));
    }

    /**
     * A decision is a change: an answer lost after sending is Indeterminate, never resent blindly
     * (a second approve is harmless on Telegram, but not every provider says so).
     */
    private CompletableFuture<DecisionResult> decide(Operation op, Object subject, @Nullable Thread caller,
                                                     Function<AttemptContext, CompletionStage<DecisionResult>> call) {
        if (!capabilities.supports(op)) {
            return CompletableFuture.completedFuture(synthetic.unsupported(op));
        }
        return observed(op.name(), caller, inv -> guard(attempts.run(Step.of(op.name(), attempts.limits(op), subject, call,
                        synthetic::failedWrite), inv),
                e -> synthetic.failedWrite(op.name(), e)));
    }

    @Override
    public BulkReport addAll(GroupRef group, List<? extends Member> members, BulkOptions options) {
        ensureOpen();
        check(group);
        Objects.requireNonNull(members, "members must not be null");
        Objects.requireNonNull(options, "options must not be null");
        List<Member> people = List.copyOf(members); // also rejects null entries
        for (int i = 0; i < people.size(); i++) {
            try {
                check(people.get(i));
            } catch (IllegalArgumentException e) {
                // In a list of thousands, which entry: the message masks the number it names.
                throw new IllegalArgumentException("members[" + i + "] of " + people.size() + ": " + e.getMessage(), e);
            }
        }
        Duplicates input = Duplicates.of(people);
        BulkReport report = input.restore(new BulkRun(adds, calls, listening, synthetic, capabilities, policies.time(),
                provider.name(), group, input.unique(), options).run());
        listening.bulkEnded(provider.name(), report);
        return report;
    }

    /** Runs one of the caller's calls, once the client is known to be open. */
    private <R extends Outcome> CompletableFuture<R> observed(String operation, @Nullable Thread caller,
                                                               Function<Invocation, CompletableFuture<R>> work) {
        ensureOpen();
        return calls.observed(operation, caller, work);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this " + provider.name() + " client is closed: build a new one");
        }
    }

    /**
     * The last line of the promise that public futures never fail: a bug anywhere below (a
     * provider's rate limits, a custom limiter) still ends in an outcome.
     */
    private static <R> CompletableFuture<R> guard(CompletionStage<R> stage, Function<Throwable, R> outcome) {
        return stage.handle((r, e) -> r != null ? r : outcome.apply(e != null ? Stages.unwrap(e)
                : new NullPointerException("no outcome"))).toCompletableFuture();
    }

    @Override
    public String accountKey() {
        return provider.accountKey();
    }

    @Override
    public WatchSource watchSource() {
        return new WatchSource() {
            @Override
            public String accountKey() {
                return provider.accountKey();
            }

            @Override
            public Capabilities capabilities() {
                return capabilities;
            }

            @Override
            public TimeSource time() {
                return policies.time();
            }

            @Override
            public CompletableFuture<MembersResult> members(GroupRef group) {
                return membersAsync(group);
            }

            @Override
            public CompletableFuture<EventsResult> events(Optional<String> cursor) {
                Objects.requireNonNull(cursor, "cursor must not be null");
                if (!capabilities.supports(Operation.EVENTS)) {
                    return CompletableFuture.completedFuture(synthetic.unsupported(Operation.EVENTS));
                }
                return observed(Operation.EVENTS.name(), null, inv -> guard(attempts.run(Step.of(Operation.EVENTS.name(),
                                attempts.limits(Operation.EVENTS), "events", ctx -> provider.events(ctx, cursor),
                                synthetic::failedRead), inv),
                        e -> synthetic.failedRead(Operation.EVENTS.name(), e)));
            }

            @Override
            public CompletableFuture<EventsResult> groupEvents(GroupRef group, Optional<String> cursor) {
                Objects.requireNonNull(group, "group must not be null");
                Objects.requireNonNull(cursor, "cursor must not be null");
                if (!capabilities.supports(Operation.GROUP_EVENTS)) {
                    return CompletableFuture.completedFuture(synthetic.unsupported(Operation.GROUP_EVENTS));
                }
                return observed(Operation.GROUP_EVENTS.name(), null, inv -> guard(attempts.run(Step.of(
                                Operation.GROUP_EVENTS.name(), attempts.limits(Operation.GROUP_EVENTS), "group events",
                                ctx -> provider.groupEvents(ctx, group, cursor), synthetic::failedRead), inv),
                        e -> synthetic.failedRead(Operation.GROUP_EVENTS.name(), e)));
            }

            @Override
            public Set<String> identities(Member member) {
                return provider.identities(member);
            }

            @Override
            public List<RateLimit> listingLimits() {
                return attempts.limits(Operation.MEMBERS);
            }
        };
    }

    /**
     * Closes the client: the provider's resources (a connection, an I/O thread) are released, and
     * any later call throws {@link IllegalStateException}. Calls under way end as they end.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            provider.close();
        }
    }

    // ---- for provider clients: their own operations under the same policies ----

    /**
     * Runs a provider-specific operation (create a group, rename it, set an admin) with the
     * client's pacing, retries and attempt timeout. A call that fails in the provider or times out
     * is {@link Indeterminate} if it changes something, {@link Unavailable} if it only reads.
     *
     * @param op the operation's name, for logs
     * @param limits the rate limits each attempt waits for
     * @param effect whether a lost answer may hide a change
     * @param call one attempt
     * @return the outcome; the future does not fail
     */
    public CompletableFuture<ActionResult> execute(String op, List<RateLimit> limits, Effect effect,
                                                   Function<AttemptContext, CompletionStage<ActionResult>> call) {
        return execute(op, limits, effect, call, null);
    }

    /**
     * {@link #execute}, on a synchronous caller's thread, waiting for the outcome.
     *
     * @param op the operation's name, for logs
     * @param limits the rate limits each attempt waits for
     * @param effect whether a lost answer may hide a change
     * @param call one attempt
     * @return the outcome
     */
    public ActionResult executeAndWait(String op, List<RateLimit> limits, Effect effect,
                                       Function<AttemptContext, CompletionStage<ActionResult>> call) {
        return Stages.await(execute(op, limits, effect, call, Thread.currentThread()));
    }

    private CompletableFuture<ActionResult> execute(String op, List<RateLimit> limits, Effect effect,
                                                    Function<AttemptContext, CompletionStage<ActionResult>> call,
                                                    @Nullable Thread caller) {
        Objects.requireNonNull(op, "op must not be null");
        Objects.requireNonNull(limits, "limits must not be null");
        Objects.requireNonNull(call, "call must not be null");
        Objects.requireNonNull(effect, "effect must not be null");
        BiFunction<String, Throwable, ActionResult> onFailure = effect.mayChange() ? synthetic::failedWrite
                : synthetic::failedRead;
        return observed(op, caller, inv -> guard(attempts.run(Step.of(op, limits, op, call, onFailure), inv),
                e -> onFailure.apply(op, e)));
    }

    /**
     * The policies this client applies.
     *
     * @return the policies
     */
    public Policies policies() {
        return policies;
    }

    // ---- argument checks: the caller's bugs throw here, before anything is sent ----

    private void check(GroupRef group) {
        Objects.requireNonNull(group, "group must not be null");
        if (!capabilities.accepts(group)) {
            throw new IllegalArgumentException(provider.name() + " takes group references of type "
                    + capabilities.groupRefTypes().stream().map(Class::getSimpleName).sorted().toList()
                    + ", got " + group.getClass().getSimpleName());
        }
        provider.checkGroup(group);
    }

    private void check(Member member) {
        Objects.requireNonNull(member, "member must not be null");
        if (!capabilities.memberKinds().contains(member.kind())) {
            throw new IllegalArgumentException(provider.name() + " takes members of kind "
                    + capabilities.memberKinds().stream().sorted().toList() + ", got " + member.kind());
        }
        provider.checkMember(member);
    }

    private void check(GroupRef group, Member member) {
        check(group);
        check(member);
    }

    static Object describe(GroupRef group) {
        return new Subject(group, null);
    }

    static Object describe(GroupRef group, Member member) {
        return new Subject(group, member);
    }

    /**
     * What a call is about, for log lines: masked only when a line is written, since masking on
     * every attempt cost more than the rest of the log statement with debug off.
     */
    private record Subject(GroupRef group, @Nullable Member member) { // member: null for a group alone
        @Override
        public String toString() {
            String g = "group " + Redaction.maskDigitRuns(group.key());
            return member == null ? g : g + " member " + member;
        }
    }

    @Override
    public String toString() {
        return "GroupMembership[" + provider.name() + ", " + policies + "]";
    }
}
