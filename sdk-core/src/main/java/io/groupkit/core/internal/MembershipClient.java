package io.groupkit.core.internal;

import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.Member;
import io.groupkit.core.MembersResult;
import io.groupkit.core.Outcome;
import io.groupkit.core.Policies;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Redaction;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.MembershipCheck;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** The {@link GroupMembership} implementation: checks arguments, then applies the policies. */
public final class MembershipClient implements GroupMembership {
    private final MembershipProvider provider;
    private final Policies policies;
    private final Capabilities capabilities;
    private final Attempts attempts;
    private final InviteLinks inviteLinks;

    /**
     * A client over a provider.
     *
     * @param provider the connector
     * @param policies the policies
     */
    public MembershipClient(MembershipProvider provider, Policies policies) {
        this.provider = Objects.requireNonNull(provider, "provider must not be null");
        this.policies = Objects.requireNonNull(policies, "policies must not be null");
        this.capabilities = Objects.requireNonNull(provider.capabilities(), "the provider's capabilities must not be null");
        this.attempts = new Attempts(provider, policies,
                policies.rateLimiter().orElseGet(TokenBucketRateLimiter::new));
        this.inviteLinks = new InviteLinks(this, provider, policies, attempts);
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
        return Blocking.run(() -> Stages.await(addAsync(group, member)));
    }

    @Override
    public CompletableFuture<AddResult> addAsync(GroupRef group, Member member) {
        check(group, member);
        return guard(addChecked(group, member), e -> failedWrite(Operation.ADD.name(), e));
    }

    @Override
    public RemoveResult remove(GroupRef group, Member member) {
        return Blocking.run(() -> Stages.await(removeAsync(group, member)));
    }

    @Override
    public CompletableFuture<RemoveResult> removeAsync(GroupRef group, Member member) {
        check(group, member);
        if (!capabilities.supports(Operation.REMOVE)) {
            return CompletableFuture.completedFuture(unsupported(Operation.REMOVE));
        }
        return guard(attempts.run(Operation.REMOVE.name(), attempts.limits(Operation.REMOVE), describe(group, member),
                ctx -> provider.remove(ctx, group, member), this::failedWrite,
                r -> r instanceof Indeterminate lost ? resolveRemove(group, member, lost) : done(r)),
                e -> failedWrite(Operation.REMOVE.name(), e));
    }

    @Override
    public InviteLinkResult inviteLink(GroupRef group) {
        return Blocking.run(() -> Stages.await(inviteLinkAsync(group)));
    }

    @Override
    public CompletableFuture<InviteLinkResult> inviteLinkAsync(GroupRef group) {
        check(group);
        return guard(inviteLinks.fetch(group), e -> failedRead(Operation.INVITE_LINK.name(), e));
    }

    @Override
    public MembersResult members(GroupRef group) {
        return Blocking.run(() -> Stages.await(membersAsync(group)));
    }

    @Override
    public CompletableFuture<MembersResult> membersAsync(GroupRef group) {
        check(group);
        return guard(listMembers(group), e -> failedRead(Operation.MEMBERS.name(), e));
    }

    @Override
    public GroupsResult groups(GroupsPage page) {
        return Blocking.run(() -> Stages.await(groupsAsync(page)));
    }

    @Override
    public CompletableFuture<GroupsResult> groupsAsync(GroupsPage page) {
        Objects.requireNonNull(page, "page must not be null");
        provider.checkPage(page);
        if (!capabilities.supports(Operation.GROUPS)) {
            return CompletableFuture.completedFuture(unsupported(Operation.GROUPS));
        }
        return guard(attempts.run(Operation.GROUPS.name(), attempts.limits(Operation.GROUPS), "groups",
                ctx -> provider.groups(ctx, page), this::failedRead, MembershipClient::done),
                e -> failedRead(Operation.GROUPS.name(), e));
    }

    @Override
    public BulkReport addAll(GroupRef group, List<? extends Member> members, BulkOptions options) {
        check(group);
        Objects.requireNonNull(members, "members must not be null");
        Objects.requireNonNull(options, "options must not be null");
        List<Member> people = List.copyOf(members); // also rejects null entries
        people.forEach(this::check);
        return new BulkRun(this, provider, attempts, group, people, options).run();
    }

    // ---- flows shared with the bulk run ----

    /** The whole add of one checked person: pre-check, attempts, fallback. */
    CompletionStage<AddResult> addChecked(GroupRef group, Member member) {
        return addChecked(group, member, Halt.NEVER);
    }

    /** An add that gives up unsent (failing with {@link Halt.Halted}) once {@code halt} says so. */
    CompletionStage<AddResult> addChecked(GroupRef group, Member member, Halt halt) {
        if (halt.halted()) {
            return CompletableFuture.failedFuture(new Halt.Halted());
        }
        return precheck(group, member)
                .thenCompose(pre -> pre.isPresent() ? done(pre.get()) : addAttempts(group, member, halt))
                .thenCompose(r -> inviteLinks.fallback(group, member, r));
    }

    /** The invite-link fallback for one outcome. */
    CompletionStage<AddResult> fallback(GroupRef group, Member member, AddResult r) {
        return inviteLinks.fallback(group, member, r);
    }

    CompletionStage<Optional<AddResult>> precheck(GroupRef group, Member member) {
        if (!policies.prechecks() || !capabilities.supports(Operation.PRECHECK)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return precheck(group, member, 1);
    }

    /** A pre-check whose answer is retryable (the provider is starting up) is tried again. */
    private CompletionStage<Optional<AddResult>> precheck(GroupRef group, Member member, int attempt) {
        List<RateLimit> limits = attempts.limits(Operation.PRECHECK);
        // A pre-check that cannot run must not let an unchecked number through: stop with Unavailable.
        return attempts.once(Operation.PRECHECK.name(), limits, ctx -> provider.precheck(ctx, group, member))
                .handle((pre, e) -> e == null && pre != null ? pre
                        : Optional.<AddResult>of(new Unavailable(synthetic("PRECHECK_FAILED",
                        "the pre-check could not run, so the person was not sent to the group"))))
                .thenCompose(pre -> {
                    if (pre.isEmpty() || !pre.get().retryable() || attempt >= policies.retry().maxAttempts()) {
                        return done(pre);
                    }
                    Duration wait = attempts.waitBefore(limits, pre.get(), attempt);
                    return wait == null ? done(pre)
                            : attempts.time().delay(wait).thenCompose(v -> precheck(group, member, attempt + 1));
                });
    }

    /** Attempts of an add (after the pre-check), with retries and resolution of lost answers. */
    CompletionStage<AddResult> addAttempts(GroupRef group, Member member) {
        return addAttempts(group, member, Halt.NEVER);
    }

    private CompletionStage<AddResult> addAttempts(GroupRef group, Member member, Halt halt) {
        AtomicReference<AddResult> reachedProvider = new AtomicReference<>();
        return attempts.run(Operation.ADD.name(), attempts.limits(Operation.ADD), describe(group, member),
                ctx -> provider.add(ctx, group, member), this::failedWrite,
                r -> resolveAdd(group, member, r).thenApply(settled -> credit(settled, r, reachedProvider)), halt);
    }

    /**
     * An attempt that follows one which reached the provider and may have taken effect (a 5xx the
     * provider advises retrying, a lost answer): the person found in the group is this call's
     * doing, so "already a member" counts as added.
     */
    private AddResult credit(AddResult settled, AddResult attempt, AtomicReference<AddResult> reachedProvider) {
        AddResult earlier = reachedProvider.get();
        if (mayHaveApplied(attempt)) {
            reachedProvider.compareAndSet(null, attempt);
        }
        if (earlier != null && settled instanceof AlreadyMember) {
            return new Added(synthetic("ADDED_BY_EARLIER_ATTEMPT", "an earlier attempt reached the provider and failed ("
                    + earlier.detail().code() + "); the retry found the person in the group already"), true);
        }
        return settled;
    }

    /**
     * Whether an attempt's outcome leaves open that the provider carried the change out: a lost
     * answer, or a server error after the request reached it (500, 502, 504…; not 503, which
     * refuses the request).
     */
    static boolean mayHaveApplied(Outcome attempt) {
        if (attempt instanceof Indeterminate) {
            return true;
        }
        int status = attempt instanceof Unavailable u ? u.detail().status().orElse(0) : 0;
        return status >= 500 && status != 503;
    }

    /** Second look at an add's outcome: a lost answer is settled by listing the group. */
    CompletionStage<AddResult> resolveAdd(GroupRef group, Member member, AddResult r) {
        return resolveAdd(group, member, r, () -> listMembers(group));
    }

    /**
     * {@link #resolveAdd(GroupRef, Member, AddResult)} against a listing that several people share:
     * the people of one lost batch are settled with one listing, not one each.
     */
    CompletionStage<AddResult> resolveAdd(GroupRef group, Member member, AddResult r,
                                          Supplier<CompletionStage<MembersResult>> listing) {
        if (!(r instanceof Indeterminate lost)) {
            return done(r);
        }
        return isListed(group, member, listing).thenApply(found -> switch (found) {
            case PRESENT -> new Added(synthetic("VERIFIED_BY_MEMBERSHIP_CHECK",
                    "the add got no answer (" + lost.detail().code() + "); the group's member list shows the person"), true);
            case ABSENT -> new Unavailable(synthetic("NOT_ADDED_VERIFIED",
                    "the add got no answer (" + lost.detail().code() + "); the group's member list shows the person is not in it"));
            case UNKNOWN -> lost;
        });
    }

    CompletionStage<MembersResult> listMembers(GroupRef group) {
        if (!capabilities.supports(Operation.MEMBERS)) {
            return done(unsupported(Operation.MEMBERS));
        }
        return attempts.run(Operation.MEMBERS.name(), attempts.limits(Operation.MEMBERS), describe(group),
                ctx -> provider.members(ctx, group), this::failedRead,
                MembershipClient::done);
    }

    CompletionStage<InviteLinkResult> fetchInviteLink(GroupRef group) {
        if (!capabilities.supports(Operation.INVITE_LINK)) {
            return done(unsupported(Operation.INVITE_LINK));
        }
        return attempts.run(Operation.INVITE_LINK.name(), attempts.limits(Operation.INVITE_LINK), describe(group),
                ctx -> provider.inviteLink(ctx, group),
                this::failedRead, MembershipClient::done);
    }

    private CompletionStage<RemoveResult> resolveRemove(GroupRef group, Member member, Indeterminate lost) {
        return isListed(group, member, () -> listMembers(group)).thenApply(found -> switch (found) {
            case ABSENT -> new Removed(synthetic("VERIFIED_BY_MEMBERSHIP_CHECK",
                    "the removal got no answer (" + lost.detail().code() + "); the group's member list no longer shows the person"), true);
            case PRESENT -> new Unavailable(synthetic("NOT_REMOVED_VERIFIED",
                    "the removal got no answer (" + lost.detail().code() + "); the group's member list still shows the person"));
            case UNKNOWN -> lost;
        });
    }

    private CompletionStage<MembershipCheck> isListed(GroupRef group, Member member,
                                                      Supplier<CompletionStage<MembersResult>> listing) {
        if (!capabilities.supports(Operation.MEMBERS)) {
            return attempts.once("MEMBERSHIP_CHECK", attempts.limits(Operation.MEMBERS),
                            ctx -> provider.isMember(ctx, group, member))
                    .handle((found, e) -> found != null ? found : MembershipCheck.UNKNOWN);
        }
        return Stages.invoke(listing).thenApply(members -> provider.find(members, member))
                .exceptionally(e -> MembershipCheck.UNKNOWN);
    }

    /**
     * The group's members, listed on the first call only and shared by every later call: for
     * settling the lost answers of one batch.
     */
    Supplier<CompletionStage<MembersResult>> sharedListing(GroupRef group) {
        AtomicReference<CompletableFuture<MembersResult>> once = new AtomicReference<>();
        return () -> {
            CompletableFuture<MembersResult> mine = new CompletableFuture<>();
            if (!once.compareAndSet(null, mine)) {
                return once.get();
            }
            Stages.invoke(() -> listMembers(group)).whenComplete((r, e) -> {
                if (r != null) {
                    mine.complete(r);
                } else {
                    mine.complete(failedRead(Operation.MEMBERS.name(), e != null ? Stages.unwrap(e)
                            : new NullPointerException("no listing")));
                }
            });
            return mine;
        };
    }

    /**
     * The last line of the promise that public futures never fail: a bug anywhere below (a
     * connector's rate limits, a custom limiter) still ends in an outcome.
     */
    private static <R> CompletableFuture<R> guard(CompletionStage<R> stage, Function<Throwable, R> outcome) {
        return stage.handle((r, e) -> r != null ? r : outcome.apply(e != null ? Stages.unwrap(e)
                : new NullPointerException("no outcome"))).toCompletableFuture();
    }

    // ---- outcomes GroupKit makes itself ----

    Indeterminate failedWrite(String op, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return new Indeterminate(synthetic("ATTEMPT_TIMEOUT", op + " got " + cause.getMessage() + "; it may have been sent"));
        }
        return new Indeterminate(synthetic("CONNECTOR_FAILURE",
                op + " failed in the connector with " + cause.getClass().getName() + "; it may have been sent"));
    }

    Unavailable failedRead(String op, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return new Unavailable(synthetic("ATTEMPT_TIMEOUT", op + " got " + cause.getMessage()));
        }
        return new Unavailable(synthetic("CONNECTOR_FAILURE",
                op + " failed in the connector with " + cause.getClass().getName()));
    }

    private Unsupported unsupported(Operation op) {
        return new Unsupported(synthetic("UNSUPPORTED", provider.name() + " has no " + op + " operation"));
    }

    ProviderDetail synthetic(String code, String description) {
        return ProviderDetail.of(provider.name(), code).withDescription(description);
    }

    static <R> CompletionStage<R> done(R r) {
        return CompletableFuture.completedFuture(r);
    }

    // ---- for provider clients: their own operations under the same policies ----

    /**
     * Runs a provider-specific operation (create a group, rename it, set an admin) with the
     * client's pacing, retries and attempt timeout. A call that fails in the connector or times out
     * is {@link Indeterminate} if it changes something, {@link Unavailable} if it only reads.
     *
     * @param op the operation's name, for logs
     * @param limits the rate limits each attempt waits for
     * @param changes whether the operation changes anything at the provider
     * @param call one attempt
     * @return the outcome; the future does not fail
     */
    public CompletableFuture<ActionResult> execute(String op, List<RateLimit> limits, boolean changes,
                                                   Function<AttemptContext, CompletionStage<ActionResult>> call) {
        Objects.requireNonNull(op, "op must not be null");
        Objects.requireNonNull(limits, "limits must not be null");
        Objects.requireNonNull(call, "call must not be null");
        BiFunction<String, Throwable, ActionResult> onFailure = changes ? this::failedWrite : this::failedRead;
        return guard(attempts.run(op, limits, op, call, onFailure, MembershipClient::done),
                e -> onFailure.apply(op, e));
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

    static String describe(GroupRef group) {
        return "group " + Redaction.maskDigitRuns(group.key());
    }

    static String describe(GroupRef group, Member member) {
        return describe(group) + " member " + member;
    }

    @Override
    public String toString() {
        return "GroupMembership[" + provider.name() + ", " + policies + "]";
    }
}
